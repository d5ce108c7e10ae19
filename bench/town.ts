import { type Kysely, sql } from 'kysely';
import type { LedgerHealth } from '../server/areas/timebank/repositories/timebank.ts';
import type { DB } from '../server/db/schema.ts';
import { type CodesignHandles, type CodesignHealth, loadCodesign } from './areas/codesign.ts';
import { type KnowledgeHandles, type KnowledgeHealth, loadKnowledge } from './areas/knowledge.ts';
import { loadParticipation, type ParticipationHealth } from './areas/participation.ts';
import { loadCommunities, loadInteractions } from './areas/places.ts';
import { checkResourceMap, loadResources } from './areas/sharing.ts';
import { type CircleHealth, loadCircles } from './areas/support.ts';
import { loadTimebank } from './areas/timebank.ts';
import { checkSearchWords, loadFoundation, townPassword } from './foundation.ts';
import { epoch, type Log, prng, type TeilenContext, type TeilenExtra, townId } from './townKit.ts';

/**
 * A synthetic but realistic town for benchmarks, the same for the same seed on every host.
 *
 * Small tables (districts, organisations) are built in JavaScript with our own PRNG (mulberry32)
 * and inserted in multi-row statements. Large tables (people, profiles, memberships, interactions)
 * are generated server-side with `INSERT … SELECT … FROM generate_series(…)`; their "random" values
 * come from `hashint8extended(row, seed)`, a deterministic hash that gives the same bits on
 * PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM). Ids are `md5(seed:kind:index)::uuid`, so
 * JavaScript and SQL can name the same row without a lookup.
 *
 * This file puts the town together (its sizes, the order of the parts, what the bench gets back);
 * the parts are loaded by bench/foundation.ts (districts, organisations, people) and one loader per
 * area in bench/areas/, built with the helpers of bench/townKit.ts and the word lists of
 * bench/words.ts.
 */

export { type KnowledgeHealth, knowledgeHealth, knowledgeSteps } from './areas/knowledge.ts';
export { type ParticipationHealth, participationHealth } from './areas/participation.ts';
export { type CircleHealth, circleHealth } from './areas/support.ts';
export { personTimebankAccount } from './areas/timebank.ts';
export { townPassword, townPasswordHash } from './foundation.ts';
export { prng, townId } from './townKit.ts';

export type TownSize = 'S' | 'M' | 'L';

export interface TownSpec {
  districts: number;
  organisations: number;
  people: number;
  interactions: number;
  /** Räume & Brücken: communities of interest (2–60 members each), nodes of the network analytics */
  communities: number;
  /** Teilen (area 4); generated only where the tables exist, see loadTeilen(). */
  resources: number;
  bookings: number;
  transfers: number;
  /** Unterstützungskreise (area 5), each with members, consent, care calendar and map entries */
  circles: number;
  /** Mitmachen (area 2): opportunities with shifts and sign-ups, ten per organisation */
  opportunities: number;
  /** Wissen: wiki pages and their revisions (1 to a few dozen per page) */
  wikiPages: number;
  wikiRevisions: number;
  /** organisations' news, ten per organisation */
  newsPosts: number;
  /** discussion threads and their posts (opening post and replies; a few threads are long) */
  threads: number;
  posts: number;
  /** reports on the neighbourhood knowledge map, each with 0–12 "me too" */
  mapReports: number;
  /** Mitgestalten: co-design projects, each with a consensus proposal */
  codesignProjects: number;
  /** entries in the contribution log besides the stances (ideas, comments, attendance) */
  codesignContributions: number;
  /** stances on the projects' proposals (each with its own contribution, as the database requires) */
  codesignVotes: number;
}

const M: TownSpec = {
  districts: 10,
  organisations: 200,
  people: 20_000,
  interactions: 1_000_000,
  communities: 100,
  resources: 50_000,
  bookings: 200_000,
  transfers: 500_000,
  circles: 2_000,
  opportunities: 2_000,
  wikiPages: 4_000,
  wikiRevisions: 20_000,
  newsPosts: 2_000,
  threads: 5_000,
  posts: 100_000,
  mapReports: 50_000,
  codesignProjects: 200,
  codesignContributions: 20_000,
  codesignVotes: 200_000,
};

export const townSizes: Record<TownSize, TownSpec> = {
  S: {
    districts: 1,
    organisations: 20,
    people: 500,
    interactions: 25_000,
    communities: 10,
    resources: 1_250,
    bookings: 5_000,
    transfers: 12_500,
    circles: 50,
    opportunities: 200,
    wikiPages: 100,
    wikiRevisions: 500,
    newsPosts: 200,
    threads: 125,
    posts: 2_500,
    mapReports: 1_250,
    codesignProjects: 20,
    codesignContributions: 500,
    codesignVotes: 5_000,
  },
  M,
  L: {
    districts: M.districts * 5,
    organisations: M.organisations * 5,
    people: M.people * 5,
    interactions: M.interactions * 5,
    communities: M.communities * 5,
    resources: M.resources * 5,
    bookings: M.bookings * 5,
    transfers: M.transfers * 5,
    circles: M.circles * 5,
    opportunities: M.opportunities * 5,
    wikiPages: M.wikiPages * 5,
    wikiRevisions: M.wikiRevisions * 5,
    newsPosts: M.newsPosts * 5,
    threads: M.threads * 5,
    posts: M.posts * 5,
    mapReports: M.mapReports * 5,
    codesignProjects: M.codesignProjects * 5,
    codesignContributions: M.codesignContributions * 5,
    codesignVotes: M.codesignVotes * 5,
  },
};

export interface LoadedTown {
  spec: TownSpec;
  seed: number;
  /** rows written per table */
  rows: Record<string, number>;
  /** seconds per step, and in total */
  seconds: Record<string, number>;
  /** a person with memberships, to sign in as */
  signIn: { email: string; password: string };
  /** the network's instance admin (person 0): a coordinator of the network analytics */
  coordinator: { email: string; password: string };
  /** people who pay each other in the write benchmark, with their time-bank account */
  payers: { email: string; password: string; timebankAccountId: string }[];
  /** the server's ledger check after the load (null: no time bank tables) */
  ledger: LedgerHealth | null;
  /** the participation invariants after the load (null: no tables) */
  participation: ParticipationHealth | null;
  /** the circle invariants after the load (null: no tables) */
  circles: CircleHealth | null;
  /** the knowledge invariants after the load, and the page and thread the read figures open (null: no tables) */
  knowledge: { health: KnowledgeHealth; handles: KnowledgeHandles } | null;
  /** the co-design invariants after the load, and the poll the results figure reads (null: no tables) */
  codesign: { health: CodesignHealth; handles: CodesignHandles } | null;
  /** the map summary against a fresh count after the load (null: no summary table) */
  resourceMap: { cells: number; mismatched: number } | null;
  /** the search's word table against the entries after the load (null: no word table) */
  searchWords: { words: number; mismatched: number } | null;
  /** a helper in circle 0, to read its care calendar as (null: no circles) */
  circleReader: { email: string; password: string; circleId: string } | null;
  /** one bookable resource per payer (an organisation's, open to everyone), none booked after `freeFrom` */
  bookables: { resourceId: string; freeFrom: string }[];
  /** what was skipped and why (e.g. Teilen tables not there yet) */
  notes: string[];
}

/**
 * Fills an empty, migrated database (with its network row) with a town of `size`.
 * Returns row counts and timings; throws when the network already has organisations.
 */
export async function loadTown(
  db: Kysely<DB>,
  networkId: string,
  size: TownSize,
  seed = 1,
  log: Log = () => undefined,
  opts: { parallel?: boolean; resources?: number } = {},
): Promise<LoadedTown> {
  // `resources` overrides the size's count, e.g. the map target at 100 000 resources
  const spec = { ...townSizes[size], ...(opts.resources ? { resources: opts.resources } : {}) };
  const rnd = prng(seed);
  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const notes: string[] = [];
  const started = performance.now();
  const step = async (name: string, fn: () => Promise<number>) => {
    const t0 = performance.now();
    rows[name] = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${rows[name]} rows in ${seconds[name]!.toFixed(1)} s`);
  };
  const run = (text: string) => sql.raw(text).execute(db);
  const existing = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  if (existing.n > 0) throw new Error('loadTown needs an empty network');

  const P = spec.people;

  // Districts, organisations, people, memberships ----------------------------------------------
  const { districts, organisations, orgSectorStart, orgSectorCount } = await loadFoundation({
    db,
    networkId,
    seed,
    spec,
    step,
    rnd,
  });

  // Interactions: the community graph, and the communities ----------------------------------------
  const interactions = async () => {
    await loadInteractions({ db, networkId, seed, spec, step, orgSectorStart, orgSectorCount });
    const community = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name = 'community_member'`.execute(db);
    if (community.rows[0]?.n) await loadCommunities({ db, networkId, seed, spec, step });
    else notes.push(`communities not generated (no tables): ${spec.communities}`);
  };

  // Teilen -------------------------------------------------------------------------------------
  const orgDistricts = organisations.map((o) => districts.findIndex((d) => d.id === o.district_id));
  const extra: TeilenExtra = {
    participation: null,
    circles: null,
    resourceMap: null,
    knowledge: null,
    codesign: null,
  };
  const teilen = () => loadTeilen({ db, networkId, seed, spec, step, notes, log, orgDistricts, extra });

  // The two big parts are independent: on PostgreSQL they load side by side on two connections.
  let ledger: LedgerHealth | null;
  if (opts.parallel) {
    [, ledger] = await Promise.all([interactions(), teilen()]);
  } else {
    await interactions();
    ledger = await teilen();
  }

  const searchWords = await checkSearchWords(db, networkId);

  // Statistics and visibility map as autovacuum would leave them after a while on a real instance
  // (without VACUUM every index-only scan fetches heap pages the bulk load left unmarked).
  const t0 = performance.now();
  await run('VACUUM (ANALYZE)');
  seconds.vacuum_analyze = (performance.now() - t0) / 1000;
  seconds.total = (performance.now() - started) / 1000;

  // person 7919 % P is the admin of organisation 1: a normal member to sign in as; person 0 is the
  // instance admin (a coordinator of the network analytics); persons 1…16 pay each other through the HTTP API in the write benchmark
  const people = await db
    .selectFrom('account')
    .select(['id', 'email'])
    .where('network_id', '=', networkId)
    .where(
      'id',
      'in',
      [0, 7919 % P, ...Array.from({ length: 16 }, (_, k) => k + 1)].map((i) => townId(seed, 'person', i)),
    )
    .execute();
  const emailOf = (i: number) => people.find((r) => r.id === townId(seed, 'person', i))!.email;

  // the care calendar is read by a helper of circle 0 (member 2, see loadCircles)
  let circleReader: LoadedTown['circleReader'] = null;
  if (extra.circles && spec.circles > 0) {
    const reader = await db
      .selectFrom('account')
      .select('email')
      .where('network_id', '=', networkId)
      .where('id', '=', townId(seed, 'person', (13 + 2 * 7919) % P))
      .executeTakeFirstOrThrow();
    circleReader = { email: reader.email, password: townPassword, circleId: townId(seed, 'circle', 0) };
  }
  // bookings through the API: an organisation's room, equipment or vehicle open to everyone per payer
  let bookables: LoadedTown['bookables'] = [];
  if (rows.booking !== undefined) {
    const r = await sql<{ id: string; free_from: Date | null }>`
      SELECT r.id, (SELECT max(upper(b.period)) FROM booking b WHERE b.network_id = r.network_id
                    AND b.resource_id = r.id) AS free_from
      FROM resource r
      WHERE r.network_id = ${networkId} AND r.owner_type = 'organisation' AND r.who_may_borrow = 'everyone'
        AND r.kind IN ('room', 'equipment', 'vehicle') AND r.active
      ORDER BY r.id LIMIT 16`.execute(db);
    bookables = r.rows.map((x) => ({
      resourceId: x.id,
      freeFrom: new Date(Math.max(new Date(epoch).getTime(), x.free_from?.getTime() ?? 0)).toISOString(),
    }));
  }
  return {
    spec,
    seed,
    rows,
    seconds,
    signIn: { email: emailOf(7919 % P), password: townPassword },
    coordinator: { email: emailOf(0), password: townPassword },
    payers: Array.from({ length: 16 }, (_, k) => ({
      email: emailOf(k + 1),
      password: townPassword,
      timebankAccountId: townId(seed, 'tba_p', k + 1),
    })),
    ledger,
    participation: extra.participation,
    circles: extra.circles,
    knowledge: extra.knowledge,
    codesign: extra.codesign,
    resourceMap: extra.resourceMap,
    searchWords,
    circleReader,
    bookables,
    notes,
  };
}

/**
 * EXTENSION POINT for everything beyond the people and their graph: resources with coordinates
 * and bookings (area 4), opportunities with shifts and sign-ups (area 2, loadParticipation),
 * support circles (area 5, loadCircles), the knowledge corpus (Wissen, loadKnowledge) and the time bank (accounts and completed transfers with
 * their journal, loadTimebank). Each part is generated only where its tables exist.
 */
async function loadTeilen(ctx: TeilenContext): Promise<LedgerHealth | null> {
  const { db, spec } = ctx;
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public'
      AND table_name IN ('resource', 'resource_map_cell', 'booking', 'circle', 'opportunity', 'timebank_account',
                         'timebank_transfer', 'wiki_page', 'discussion_post', 'map_report', 'codesign_stance')
  `.execute(db);
  const have = new Set(tables.rows.map((r) => r.table_name));
  if (have.has('resource') && have.has('booking')) {
    await loadResources(ctx);
    if (have.has('resource_map_cell')) ctx.extra.resourceMap = await checkResourceMap(ctx);
  } else {
    ctx.notes.push(`resources and bookings not generated (no tables): ${spec.resources} / ${spec.bookings}`);
  }
  if (have.has('opportunity')) ctx.extra.participation = await loadParticipation(ctx);
  else ctx.notes.push(`opportunities not generated (no tables): ${spec.opportunities}`);
  if (have.has('circle')) ctx.extra.circles = await loadCircles(ctx);
  else ctx.notes.push(`support circles not generated (no tables): ${spec.circles}`);
  if (have.has('wiki_page') && have.has('discussion_post') && have.has('map_report'))
    ctx.extra.knowledge = await loadKnowledge(ctx);
  else
    ctx.notes.push(
      `knowledge corpus not generated (no tables): ${spec.wikiRevisions} revisions, ${spec.posts} posts`,
    );
  if (have.has('codesign_stance')) ctx.extra.codesign = await loadCodesign(ctx);
  else ctx.notes.push(`co-design projects not generated (no tables): ${spec.codesignVotes} votes`);
  if (!have.has('timebank_account') || !have.has('timebank_transfer')) {
    ctx.notes.push(`time bank not generated (no tables): transfers ${spec.transfers}`);
    return null;
  }
  return loadTimebank(ctx);
}
