import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { actsFor } from '../../../../policies/actor.ts';
import { createCircle } from '../../commands/createCircle.ts';
import { graceDays } from '../../commands/purgeCircle.ts';
import { type CircleState, circleAbilities, circlePolicy, isLive } from '../../policies/circle.ts';
import {
  appendConsent,
  type CircleForMember,
  listCirclesOf,
  listConsents,
  updateCircle,
} from '../../repositories/circles.ts';
import { accessOf, CircleParams, loadCircle, loadForChange, tags } from './access.ts';
import { attachmentRoutes } from './attachments.ts';
import { mapRoutes } from './map.ts';
import { memberRoutes } from './members.ts';
import { feedRoutes, needRoutes } from './needs.ts';
import { privacyRoutes } from './privacy.ts';
import {
  CircleCreate,
  CircleListItem,
  CircleUpdate,
  CircleView,
  ConsentRecordCreate,
  ConsentView,
} from './schema.ts';
import { teamRoutes } from './team.ts';
import { updateRoutes } from './updates.ts';

export function circleStatus(c: CircleState) {
  if (c.status === 'deletion_requested') return 'deletion_requested' as const;
  return isLive(c) ? ('active' as const) : ('frozen' as const);
}

export function presentCircle(c: CircleForMember) {
  const access = accessOf(c);
  return {
    id: c.id,
    personLabel: c.person_label,
    ...(circlePolicy.seeEmails(access) ? { personEmail: c.person_email } : {}),
    personHasAccount: c.person_account_id !== null,
    organisation: c.organisation_id ? { id: c.organisation_id, name: c.organisation_name ?? '' } : null,
    status: circleStatus(c),
    purgeAfter: c.purge_after ? c.purge_after.toISOString() : null,
    deletionGraceDays: graceDays,
    consentScope: [...access.scope],
    alertHours: c.alert_hours,
    myRole: c.role,
    awaitingOwner: access.preparing,
    mySettings: {
      notifyNeeds: c.notify_needs,
      notifyUpdates: c.notify_updates,
      notifyReminders: c.notify_reminders,
      notifyEmail: c.notify_email,
      reminderHours: c.reminder_hours,
    },
    createdAt: c.created_at.toISOString(),
    abilities: circleAbilities(access),
  };
}

/**
 * Unterstützungskreise under /circles. Every route that names a circle goes through loadCircle, which
 * answers 404 to anyone who is not a member and writes professionals' reads to the audit trail.
 */
export async function circleRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  // A session begun with a sign-in link an instance admin made sees no circle at all — not the list,
  // not one circle, no joining or opening one — exactly as if there were none: whoever holds that
  // link may be the admin, and circles are invisible to admins (LoadedSession.assisted).
  app.addHook('onRequest', async (req) => {
    if (req.session?.assisted) throw notFound();
  });

  app.post<{ Body: Static<typeof CircleCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary:
          'Open a circle: around myself, or as staff of an organisation on a person’s behalf with their recorded consent',
        body: CircleCreate,
        response: { 201: CircleView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const id = await createCircle(
        db,
        { networkId, actor: req.actor, actorId, ip: clientIp(req) },
        req.body,
      );
      const { circle } = await loadCircle(app, req, db, id, circlePolicy.view);
      return reply.code(201).send(presentCircle(circle));
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'The circles I belong to',
        response: { 200: Type.Object({ items: Type.Array(CircleListItem) }), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const rows = await listCirclesOf(db, networkId, actorId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          personLabel: r.person_label,
          status: circleStatus(r),
          myRole: r.role,
          awaitingOwner: !r.has_owner,
          unclaimedThisWeek: Number(r.unclaimed_this_week ?? 0),
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A circle with my role, my settings and what I may do',
        params: CircleParams,
        response: { 200: CircleView, ...problems },
      },
    },
    async (req) => {
      const { circle } = await executeTx(db, (tx) =>
        loadCircle(app, req, tx, req.params.id, circlePolicy.view),
      );
      return presentCircle(circle);
    },
  );

  app.patch<{ Params: Static<typeof CircleParams>; Body: Static<typeof CircleUpdate> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change the label of the person, their email or the unclaimed-need alert time',
        params: CircleParams,
        body: CircleUpdate,
        response: { 200: CircleView, ...problems },
      },
    },
    async (req) => {
      await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.view, circlePolicy.update);
        await updateCircle(tx, networkId, req.params.id, req.body);
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.updated',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
      });
      const { circle } = await loadCircle(app, req, db, req.params.id, circlePolicy.view);
      return presentCircle(circle);
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/consents',
    {
      schema: {
        tags,
        summary: 'Every version of the consent, newest first (never edited)',
        params: CircleParams,
        response: { 200: Type.Object({ items: Type.Array(ConsentView) }), ...problems },
      },
    },
    async (req) => {
      const rows = await executeTx(db, async (tx) => {
        await loadCircle(app, req, tx, req.params.id, circlePolicy.viewConsents);
        return listConsents(tx, networkId, req.params.id);
      });
      return {
        items: rows.map((k) => ({
          id: k.id,
          version: k.version,
          kind: k.kind,
          givenBy: k.given_by,
          guardianName: k.guardian_name,
          method: k.method,
          scope: k.scope,
          givenAt: k.given_at.toISOString(),
          note: k.note,
          organisation: k.organisation_id ? { id: k.organisation_id, name: k.organisation_name } : null,
          legalBasis: k.legal_basis,
          recordedBy: { id: k.recorded_by, name: k.recorded_by_name },
          createdAt: k.created_at.toISOString(),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof ConsentRecordCreate> }>(
    '/:id/consents',
    {
      schema: {
        tags,
        summary:
          'Record a new consent version: renew or change the scope (granted) or withdraw it, which freezes the circle',
        params: CircleParams,
        body: ConsentRecordCreate,
        response: { 201: CircleView, ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.view, (a) =>
          b.kind === 'granted' ? circlePolicy.grantConsent(a) : circlePolicy.withdrawConsent(a),
        );
        if (b.givenBy === 'legal_guardian' && !b.guardianName)
          throw new Problem(422, 'validation', {
            fields: [{ field: '/guardianName', code: 'field.required' }],
          });
        if (b.organisationId && !actsFor(req.actor, b.organisationId))
          throw new Problem(422, 'circle.not_for_organisation', {
            fields: [{ field: '/organisationId', code: 'circle.not_for_organisation' }],
          });
        const k = await appendConsent(tx, networkId, req.params.id, {
          kind: b.kind,
          givenBy: b.givenBy,
          guardianName: b.givenBy === 'legal_guardian' ? (b.guardianName ?? null) : null,
          method: b.method,
          scope: b.kind === 'withdrawn' ? [] : b.scope,
          givenAt: b.givenAt ? new Date(b.givenAt) : new Date(),
          note: b.note ?? '',
          organisationId: b.organisationId ?? l.circle.organisation_id,
          legalBasis: b.legalBasis ?? null,
          recordedBy: l.accountId,
        });
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: b.kind === 'granted' ? 'circle.consent_granted' : 'circle.consent_withdrawn',
          entityType: 'circle',
          entityId: req.params.id,
          details: { version: k.version },
          ip: clientIp(req),
        });
      });
      const { circle } = await loadCircle(app, req, db, req.params.id, circlePolicy.view);
      return reply.code(201).send(presentCircle(circle));
    },
  );

  await app.register(memberRoutes);
  await app.register(needRoutes);
  await app.register(feedRoutes);
  await app.register(mapRoutes);
  await app.register(updateRoutes);
  await app.register(attachmentRoutes);
  await app.register(teamRoutes);
  await app.register(privacyRoutes);
}
