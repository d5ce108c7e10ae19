import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { assertAcceptablePassword, hashPassword } from '../../../auth/passwords.ts';
import { hashSecret } from '../../../auth/tokens.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { clientIp } from '../../../http/context.ts';
import {
  accountLanguage,
  assertPlainLanguageIsGerman,
  LocaleSchema,
  PlainLanguageSchema,
} from '../../../http/language.ts';
import { Problem } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { createAccount, findAccountByEmail } from '../../../repositories/accounts.ts';
import { findOpenInvitation, markInvitationUsed } from '../../../repositories/oneTimeTokens.ts';
import { setMembership } from '../../../repositories/organisations.ts';
import { Role } from '../organisations/schema.ts';
import { signIn } from '../session/index.ts';

const Token = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });
const InvitationLookup = Type.Object({ token: Token }, { additionalProperties: false });
export const InvitationPreview = Type.Object({
  organisation: Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() }),
  role: Role,
  email: Type.String(),
  hasAccount: Type.Boolean(),
  expiresAt: Type.String({ format: 'date-time' }),
});
const Accept = Type.Object(
  {
    token: Token,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    password: Type.Optional(Type.String({ maxLength: 1000 })),
    locale: Type.Optional(LocaleSchema),
    plainLanguage: Type.Optional(PlainLanguageSchema),
  },
  { additionalProperties: false },
);
const Accepted = Type.Object({ organisationSlug: Type.String() });

/**
 * Accepting an invitation: whoever holds the link joins the organisation with the role given.
 * Someone new gets an account on the spot (a password is optional: they can always sign in by
 * link); someone signed in as another email is told to sign out first.
 */
export async function invitationRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['invitations'];

  async function find(ex: Executor, token: string, lock = false) {
    const inv = await findOpenInvitation(ex, networkId, hashSecret(token), lock);
    if (!inv) throw new Problem(404, 'invitation.invalid');
    return inv;
  }

  app.post<{ Body: Static<typeof InvitationLookup> }>(
    '/lookup',
    {
      schema: {
        tags,
        summary: 'What an invitation link is for',
        body: InvitationLookup,
        response: { 200: InvitationPreview, ...problems },
      },
    },
    async (req) => {
      const inv = await find(db, req.body.token);
      const account = await findAccountByEmail(db, networkId, inv.email);
      return {
        organisation: { id: inv.org_id, name: inv.org_name, slug: inv.org_slug },
        role: inv.role ?? 'volunteer',
        email: inv.email,
        hasAccount: Boolean(account),
        expiresAt: inv.expires_at.toISOString(),
      };
    },
  );

  app.post<{ Body: Static<typeof Accept> }>(
    '/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation (joins, and signs in)',
        body: Accept,
        response: { 200: Accepted, ...problems },
      },
    },
    async (req, reply) => {
      assertPlainLanguageIsGerman(req.body);
      if (req.body.password) assertAcceptablePassword(req.body.password, [req.body.displayName ?? '']);
      const passwordHash = req.body.password ? await hashPassword(req.body.password) : null;
      const result = await executeTx(db, async (tx) => {
        const inv = await find(tx, req.body.token, true);
        let account = await findAccountByEmail(tx, networkId, inv.email);
        if (req.session && req.session.account.email !== inv.email)
          throw new Problem(409, 'invitation.other_account');
        if (account?.blocked_at) throw new Problem(403, 'auth.blocked');
        if (!account) {
          if (!req.body.displayName) {
            throw new Problem(400, 'validation', {
              fields: [{ field: '/displayName', code: 'field.required' }],
            });
          }
          account = await createAccount(tx, {
            networkId,
            email: inv.email,
            displayName: req.body.displayName,
            passwordHash,
            ...accountLanguage(req.body, req.locale),
            emailVerified: true,
          });
        }
        await setMembership(tx, networkId, inv.org_id, account.id, inv.role ?? 'volunteer');
        await markInvitationUsed(tx, networkId, inv.token_hash, account.id);
        await audit(tx, {
          networkId,
          actorId: account.id,
          action: 'invitation.accepted',
          entityType: 'organisation',
          entityId: inv.org_id,
          details: { role: inv.role },
          ip: clientIp(req),
        });
        if (inv.created_by) {
          await notify(tx, {
            networkId,
            accountId: inv.created_by,
            kind: 'invitation.accepted',
            params: { name: account.display_name, organisation: inv.org_name },
            link: webPaths.organisationAdmin(inv.org_slug),
          });
        }
        return { accountId: account.id, slug: inv.org_slug };
      });
      if (!req.session) await signIn(app, req, reply, result.accountId);
      return { organisationSlug: result.slug };
    },
  );
}
