import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp } from '../../../../../http/context.ts';
import { sendCsv } from '../../../../../http/csv.ts';
import { notFound } from '../../../../../http/problem.ts';
import { problems } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import { requestSnapshot, snapshotPending } from '../../commands/snapshot.ts';
import { graphml, nodesCsv, tiesCsv } from '../../exports.ts';
import { analyticsPolicy } from '../../policies/analytics.ts';
import { publicBodiesOf } from '../../repositories/people.ts';
import { latestSnapshot, readLatestView } from '../../repositories/snapshots.ts';
import type { Period, ViewArea } from '../../snapshot.ts';
import { CsvQuery, NetworkView, SnapshotRequested, ViewQuery } from './schema.ts';
import { cachedView, type KeptView, rememberView, takesGzip, viewKey } from './viewCache.ts';

const gzipped = promisify(gzip);

/** A kept answer: gzipped to a browser that takes it (a fifth of the bytes), as JSON text otherwise. */
function sendKept(req: FastifyRequest, reply: FastifyReply, kept: KeptView) {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (takesGzip(req.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(kept.gzip);
  return reply.send(kept.json);
}

/**
 * The organisation graph for the network's coordinators (analyticsPolicy.seeNetwork; everyone else
 * gets 404): one view of the newest snapshot — its figures, nodes, ties and trend — read in one
 * indexed query and kept as sent for the next request (viewCache.ts); the same as CSV and GraphML;
 * and "compute now".
 */
export async function networkRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['places'];

  async function coordinator(req: FastifyRequest) {
    const bodies = await publicBodiesOf(db, networkId, req.actor);
    if (!analyticsPolicy.seeNetwork(req.actor, bodies)) throw notFound();
  }
  const districtsOf = () =>
    db
      .selectFrom('district')
      .select(['id', 'name'])
      .where('network_id', '=', networkId)
      .orderBy('name')
      .execute();
  const pick = (q: { period?: Period; area?: ViewArea }) => ({
    period: q.period ?? '12m',
    area: q.area ?? 'all',
  });

  app.get<{ Querystring: Static<typeof ViewQuery> }>(
    '/network',
    {
      schema: {
        tags,
        summary:
          'The organisation graph of the newest snapshot for one period and area, with its measures and trend (network coordinators)',
        querystring: ViewQuery,
        response: { 200: NetworkView, ...problems },
      },
    },
    async (req, reply) => {
      await coordinator(req);
      const { period, area } = pick(req.query);
      const [latest, pending, districts] = await Promise.all([
        latestSnapshot(db, networkId),
        snapshotPending(db, networkId),
        districtsOf(),
      ]);
      // the answer for the newest snapshot as sent before (viewCache.ts): a snapshot never changes
      const key = latest
        ? viewKey({ networkId, snapshotId: latest.id, period, area, pending, districts })
        : null;
      const hit = key === null ? undefined : cachedView(key);
      if (hit !== undefined) return sendKept(req, reply, hit);
      const view = latest ? await readLatestView(db, networkId, period, area) : undefined;
      if (!view)
        return {
          period,
          area,
          snapshot: null,
          pending,
          figures: null,
          nodes: [],
          ties: [],
          trend: [],
          districts,
        };
      const until = view.snapshot.untilMonth.slice(0, 10);
      const [y, m] = until.split('-').map(Number) as [number, number];
      const k = y * 12 + (m - 1) - view.snapshot.months;
      const from = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
      // written out by the route's response schema, as any answer is
      const body = reply.serialize({
        period,
        area,
        snapshot: { computedAt: view.snapshot.computedAt.toISOString(), from, until },
        pending,
        figures: view.figures,
        nodes: view.nodes,
        ties: view.ties,
        trend: view.trend,
        districts,
      }) as string;
      const kept = { json: body, gzip: await gzipped(body) };
      // a snapshot written between the two reads is kept under its own id by the next request
      if (key !== null && view.snapshot.id === latest?.id) rememberView(key, kept);
      return sendKept(req, reply, kept);
    },
  );

  app.get<{ Querystring: Static<typeof CsvQuery> }>(
    '/network/export.csv',
    {
      schema: {
        tags,
        summary: 'The anonymised graph of one view as CSV: organisations and communities, or their ties',
        querystring: CsvQuery,
      },
    },
    async (req, reply) => {
      await coordinator(req);
      const { period, area } = pick(req.query);
      const view = await readLatestView(db, networkId, period, area);
      if (!view) throw notFound();
      const names = new Map((await districtsOf()).map((d) => [d.id, d.name]));
      const table = req.query.table ?? 'nodes';
      const lines =
        table === 'nodes'
          ? nodesCsv(view.nodes, (id) => (id ? (names.get(id) ?? '') : ''))
          : tiesCsv(view.nodes, view.ties);
      return sendCsv(reply, `netzwerk-${period}-${area}-${table}.csv`, lines);
    },
  );

  app.get<{ Querystring: Static<typeof ViewQuery> }>(
    '/network/export.graphml',
    {
      schema: {
        tags,
        summary: 'The anonymised graph of one view as GraphML (organisations and communities only)',
        querystring: ViewQuery,
      },
    },
    async (req, reply) => {
      await coordinator(req);
      const { period, area } = pick(req.query);
      const view = await readLatestView(db, networkId, period, area);
      if (!view) throw notFound();
      const names = new Map((await districtsOf()).map((d) => [d.id, d.name]));
      return reply
        .type('application/graphml+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="netzwerk-${period}-${area}.graphml"`)
        .send(graphml(view.nodes, view.ties, (id) => (id ? (names.get(id) ?? '') : '')));
    },
  );

  app.post(
    '/network/snapshots',
    {
      schema: {
        tags,
        summary: 'Compute a new snapshot now, in the background (network coordinators); one waits at a time',
        response: { 202: SnapshotRequested, ...problems },
      },
    },
    async (req, reply) => {
      await coordinator(req);
      await executeTx(db, async (tx) => {
        await requestSnapshot(tx, networkId);
        await audit(tx, {
          networkId,
          actorId: req.actor.accountId,
          action: 'analytics.snapshot_requested',
          entityType: 'network',
          entityId: networkId,
          ip: clientIp(req),
        });
      });
      return reply.code(202).send({ pending: true });
    },
  );
}
