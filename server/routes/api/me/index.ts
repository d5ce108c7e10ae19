import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../../auth/passwords.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { assertPlainLanguageIsGerman, LocaleSchema, PlainLanguageSchema } from '../../../http/language.ts';
import { paging } from '../../../http/paging.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { literals, NoContent, Page, PageQuery, problems, Timestamp, Uuid } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { accountPolicy } from '../../../policies/account.ts';
import {
  findPasswordCheck,
  getProfile,
  listAccountActivity,
  setPassword,
  updateAccountSettings,
  updateProfile,
} from '../../../repositories/accounts.ts';
import { existingDistricts } from '../../../repositories/districts.ts';

const Tag = Type.String({ minLength: 1, maxLength: 60 });
const Slot = Type.Object(
  {
    day: literals(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
    part: literals(['morning', 'afternoon', 'evening']),
  },
  { additionalProperties: false },
);

export const ProfileView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  locale: LocaleSchema,
  plainLanguage: PlainLanguageSchema,
  hasPassword: Type.Boolean(),
  bio: Type.String(),
  skills: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  availability: Type.Array(Slot),
  districtIds: Type.Array(Type.String()),
});

const ProfileUpdate = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 80 }),
    locale: LocaleSchema,
    plainLanguage: PlainLanguageSchema,
    bio: Type.String({ maxLength: 2000 }),
    skills: Type.Array(Tag, { maxItems: 30, uniqueItems: true }),
    interests: Type.Array(Tag, { maxItems: 30, uniqueItems: true }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 20, uniqueItems: true }),
    availability: Type.Array(Slot, { maxItems: 21 }),
    districtIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }),
  }),
  { additionalProperties: false, minProperties: 1 },
);

const PasswordChange = Type.Object(
  {
    currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
    newPassword: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const ActivityQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const ActivityItem = Type.Object({
  id: Type.Integer(),
  /** e.g. session.created, password.changed, account.sign_in_link_created */
  action: Type.String(),
  /** who did it when it was not the person themself (an instance admin); null for the command line */
  byOther: Type.Boolean(),
  byName: Type.Union([Type.String(), Type.Null()]),
  /** how a session began: password, link or assisted_link */
  method: Type.Union([Type.String(), Type.Null()]),
  /** the reason an admin gave (a block, a sign-in link) */
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Timestamp,
});

/** The signed-in person's own profile, password and account activity. */
export async function meRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['me'];

  async function view(accountId: string) {
    const p = await getProfile(db, networkId, accountId);
    if (!p) throw notFound();
    return {
      id: p.id,
      email: p.email,
      displayName: p.display_name,
      locale: p.locale,
      plainLanguage: p.plain_language,
      hasPassword: p.password_hash !== null,
      bio: p.bio,
      skills: p.skills,
      interests: p.interests,
      languages: p.languages,
      availability: p.availability as unknown as Static<typeof Slot>[],
      districtIds: p.district_ids,
    };
  }

  app.get(
    '/',
    { schema: { tags, summary: 'My profile', response: { 200: ProfileView, ...problems } } },
    async (req) => view(requireAccount(req)),
  );

  app.patch<{ Body: Static<typeof ProfileUpdate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Change my profile',
        body: ProfileUpdate,
        response: { 200: ProfileView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const b = req.body;
      assertPlainLanguageIsGerman(b);
      await executeTx(db, async (tx) => {
        if (b.districtIds && b.districtIds.length > 0) {
          const found = await existingDistricts(tx, networkId, b.districtIds);
          if (found.length !== b.districtIds.length) {
            throw new Problem(422, 'validation', {
              fields: [{ field: '/districtIds', code: 'field.invalid' }],
            });
          }
        }
        await updateAccountSettings(tx, networkId, accountId, b);
        await updateProfile(tx, networkId, accountId, b);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'profile.updated',
          entityType: 'account',
          entityId: accountId,
          details: { fields: Object.keys(b) },
          ip: clientIp(req),
        });
      });
      return view(accountId);
    },
  );

  app.put<{ Body: Static<typeof PasswordChange> }>(
    '/password',
    {
      schema: {
        tags,
        summary: 'Set or change my password',
        body: PasswordChange,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      // whoever holds an admin's sign-in link may be the admin: the help must not become a key
      if (req.session?.assisted) throw new Problem(403, 'auth.assisted_session');
      const current = await findPasswordCheck(db, networkId, accountId);
      if (
        current.password_hash &&
        !(await verifyPassword(current.password_hash, req.body.currentPassword ?? ''))
      ) {
        throw new Problem(422, 'auth.password_wrong', {
          fields: [{ field: '/currentPassword', code: 'auth.password_wrong' }],
        });
      }
      assertAcceptablePassword(req.body.newPassword, [current.display_name, current.email], '/newPassword');
      const hash = await hashPassword(req.body.newPassword);
      await executeTx(db, async (tx) => {
        await setPassword(tx, networkId, accountId, hash, req.session!.id);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'password.changed',
          entityType: 'account',
          entityId: accountId,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: Static<typeof ActivityQuery> }>(
    '/activity',
    {
      schema: {
        tags,
        summary: 'What was done with my account: sign-ins, password changes, an admin’s sign-in links',
        querystring: ActivityQuery,
        response: { 200: Page(ActivityItem), ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      if (!accountPolicy.readActivity(req.actor, { id: accountId })) throw notFound();
      const page = paging(req.query);
      const { rows, total } = await listAccountActivity(db, networkId, accountId, page);
      return {
        items: rows.map((r) => ({
          id: r.id,
          action: r.action,
          byOther: r.actor_id !== accountId,
          byName: r.actor_id !== accountId ? r.actor_name : null,
          method: r.method,
          reason: r.reason,
          at: r.at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );
}
