import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp } from '../../../../../http/context.ts';
import { sendCsv } from '../../../../../http/csv.ts';
import { notFound } from '../../../../../http/problem.ts';
import { problems } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import { requestSnapshot } from '../../commands/snapshot.ts';
import { shownNode, shownTies } from '../../drawing.ts';
import { graphml, nodesCsv, tiesCsv } from '../../exports.ts';
import { analyticsPolicy } from '../../policies/analytics.ts';
import { publicBodiesOf } from '../../repositories/people.ts';
import { pageFacts, readLatestView, type StoredView } from '../../repositories/snapshots.ts';
import type { Period, ViewArea } from '../../snapshot.ts';
import { CsvQuery, NetworkTies, NetworkView, SnapshotRequested, ViewQuery } from './schema.ts';
import {
  cachedView,
  etagSent,
  type KeptView,
  keptView,
  matchesEtag,
  rememberView,
  takesGzip,
  viewKey,
} from './viewCache.ts';

/**
 * A kept answer: gzipped to a browser that takes it (a fifth of the bytes), as JSON text otherwise;
 * and nothing but "304 Not Modified" to a browser that already has it (its ETag), so a coordinator
 * who opens the page again on a phone does not load the same snapshot twice. `private, no-cache`:
 * no shared cache keeps it, and the browser asks every time, so a new snapshot shows at once.
 */
function sendKept(req: FastifyRequest, reply: FastifyReply, kept: KeptView) {
  const gzip = takesGzip(req.headers['accept-encoding']);
  const etag = etagSent(kept, gzip);
  reply.header('vary', 'accept-encoding').header('cache-control', 'private, no-cache').header('etag', etag);
  if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (gzip) return reply.header('content-encoding', 'gzip').send(kept.gzip);
  return reply.send(kept.json);
}

/**
 * The organisation graph for the network's coordinators (analyticsPolicy.seeNetwork; everyone else
 * gets 404): one view of the newest snapshot — its figures, nodes and trend, and apart from them the
 * ties the picture draws (drawing.ts), fetched only when the picture is shown — each read in one
 * indexed query and kept as sent for the next request (viewCache.ts); the whole graph as CSV and
 * GraphML; and "compute now".
 */
export async function networkRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['places'];

  async function coordinator(req: FastifyRequest) {
    const bodies = await publicBodiesOf(db, networkId, req.actor);
    if (!analyticsPolicy.seeNetwork(req.actor, bodies)) throw notFound();
  }
  type District = { id: string; name: string };
  const districtNames = async () =>
    new Map((await pageFacts(db, networkId)).districts.map((d) => [d.id, d.name]));
  const pick = (q: { period?: Period; area?: ViewArea }) => ({
    period: q.period ?? '12m',
    area: q.area ?? 'all',
  });

  /**
   * One answer for the newest snapshot: kept as sent (viewCache.ts; a snapshot never changes), so
   * the stored view is read and written out once per snapshot, view and kind of answer.
   */
  async function keptAnswer(
    req: FastifyRequest,
    reply: FastifyReply,
    kind: 'view' | 'ties',
    build: (view: StoredView | undefined, pending: boolean, districts: District[]) => unknown,
  ) {
    const { period, area } = pick(req.query as Static<typeof ViewQuery>);
    const { latestId, pending, districts } = await pageFacts(db, networkId);
    const key = latestId
      ? viewKey({ networkId, snapshotId: latestId, kind, period, area, pending, districts })
      : null;
    const hit = key === null ? undefined : cachedView(key);
    if (hit !== undefined) return sendKept(req, reply, hit);
    const view = latestId ? await readLatestView(db, networkId, period, area) : undefined;
    // written out by the route's response schema, as any answer is
    const body = reply.serialize(build(view, pending, districts)) as string;
    const kept = await keptView(body);
    // a snapshot written between the two reads is kept under its own id by the next request
    if (key !== null && view !== undefined && view.snapshot.id === latestId) rememberView(key, kept);
    return sendKept(req, reply, kept);
  }

  app.get<{ Querystring: Static<typeof ViewQuery> }>(
    '/network',
    {
      schema: {
        tags,
        summary:
          'The organisation graph of the newest snapshot for one period and area, with its measures and trend (network coordinators); the ties to draw come from …/network/ties',
        querystring: ViewQuery,
        response: { 200: NetworkView, ...problems },
      },
    },
    async (req, reply) => {
      await coordinator(req);
      const { period, area } = pick(req.query);
      return keptAnswer(req, reply, 'view', (view, pending, districts) => {
        if (!view)
          return { period, area, snapshot: null, pending, figures: null, nodes: [], trend: [], districts };
        const until = view.snapshot.untilMonth.slice(0, 10);
        const [y, m] = until.split('-').map(Number) as [number, number];
        const k = y * 12 + (m - 1) - view.snapshot.months;
        const from = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
        return {
          period,
          area,
          snapshot: { computedAt: view.snapshot.computedAt.toISOString(), from, until },
          pending,
          figures: view.figures,
          nodes: view.nodes.map(shownNode),
          trend: view.trend,
          districts,
        };
      });
    },
  );

  app.get<{ Querystring: Static<typeof ViewQuery> }>(
    '/network/ties',
    {
      schema: {
        tags,
        summary:
          "The ties the picture of one view draws: every bridge and each node's strongest ties, at most 2 000 (network coordinators; the CSV has them all)",
        querystring: ViewQuery,
        response: { 200: NetworkTies, ...problems },
      },
    },
    async (req, reply) => {
      await coordinator(req);
      return keptAnswer(req, reply, 'ties', (view) => ({
        total: view?.ties.length ?? 0,
        ties: view ? shownTies(view.nodes.length, view.ties) : [],
      }));
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
      const names = await districtNames();
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
      const names = await districtNames();
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
