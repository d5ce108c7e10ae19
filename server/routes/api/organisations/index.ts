import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../../auth/tokens.ts';
import type { MembershipRole } from '../../../db/schema.ts';
import { executeTx, insertTogether } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { featureCollection, pointFeature, producesGeoJson, sendGeoJson } from '../../../http/geojson.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../http/schemas.ts';
import { t } from '../../../i18n/messages.ts';
import { audit, auditInsert } from '../../../platform/audit.ts';
import { sendMail } from '../../../platform/mail.ts';
import { notificationInsert } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import type { Actor } from '../../../policies/actor.ts';
import { organisationAbilities, organisationPolicy } from '../../../policies/organisation.ts';
import { findAccount, type membershipsOf } from '../../../repositories/accounts.ts';
import {
  insertInvitation,
  listOpenInvitations,
  revokeInvitation,
} from '../../../repositories/oneTimeTokens.ts';
import {
  countAdminsForUpdate,
  findMembership,
  findOrganisation,
  indexOrganisation,
  insertOrganisation,
  listMembers,
  listOrganisations,
  organisationsOnMap,
  removeMembership,
  setMembership,
  updateOrganisation,
} from '../../../repositories/organisations.ts';
import {
  InvitationCreate,
  InvitationParams,
  InvitationView,
  MemberParams,
  MemberView,
  OrganisationCreate,
  OrganisationFeatures,
  OrganisationListQuery,
  OrganisationMapQuery,
  OrganisationUpdate,
  OrganisationView,
  RoleChange,
} from './schema.ts';

export const invitationDays = 14;
/** The most organisations one GeoJSON answer holds. */
const mapLimit = 2000;

type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

function present(o: OrgRow, actor: Actor) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    sector: o.sector,
    description: o.description,
    website: o.website,
    email: o.email,
    phone: o.phone,
    address: o.address,
    districtId: o.district_id,
    lat: o.lat,
    lng: o.lng,
    memberCount: o.member_count,
    abilities: organisationAbilities(actor, o),
  };
}

/** A person's membership as the session and a profile show it. */
export function presentMembership(m: Awaited<ReturnType<typeof membershipsOf>>[number]) {
  return { organisationId: m.id, name: m.name, slug: m.slug, role: m.role };
}

type InvitationRow = Awaited<ReturnType<typeof listOpenInvitations>>[number];

/** An open invitation; its id is the token's hash (the token itself is only ever in the email). */
function presentInvitation(r: InvitationRow, role: MembershipRole = r.role ?? 'volunteer') {
  return {
    id: r.token_hash,
    email: r.email,
    role,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
  };
}

export async function organisationRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['organisations'];

  async function load(idOrSlug: string) {
    const org = await findOrganisation(db, networkId, idOrSlug);
    if (!org) throw notFound();
    return org;
  }

  app.get<{ Querystring: Static<typeof OrganisationListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'The directory of organisations',
        querystring: OrganisationListQuery,
        response: { 200: Page(OrganisationView), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { items, total } = await listOrganisations(db, networkId, { ...req.query, ...page });
      return { items: items.map((o) => present(o, req.actor)), total, ...page };
    },
  );

  app.get<{ Querystring: Static<typeof OrganisationMapQuery> }>(
    '/geojson',
    {
      schema: {
        tags,
        summary: `The organisations with a place as a GeoJSON FeatureCollection (at most ${mapLimit}, by name; truncated says more matched). Properties: id, slug, name, kind, sector, address, website, district, url`,
        querystring: OrganisationMapQuery,
        produces: producesGeoJson,
        response: { 200: OrganisationFeatures, ...problems },
      },
    },
    async (req, reply) => {
      const rows = await organisationsOnMap(db, networkId, req.query, mapLimit);
      return sendGeoJson(
        reply,
        featureCollection(
          rows.slice(0, mapLimit).map((o) =>
            pointFeature(o.id, o.lng as number, o.lat as number, {
              id: o.id,
              slug: o.slug,
              name: o.name,
              kind: o.kind,
              sector: o.sector,
              address: o.address,
              website: o.website,
              district: o.district_name,
              url: webPaths.organisation(o.slug),
            }),
          ),
          rows.length > mapLimit,
        ),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One organisation, by id or slug',
        params: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[a-z0-9-]{2,60}$|^[0-9a-f-]{36}$' } },
          required: ['id'],
          additionalProperties: false,
        },
        response: { 200: OrganisationView, ...problems },
      },
    },
    async (req) => present(await load(req.params.id), req.actor),
  );

  app.post<{ Body: Static<typeof OrganisationCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an organisation (instance admins)',
        body: OrganisationCreate,
        response: { 201: OrganisationView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      if (!organisationPolicy.create(req.actor)) throw forbidden();
      const id = await executeTx(db, async (tx) => {
        const { id } = await insertOrganisation(tx, networkId, req.body);
        await audit(tx, {
          networkId,
          actorId,
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: id,
          ip: clientIp(req),
        });
        await indexOrganisation(tx, networkId, id);
        return id;
      });
      return reply.code(201).send(present(await load(id), req.actor));
    },
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof OrganisationUpdate> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation (its admins)',
        params: IdParams,
        body: OrganisationUpdate,
        response: { 200: OrganisationView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.update(req.actor, org)) throw forbidden();
      await executeTx(db, async (tx) => {
        await updateOrganisation(tx, networkId, org.id, req.body);
        await audit(tx, {
          networkId,
          actorId,
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: org.id,
          details: { fields: Object.keys(req.body) },
          ip: clientIp(req),
        });
        await indexOrganisation(tx, networkId, org.id);
      });
      return present(await load(org.id), req.actor);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/members',
    {
      schema: {
        tags,
        summary: "The organisation's members and their roles",
        params: IdParams,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: MemberView } } },
          ...problems,
        },
      },
    },
    async (req) => {
      requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.viewMembers(req.actor, org)) throw forbidden();
      const rows = await listMembers(db, networkId, org.id);
      return {
        items: rows.map((m) => ({
          accountId: m.account_id,
          displayName: m.display_name,
          role: m.role,
          since: m.created_at.toISOString(),
        })),
      };
    },
  );

  app.put<{ Params: Static<typeof MemberParams>; Body: Static<typeof RoleChange> }>(
    '/:id/members/:accountId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: RoleChange,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.manageMembers(req.actor, org)) throw forbidden();
      await executeTx(db, async (tx) => {
        const admins = await countAdminsForUpdate(tx, networkId, org.id);
        const current = await findMembership(tx, networkId, org.id, req.params.accountId);
        if (!current) throw notFound();
        if (current.role === 'admin' && req.body.role !== 'admin' && admins <= 1)
          throw new Problem(409, 'membership.last_admin');
        await setMembership(tx, networkId, org.id, req.params.accountId, req.body.role);
        // The member hears of a new role, unless it is their own doing or nothing changed.
        const tell = req.params.accountId !== actorId && current.role !== req.body.role;
        await insertTogether(tx, [
          auditInsert(tx, {
            networkId,
            actorId,
            action: 'membership.role_changed',
            entityType: 'organisation',
            entityId: org.id,
            details: { accountId: req.params.accountId, from: current.role, to: req.body.role },
            ip: clientIp(req),
          }),
          tell &&
            notificationInsert(tx, [
              {
                networkId,
                accountId: req.params.accountId,
                kind: 'membership.role_changed',
                params: { organisation: org.name, role: req.body.role },
                link: webPaths.organisation(org.slug),
              },
            ]),
        ]);
      });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof MemberParams> }>(
    '/:id/members/:accountId',
    {
      schema: {
        tags,
        summary: 'Remove a member (admins), or leave (oneself)',
        params: MemberParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await load(req.params.id);
      const leaving = req.params.accountId === actorId;
      if (!leaving && !organisationPolicy.manageMembers(req.actor, org)) throw forbidden();
      await executeTx(db, async (tx) => {
        const admins = await countAdminsForUpdate(tx, networkId, org.id);
        const current = await findMembership(tx, networkId, org.id, req.params.accountId);
        if (!current) throw notFound();
        if (current.role === 'admin' && admins <= 1) throw new Problem(409, 'membership.last_admin');
        await removeMembership(tx, networkId, org.id, req.params.accountId);
        // Someone removed by an admin is told; someone who leaves knows already.
        await insertTogether(tx, [
          auditInsert(tx, {
            networkId,
            actorId,
            action: leaving ? 'membership.left' : 'membership.removed',
            entityType: 'organisation',
            entityId: org.id,
            details: { accountId: req.params.accountId },
            ip: clientIp(req),
          }),
          !leaving &&
            notificationInsert(tx, [
              {
                networkId,
                accountId: req.params.accountId,
                kind: 'membership.removed',
                params: { organisation: org.name },
                link: webPaths.organisation(org.slug),
              },
            ]),
        ]);
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Open invitations',
        params: IdParams,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: InvitationView } } },
          ...problems,
        },
      },
    },
    async (req) => {
      requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.invite(req.actor, org)) throw forbidden();
      const rows = await listOpenInvitations(db, networkId, org.id);
      return { items: rows.map((r) => presentInvitation(r)) };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof InvitationCreate> }>(
    '/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by email',
        params: IdParams,
        body: InvitationCreate,
        response: { 201: InvitationView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.invite(req.actor, org)) throw forbidden();
      const email = req.body.email.trim().toLowerCase();
      const token = newSecret();
      const link = `${app.deps.config.publicUrl}/einladung#${token}`;
      // Without a mail server the email only waits in the outbox (whose links are hidden), so the
      // invitation would go nowhere. The one who invites could pass the link on anyway; they get it
      // here, in this answer only — it is not stored, never listed again, and the audit row says so.
      const mailHeld = !app.deps.config.smtpUrl;
      const row = await executeTx(db, async (tx) => {
        const inviter = await findAccount(tx, networkId, actorId);
        const created = await insertInvitation(tx, networkId, {
          tokenHash: hashSecret(token),
          email,
          organisationId: org.id,
          role: req.body.role,
          createdBy: actorId,
          days: invitationDays,
        });
        const locale = req.locale;
        const params = {
          inviter: inviter?.display_name ?? '',
          organisation: org.name,
          network: app.deps.network.name,
          role: t(locale, `role.${req.body.role}`),
          days: invitationDays,
          link,
        };
        await sendMail(
          tx,
          {
            networkId,
            to: email,
            subject: t(locale, 'email.invitation.subject', params),
            text: t(locale, 'email.invitation.body', params),
            secrets: [token],
          },
          Boolean(app.deps.config.smtpUrl),
        );
        await audit(tx, {
          networkId,
          actorId,
          action: 'invitation.created',
          entityType: 'organisation',
          entityId: org.id,
          details: { email, role: req.body.role, ...(mailHeld ? { linkShown: true } : {}) },
          ip: clientIp(req),
        });
        return created;
      });
      return reply.code(201).send({
        ...presentInvitation(row, row.role ?? req.body.role),
        ...(mailHeld ? { url: link, mailHeld: true } : {}),
      });
    },
  );

  app.delete<{ Params: Static<typeof InvitationParams> }>(
    '/:id/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Withdraw an invitation',
        params: InvitationParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await load(req.params.id);
      if (!organisationPolicy.invite(req.actor, org)) throw forbidden();
      const r = await executeTx(db, async (tx) => {
        const revoked = await revokeInvitation(tx, networkId, org.id, req.params.invitationId);
        if (revoked > 0) {
          await audit(tx, {
            networkId,
            actorId,
            action: 'invitation.revoked',
            entityType: 'organisation',
            entityId: org.id,
            ip: clientIp(req),
          });
        }
        return revoked;
      });
      if (r === 0) throw notFound();
      return reply.code(204).send();
    },
  );
}
