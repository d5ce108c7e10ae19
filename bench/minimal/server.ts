import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { namesAny, snippetOfHead } from '../../server/platform/searchSnippet.ts';
import { isSessionLookup, type Plan, type Statement } from './plan.ts';

/**
 * The minimal server of issue #18: bare Fastify and `pg`, nothing of ours — no plugins, no query
 * builder, no policies, no schemas. For each of the four reads it runs the very statements our server
 * ran for the bench's request (bench/minimal/plan.ts; parameters bound as our server bound them), as
 * named prepared statements, and builds the same JSON from the rows. It is the floor our server's
 * reads are measured against: what the SQL plus a bare HTTP server cost.
 *
 * What it skips, knowingly: the rate limiter's upsert; helmet's headers, cookies' parsing and the
 * request context; validation and the response schemas. What it copies from our answer because no
 * SQL yields it: each item's `abilities` (our policies' answer for that item — a lookup by id here),
 * and the search's `terms` (the words and synonyms our query expansion derives from `q`). The
 * search's parameters are our expansion's output for the bench's `q`; the minimal server does not
 * stem words. What it computes as ours does: the search's snippets, cut from the start of each hit's
 * text by the same pure function (platform/searchSnippet.ts) — they are the answer's content, as the
 * rows are; until 7 December 2026 it answered `''` and its CPU was no floor for ours. The circle
 * calendar runs the session lookup and the circle's access check (the member's role in it) in the
 * same order and transaction as ours, with our session's id.
 */

pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

const plan = JSON.parse(readFileSync(process.env.KP_MINIMAL_PLAN ?? '', 'utf8')) as Plan;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
/**
 * Our server runs the search's statement with its prepared plan, never one made for the values
 * (`SET plan_cache_mode` around it, platform/search.ts `genericPlan`); the minimal server's search
 * connections are in that mode from the start.
 */
const searchPool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  options: '-c plan_cache_mode=force_generic_plan',
});

type Row = Record<string, unknown>;
type Querier = { query: pg.Pool['query'] };

/** A statement as a named prepared statement (parsed and planned once per connection), like ours. */
function prepared(s: Statement): pg.QueryConfig {
  if (s.values.length === 0) return { text: s.text };
  return { name: `m_${createHash('sha256').update(s.text).digest('base64url').slice(0, 24)}`, ...s };
}
async function rows(on: Querier, s: Statement): Promise<Row[]> {
  return (await on.query<Row>(prepared(s))).rows;
}
/** The statement whose text matches, of a read's (the first such); fails at start when there is none. */
function pick(statements: Statement[], re: RegExp, skip = 0): Statement {
  const found = statements.filter((s) => re.test(s.text))[skip];
  if (!found) throw new Error(`minimal server: no statement matching ${re} among ${statements.length}`);
  return found;
}

const iso = (d: unknown) => (d === null || d === undefined ? null : new Date(d as string).toISOString());
/** Our answer's `abilities` of each item, by id. */
function abilitiesOf(ours: unknown): Map<string, unknown> {
  const items = (ours as { items?: { id: string; abilities: unknown }[] }).items ?? [];
  return new Map(items.map((i) => [i.id, i.abilities]));
}
const paging = (q: { limit?: string; offset?: string }) => ({
  limit: q.limit === undefined ? 20 : Number(q.limit),
  offset: q.offset === undefined ? 0 : Number(q.offset),
});

const app = Fastify({ logger: false });

// the organisation directory: the page and the count, at once on two connections as ours does
{
  const { statements, ours } = plan.organisations_list;
  const list = pick(statements, /from "organisation" as "o".* order by/s);
  const count = pick(statements, /^select count\(\*\) as "n" from "organisation"/);
  const abilities = abilitiesOf(ours);
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/v1/organisations', async (req) => {
    const [items, total] = await Promise.all([rows(pool, list), rows(pool, count)]);
    return {
      items: items.map((o) => ({
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
        abilities: abilities.get(o.id as string),
      })),
      total: total[0]?.n,
      ...paging(req.query),
    };
  });
}

// the opportunity search: the page and the count, at once
{
  const { statements, ours } = plan.opportunities_search;
  const list = pick(statements, /from "opportunity" as "op".* order by/s);
  const count = pick(statements, /^select count\(\*\) as "n" from "opportunity"/);
  const abilities = abilitiesOf(ours);
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/v1/opportunities', async (req) => {
    const [items, total] = await Promise.all([rows(pool, list), rows(pool, count)]);
    return {
      items: items.map((o) => ({
        id: o.id,
        level: o.level,
        title: o.title,
        description: o.description,
        mode: o.mode,
        districtId: o.district_id,
        place: o.place,
        lat: o.lat,
        lng: o.lng,
        skills: o.skills,
        languages: o.languages,
        accessibility: o.accessibility,
        minAge: o.min_age,
        needsPoliceClearance: o.needs_police_clearance,
        effortMinutes: o.effort_minutes,
        status: o.status,
        organisations: o.organisations,
        // a visitor sees no invitations (ours: visibleInvitations), the row has them
        invitedOrganisations: [],
        nextShiftAt: iso(o.next_shift_at),
        createdAt: iso(o.created_at),
        updatedAt: iso(o.updated_at),
        abilities: abilities.get(o.id as string),
      })),
      total: total[0]?.n,
      ...paging(req.query),
    };
  });
}

// a circle's care calendar, signed in: the session lookup, then in one transaction the access check
// (the circle with the member's role) and the needs; a need the role may not see is left out
{
  const { statements, ours } = plan.circle_calendar;
  const session = pick(statements, /\bfrom "session" as "s"/);
  const circle = pick(statements, /from "circle" as "c" inner join "circle_member" as "m"/);
  const needs = pick(statements, /from "circle_need" as "n"/);
  if (!statements.some((s) => isSessionLookup(s.text)))
    throw new Error('minimal server: the circle calendar was captured without a session');
  const abilities = abilitiesOf(ours);
  const sees: Record<string, string[]> = {
    all_members: ['owner', 'coordinator', 'helper', 'professional', 'viewer'],
    coordinators_professionals: ['owner', 'coordinator', 'professional'],
    owner_only: ['owner'],
  };
  app.get('/api/v1/circles/:id/needs', async (_req, reply) => {
    const [who] = await rows(pool, session);
    if (!who) return reply.code(401).send({ type: 'unauthenticated' });
    const client = await pool.connect();
    let found: Row[];
    let role: string;
    try {
      await client.query('begin');
      const [c] = await rows(client, circle);
      if (!c) {
        await client.query('rollback');
        return reply.code(404).send({ type: 'not_found' });
      }
      role = c.role as string;
      found = await rows(client, needs);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return {
      items: found
        .filter((n) => sees[n.visibility as string]?.includes(role))
        .map((n) => ({
          id: n.id,
          seriesId: n.series_id,
          kind: n.kind,
          title: n.title,
          start: iso(n.starts_at),
          end: iso(n.ends_at),
          place: n.place,
          notes: n.notes,
          visibility: n.visibility,
          claimedBy: n.claimed_by ? { id: n.claimed_by, name: n.claimed_by_name ?? '' } : null,
          doneAt: iso(n.done_at),
          thanks: n.thanks,
          credit:
            n.credit_minutes !== null && n.credit_status !== null
              ? { minutes: n.credit_minutes, reversed: n.credit_status === 'reversed' }
              : null,
          abilities: abilities.get(n.id as string),
        })),
    };
  });
}

// the search: its one statement; the types in our order, the total their sum
{
  const { statements, ours } = plan.search;
  const statement = pick(statements, /FROM search_document d/);
  const o = ours as { terms: string[]; types: { type: string }[] };
  const order = o.types.map((t) => t.type);
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/v1/search', async (req) => {
    const found = await rows(searchPool, statement);
    const names = namesAny(o.terms);
    const facets = (found[0]?.facets ?? []) as { type: string; count: number }[];
    const types = [...facets].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    return {
      items: found
        .filter((r) => r.entity_id !== null)
        .map((r) => ({
          type: r.type,
          entityType: r.entity_type,
          entityId: r.entity_id,
          title: r.title,
          snippet: snippetOfHead(r.head as string | null, names),
          link: r.link,
        })),
      total: types.reduce((s, f) => s + f.count, 0),
      ...paging(req.query),
      types: types.map((t) => ({ type: t.type, count: t.count })),
      moreThanCounted: found[0]?.capped ?? false,
      terms: o.terms,
    };
  });
}

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => Promise.all([pool.end(), searchPool.end()]))
    .then(() => process.exit(0));
});
