import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { Problem } from '../../../http/problem.ts';
import { NoContent, problems, Timestamp, Uuid } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import {
  declineInvitation,
  findOpenInvitation,
  markInvitationUsed,
  openInvitationsForAccount,
} from '../../../repositories/oneTimeTokens.ts';
import { setMembership } from '../../../repositories/organisations.ts';
import { Role } from '../organisations/schema.ts';

export const MyInvitation = Type.Object({
  organisation: Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() }),
  role: Role,
  invitedBy: Type.Union([Type.String(), Type.Null()]),
  invitedAt: Timestamp,
  expiresAt: Timestamp,
});

const OrganisationParams = Type.Object({ organisationId: Uuid }, { additionalProperties: false });
const Accepted = Type.Object({ organisationSlug: Type.String() });

/** No invitation of mine to this organisation is open: answered like one that never was. */
const none = () => new Problem(404, 'invitation.invalid');

/**
 * Invitations to organisations waiting for me (the home lists them): the same invitations the emailed
 * link opens, accepted or declined here without it by the account whose verified email they are
 * addressed to — holding that address is what the link proves. Not in a session begun with an
 * admin's sign-in link: joining an organisation is the person's own decision.
 */
export async function myInvitationRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['me', 'invitations'];

  function own(req: FastifyRequest) {
    const accountId = requireAccount(req);
    if (req.session?.assisted) throw new Problem(403, 'forbidden');
    return accountId;
  }

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Invitations to organisations addressed to my (verified) email that wait for my answer',
        response: { 200: Type.Object({ items: Type.Array(MyInvitation) }), ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      if (req.session?.assisted) return { items: [] };
      const rows = await openInvitationsForAccount(db, networkId, accountId);
      return {
        items: rows.map((r) => ({
          organisation: { id: r.org_id, name: r.org_name, slug: r.org_slug },
          role: r.role ?? 'volunteer',
          invitedBy: r.inviter_name,
          invitedAt: r.created_at.toISOString(),
          expiresAt: r.expires_at.toISOString(),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof OrganisationParams> }>(
    '/:organisationId/accept',
    {
      schema: {
        tags,
        summary: 'Accept my invitation to this organisation: I join it with the role it names',
        params: OrganisationParams,
        response: { 200: Accepted, ...problems },
      },
    },
    async (req) => {
      const accountId = own(req);
      return executeTx(db, async (tx) => {
        const [mine] = await openInvitationsForAccount(tx, networkId, accountId, req.params.organisationId);
        // locked and checked again: two tabs accepting at once join once
        const inv = mine && (await findOpenInvitation(tx, networkId, mine.token_hash, true));
        if (!inv) throw none();
        await setMembership(tx, networkId, inv.org_id, accountId, inv.role ?? 'volunteer');
        await markInvitationUsed(tx, networkId, inv.token_hash, accountId);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'invitation.accepted',
          entityType: 'organisation',
          entityId: inv.org_id,
          details: { role: inv.role, from: 'home' },
          ip: clientIp(req),
        });
        if (inv.created_by) {
          await notify(tx, {
            networkId,
            accountId: inv.created_by,
            kind: 'invitation.accepted',
            params: { name: req.session?.account.displayName ?? '', organisation: inv.org_name },
            link: webPaths.organisationAdmin(inv.org_slug),
          });
        }
        return { organisationSlug: inv.org_slug };
      });
    },
  );

  app.post<{ Params: Static<typeof OrganisationParams> }>(
    '/:organisationId/decline',
    {
      schema: {
        tags,
        summary: 'Decline my invitation to this organisation: it is spent, and leaves my home',
        params: OrganisationParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = own(req);
      await executeTx(db, async (tx) => {
        const [mine] = await openInvitationsForAccount(tx, networkId, accountId, req.params.organisationId);
        if (!mine || (await declineInvitation(tx, networkId, mine.token_hash)) === 0) throw none();
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'invitation.declined',
          entityType: 'organisation',
          entityId: mine.org_id,
          details: { role: mine.role },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
