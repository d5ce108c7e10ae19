import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { Problem } from '../../../../http/problem.ts';
import { NoContent, Page, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { graceDays, schedulePurge } from '../../commands/purgeCircle.ts';
import { circlePolicy } from '../../policies/circle.ts';
import {
  accessLog,
  cancelDeletion,
  listConsents,
  listMembers,
  listOpenInvitations,
  setDeletionRequested,
} from '../../repositories/circles.ts';
import { currentMap, listSnapshots } from '../../repositories/circles-map.ts';
import { listAllNeeds } from '../../repositories/circles-needs.ts';
import { listAttachments, listComments, listTeam, listUpdates } from '../../repositories/circles-updates.ts';
import { CircleParams, loadCircle, tags } from './access.ts';
import { presentAttachment } from './attachments.ts';
import { AccessLogEntry, AccessLogQuery, DeletionView } from './schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The owner's privacy tools: who looked, the whole circle as a file, deletion with a grace period. */
export async function privacyRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Params: Static<typeof CircleParams>; Querystring: Static<typeof AccessLogQuery> }>(
    '/:id/access-log',
    {
      schema: {
        tags,
        summary:
          'Who read or changed what in the circle, newest first. Every professional’s read is here; the reads of one part by one person with gaps of at most 30 minutes are one visit, with its count and first time',
        params: CircleParams,
        querystring: AccessLogQuery,
        response: { 200: Page(AccessLogEntry), ...problems },
      },
    },
    async (req) => {
      const { limit, offset } = paging(req.query);
      const r = await executeTx(db, async (tx) => {
        const { circle } = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewAccessLog);
        // the circle's own id: the log keeps ids as the database spells them, whatever the URL did
        return accessLog(tx, networkId, circle.id, limit, offset);
      });
      return {
        items: r.items.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          firstAt: e.first_at.toISOString(),
          count: e.count,
          action: e.action,
          actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
          what: e.what,
        })),
        total: r.total,
        limit,
        offset,
      };
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/export',
    {
      schema: {
        tags,
        summary: 'Everything in the circle as one JSON document (owner only)',
        params: CircleParams,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...problems },
      },
    },
    async (req, reply) => {
      const data = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.export);
        const c = l.circle;
        const updates = await listUpdates(tx, networkId, c.id);
        const updateIds = updates.map((u) => u.id);
        const comments = await listComments(tx, networkId, updateIds);
        const attachments = await listAttachments(tx, networkId, updateIds);
        const log = await accessLog(tx, networkId, c.id, 10_000, 0, { visits: false });
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.exported',
          entityType: 'circle',
          entityId: c.id,
          ip: clientIp(req),
        });
        return {
          format: 'knotenpunkt.circle.v1',
          exportedAt: new Date().toISOString(),
          circle: {
            id: c.id,
            personLabel: c.person_label,
            personEmail: c.person_email,
            organisation: c.organisation_id ? { id: c.organisation_id, name: c.organisation_name } : null,
            status: c.status,
            alertHours: c.alert_hours,
            createdAt: c.created_at.toISOString(),
          },
          consents: (await listConsents(tx, networkId, c.id)).map((k) => ({
            version: k.version,
            kind: k.kind,
            givenBy: k.given_by,
            guardianName: k.guardian_name,
            method: k.method,
            scope: k.scope,
            givenAt: k.given_at.toISOString(),
            note: k.note,
            organisation: k.organisation_name,
            legalBasis: k.legal_basis,
            recordedBy: k.recorded_by_name,
            createdAt: k.created_at.toISOString(),
          })),
          members: (await listMembers(tx, networkId, c.id)).map((m) => ({
            name: m.display_name,
            email: m.email,
            role: m.role,
            joinedAt: m.joined_at.toISOString(),
          })),
          openInvitations: (await listOpenInvitations(tx, networkId, c.id)).map((i) => ({
            role: i.role,
            email: i.email,
            expiresAt: i.expires_at.toISOString(),
          })),
          needs: (await listAllNeeds(tx, networkId, c.id)).map((n) => ({
            kind: n.kind,
            title: n.title,
            start: n.starts_at.toISOString(),
            end: n.ends_at.toISOString(),
            place: n.place,
            notes: n.notes,
            visibility: n.visibility,
            claimedBy: n.claimed_by_name,
            doneAt: iso(n.done_at),
            thanks: n.thanks,
            creditMinutes: n.credit_status === 'completed' ? n.credit_minutes : null,
          })),
          networkMap: await currentMap(tx, networkId, c.id),
          snapshots: (await listSnapshots(tx, networkId, c.id)).map((s) => ({
            title: s.title,
            takenAt: s.taken_at.toISOString(),
            data: typeof s.data === 'string' ? JSON.parse(s.data) : s.data,
          })),
          updates: updates.map((u) => ({
            author: u.author_name,
            body: u.body,
            visibility: u.visibility,
            createdAt: u.created_at.toISOString(),
            comments: comments
              .filter((k) => k.update_id === u.id)
              .map((k) => ({
                author: k.author_name,
                body: k.body,
                visibility: k.visibility,
                createdAt: k.created_at.toISOString(),
              })),
            // what is attached, not the files themselves: each can be downloaded at its url
            attachments: attachments
              .filter((a) => a.update_id === u.id)
              .map((a) => ({
                kind: a.kind,
                name: a.name,
                description: a.alt,
                contentType: a.content_type,
                size: a.size,
                url: presentAttachment(c.id, a, { delete: false }).url,
                createdAt: a.created_at.toISOString(),
              })),
          })),
          team: (await listTeam(tx, networkId, c.id)).map((t) => ({
            name: t.name,
            organisation: t.organisation_name,
            role: t.role_title,
            contact: t.contact,
          })),
          accessLog: log.items.map((e) => ({
            at: e.at.toISOString(),
            action: e.action,
            actor: e.actor_name,
          })),
        };
      });
      return reply
        .header('content-disposition', `attachment; filename="kreis-${req.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.post<{ Params: Static<typeof CircleParams> }>(
    '/:id/deletion',
    {
      schema: {
        tags,
        summary: `Ask for the circle to be deleted: it is frozen now and erased after ${graceDays} days unless cancelled`,
        params: CircleParams,
        response: { 202: DeletionView, ...problems },
      },
    },
    async (req, reply) => {
      const purgeAfter = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.requestDeletion);
        const r = await setDeletionRequested(tx, networkId, req.params.id, graceDays);
        if (!r?.purge_after) throw new Problem(409, 'circle.deletion_pending');
        await schedulePurge(tx, networkId, req.params.id, r.purge_after);
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.deletion_requested',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
        return r.purge_after;
      });
      return reply
        .code(202)
        .send({ status: 'deletion_requested' as const, purgeAfter: purgeAfter.toISOString() });
    },
  );

  app.delete<{ Params: Static<typeof CircleParams> }>(
    '/:id/deletion',
    {
      schema: {
        tags,
        summary: 'Cancel the deletion within the grace period',
        params: CircleParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.requestDeletion);
        if (!(await cancelDeletion(tx, networkId, req.params.id)))
          throw new Problem(409, 'circle.deletion_not_pending');
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.deletion_cancelled',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
