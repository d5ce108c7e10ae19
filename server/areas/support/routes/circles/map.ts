import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { optionalBody } from '../../../../http/body.ts';
import { clientIp } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import { type CircleAccess, circlePolicy } from '../../policies/circle.ts';
import {
  currentMap,
  deleteEntry,
  deleteTie,
  findEntry,
  findSnapshot,
  insertEntry,
  insertSnapshot,
  insertTie,
  listSnapshots,
  type MapData,
  type MapEntry,
  type MapTie,
  updateEntry,
  updateTie,
} from '../../repositories/circles-map.ts';
import { CircleParams, loadCircle, loadForChange, tags } from './access.ts';
import { checkAccount } from './helpers.ts';
import {
  CompareQuery,
  CompareView,
  EntryCreate,
  EntryParams,
  EntryUpdate,
  EntryView,
  MapView,
  SnapshotCreate,
  SnapshotParams,
  SnapshotSummary,
  SnapshotView,
  TieCreate,
  TieParams,
  TieUpdate,
  TieView,
} from './schema.ts';

/** "Maria Schulz" → "M. S.": people on the map who never consented to it are not named by default. */
export function initials(label: string): string {
  const parts = label
    .trim()
    .split(/\s+/)
    .filter((p) => p.length > 0);
  return parts.map((p) => `${[...p][0]?.toUpperCase() ?? ''}.`).join(' ') || '?';
}

export function presentEntry(e: MapEntry, access: CircleAccess) {
  const named = e.show_label || e.account_id !== null;
  return {
    id: e.id,
    sector: e.sector,
    ring: e.ring,
    displayLabel: named ? e.label : initials(e.label),
    ...(circlePolicy.seeMapLabels(access) ? { label: e.label } : {}),
    showLabel: e.show_label,
    accountId: e.account_id,
    quality: e.quality,
    support: e.support,
    note: e.note,
  };
}

export const presentTie = (t: MapTie) => ({
  id: t.id,
  a: t.a_entry_id,
  b: t.b_entry_id,
  quality: t.quality,
  support: t.support,
});

/** Size per sector and ring, share of professional ties, supportive and conflict ties (to the centre and between entries). */
export function figures(m: MapData) {
  const perSector = { family: 0, friends_neighbours: 0, work_school_clubs: 0, professional: 0 };
  const perRing = { '1': 0, '2': 0, '3': 0 };
  for (const e of m.entries) {
    perSector[e.sector]++;
    const ring = String(e.ring) as '1' | '2' | '3';
    perRing[ring]++;
  }
  const all = [...m.entries.map((e) => e.quality), ...m.ties.map((t) => t.quality)];
  return {
    size: m.entries.length,
    perSector,
    perRing,
    professionalShare: m.entries.length === 0 ? 0 : perSector.professional / m.entries.length,
    supportiveTies: all.filter((q) => q === 'supportive').length,
    conflictTies: all.filter((q) => q === 'conflict').length,
  };
}

const compared = [
  'sector',
  'ring',
  'label',
  'show_label',
  'account_id',
  'quality',
  'support',
  'note',
] as const;

/** What changed between two states of the map, entry by entry. */
export function compareMaps(from: MapData, to: MapData) {
  const before = new Map(from.entries.map((e) => [e.id, e]));
  const after = new Map(to.entries.map((e) => [e.id, e]));
  const added = to.entries.filter((e) => !before.has(e.id));
  const removed = from.entries.filter((e) => !after.has(e.id));
  const changed: { before: MapEntry; after: MapEntry; fields: string[] }[] = [];
  for (const e of to.entries) {
    const b = before.get(e.id);
    if (!b) continue;
    const fields = compared.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(e[f]));
    if (fields.length > 0) changed.push({ before: b, after: e, fields: [...fields] });
  }
  return { added, removed, changed };
}

const asMap = (data: unknown): MapData => {
  const d = (typeof data === 'string' ? JSON.parse(data) : data) as Partial<MapData>;
  return { entries: d.entries ?? [], ties: d.ties ?? [] };
};

/** Netzwerkkarte: entries, ties, immutable dated snapshots and their comparison. */
export async function mapRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/map',
    {
      schema: {
        tags,
        summary: 'The network map now: entries by sector and ring, ties, figures',
        params: CircleParams,
        response: { 200: MapView, ...problems },
      },
    },
    async (req) => {
      const { l, m } = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewMap);
        return { l, m: await currentMap(tx, networkId, req.params.id) };
      });
      return {
        personLabel: l.circle.person_label,
        entries: m.entries.map((e) => presentEntry(e, l.access)),
        ties: m.ties.map(presentTie),
        figures: figures(m),
        abilities: abilitiesOf(circlePolicy, { edit: 'editMap' }, l.access),
      };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof EntryCreate> }>(
    '/:id/map/entries',
    {
      schema: {
        tags,
        summary: 'Put someone on the map',
        params: CircleParams,
        body: EntryCreate,
        response: { 201: EntryView, ...problems },
      },
    },
    async (req, reply) => {
      const e = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewMap,
          circlePolicy.editMap,
        );
        await checkAccount(tx, networkId, req.body.accountId);
        const e = await insertEntry(tx, networkId, req.params.id, req.body);
        return presentEntry(e, l.access);
      });
      return reply.code(201).send(e);
    },
  );

  app.patch<{ Params: Static<typeof EntryParams>; Body: Static<typeof EntryUpdate> }>(
    '/:id/map/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'Move or describe an entry',
        params: EntryParams,
        body: EntryUpdate,
        response: { 200: EntryView, ...problems },
      },
    },
    async (req) =>
      executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewMap,
          circlePolicy.editMap,
        );
        await checkAccount(tx, networkId, req.body.accountId);
        const e = await updateEntry(tx, networkId, req.params.id, req.params.entryId, req.body);
        if (!e) throw notFound();
        return presentEntry(e, l.access);
      }),
  );

  app.delete<{ Params: Static<typeof EntryParams> }>(
    '/:id/map/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'Take an entry (and its ties) off the map; snapshots keep it',
        params: EntryParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewMap, circlePolicy.editMap);
        if (!(await deleteEntry(tx, networkId, req.params.id, req.params.entryId))) throw notFound();
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof TieCreate> }>(
    '/:id/map/ties',
    {
      schema: {
        tags,
        summary: 'A tie between two people on the map',
        params: CircleParams,
        body: TieCreate,
        response: { 201: TieView, ...problems },
      },
    },
    async (req, reply) => {
      const t = await executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewMap, circlePolicy.editMap);
        if (req.body.a === req.body.b)
          throw new Problem(422, 'validation', { fields: [{ field: '/b', code: 'circle.tie_to_itself' }] });
        for (const id of [req.body.a, req.body.b])
          if (!(await findEntry(tx, networkId, req.params.id, id)))
            throw new Problem(422, 'validation', { fields: [{ field: '/b', code: 'circle.unknown_entry' }] });
        return insertTie(tx, networkId, req.params.id, req.body);
      });
      return reply.code(201).send(presentTie(t));
    },
  );

  app.patch<{ Params: Static<typeof TieParams>; Body: Static<typeof TieUpdate> }>(
    '/:id/map/ties/:tieId',
    {
      schema: {
        tags,
        summary: 'Describe a tie: its quality and the kinds of support',
        params: TieParams,
        body: TieUpdate,
        response: { 200: TieView, ...problems },
      },
    },
    async (req) =>
      executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewMap, circlePolicy.editMap);
        const tie = await updateTie(tx, networkId, req.params.id, req.params.tieId, req.body);
        if (!tie) throw notFound();
        return presentTie(tie);
      }),
  );

  app.delete<{ Params: Static<typeof TieParams> }>(
    '/:id/map/ties/:tieId',
    {
      schema: { tags, summary: 'Remove a tie', params: TieParams, response: { 204: NoContent, ...problems } },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewMap, circlePolicy.editMap);
        if (!(await deleteTie(tx, networkId, req.params.id, req.params.tieId))) throw notFound();
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/map/snapshots',
    {
      schema: {
        tags,
        summary: 'Dated snapshots of the map, oldest first, with their figures',
        params: CircleParams,
        response: { 200: Type.Object({ items: Type.Array(SnapshotSummary) }), ...problems },
      },
    },
    async (req) => {
      const rows = await executeTx(db, async (tx) => {
        await loadCircle(app, req, tx, req.params.id, circlePolicy.viewMap);
        return listSnapshots(tx, networkId, req.params.id);
      });
      return {
        items: rows.map((s) => ({
          id: s.id,
          title: s.title,
          takenAt: s.taken_at.toISOString(),
          figures: figures(asMap(s.data)),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof SnapshotCreate> }>(
    '/:id/map/snapshots',
    {
      schema: {
        tags,
        summary: 'Keep today’s map as an immutable dated snapshot',
        params: CircleParams,
        body: SnapshotCreate,
        response: { 201: SnapshotView, ...problems },
      },
      preValidation: optionalBody,
    },
    async (req, reply) => {
      const view = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewMap,
          circlePolicy.editMap,
        );
        const data = await currentMap(tx, networkId, req.params.id);
        const s = await insertSnapshot(tx, networkId, req.params.id, {
          title: req.body?.title ?? '',
          data,
          createdBy: l.accountId,
        });
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.map_snapshot',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
        return {
          id: s.id,
          title: s.title,
          takenAt: s.taken_at.toISOString(),
          figures: figures(data),
          entries: data.entries.map((e) => presentEntry(e, l.access)),
          ties: data.ties.map(presentTie),
        };
      });
      return reply.code(201).send(view);
    },
  );

  app.get<{ Params: Static<typeof SnapshotParams> }>(
    '/:id/map/snapshots/:snapshotId',
    {
      schema: {
        tags,
        summary: 'One snapshot as it was (for print and comparison)',
        params: SnapshotParams,
        response: { 200: SnapshotView, ...problems },
      },
    },
    async (req) => {
      const { l, s } = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewMap);
        return { l, s: await findSnapshot(tx, networkId, req.params.id, req.params.snapshotId) };
      });
      if (!s) throw notFound();
      const data = asMap(s.data);
      return {
        id: s.id,
        title: s.title,
        takenAt: s.taken_at.toISOString(),
        figures: figures(data),
        entries: data.entries.map((e) => presentEntry(e, l.access)),
        ties: data.ties.map(presentTie),
      };
    },
  );

  app.get<{ Params: Static<typeof CircleParams>; Querystring: Static<typeof CompareQuery> }>(
    '/:id/map/compare',
    {
      schema: {
        tags,
        summary: 'Compare a snapshot with a later one (or with the map now): added, removed, changed entries',
        params: CircleParams,
        querystring: CompareQuery,
        response: { 200: CompareView, ...problems },
      },
    },
    async (req) => {
      const r = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewMap);
        const from = await findSnapshot(tx, networkId, req.params.id, req.query.from);
        const to = req.query.to ? await findSnapshot(tx, networkId, req.params.id, req.query.to) : null;
        if (!from || (req.query.to && !to)) throw notFound();
        const toData = to ? asMap(to.data) : await currentMap(tx, networkId, req.params.id);
        return { l, from, to, toData };
      });
      const fromData = asMap(r.from.data);
      const diff = compareMaps(fromData, r.toData);
      const p = (e: MapEntry) => presentEntry(e, r.l.access);
      return {
        from: { id: r.from.id, takenAt: r.from.taken_at.toISOString(), figures: figures(fromData) },
        to: {
          id: r.to?.id ?? null,
          takenAt: (r.to?.taken_at ?? new Date()).toISOString(),
          figures: figures(r.toData),
        },
        added: diff.added.map(p),
        removed: diff.removed.map(p),
        changed: diff.changed.map((c) => ({ before: p(c.before), after: p(c.after), fields: c.fields })),
      };
    },
  );
}
