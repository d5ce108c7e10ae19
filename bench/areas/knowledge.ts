import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { isSearchType } from '../../server/platform/search.ts';
import {
  arr,
  batchRange,
  cellLat,
  cellLng,
  districtCell,
  districtName,
  epoch,
  idSql,
  intArr,
  iSql,
  lit,
  prng,
  slugify,
  type TeilenContext,
  townId,
  uSql,
} from '../townKit.ts';
import {
  discussionTitles,
  mapReportNotes,
  mapReportTitles,
  newsParagraphs,
  newsTitles,
  postClosings,
  postOpenings,
  postSentences,
  streets,
  wikiListItems,
  wikiParagraphs,
  wikiQualifiers,
  wikiSectionHeadings,
  wikiSummaries,
  wikiTopics,
} from '../words.ts';

/**
 * Wissen (the knowledge area): the corpus the area's reads and the one search run over — wiki pages
 * with their revisions and links, organisations' news, discussion threads with their posts, the
 * neighbourhood map's reports with their "me too", what people follow, and the search entry of
 * every visible thing of it.
 */

/** What the load left in the knowledge tables, checked like the ledger; all counts of problems must be 0. */
export interface KnowledgeHealth {
  wiki_pages: number;
  wiki_revisions: number;
  wiki_links: number;
  news_posts: number;
  threads: number;
  posts: number;
  map_reports: number;
  supports: number;
  follows: number;
  /** search entries of the four knowledge types */
  search_documents: number;
  /** pages whose current_revision is not their highest revision, whose revisions are not 1…n, or whose title differs from the current revision's */
  revision_mismatches: number;
  /** threads whose post_count or last_post_at differ from their posts */
  thread_counter_mismatches: number;
  /** threads whose posts' positions are not 1…n without gaps (or that have none) */
  position_gaps: number;
  /** reports whose support_count differs from their map_report_support rows */
  support_count_mismatches: number;
  /** reports without a district, or outside its cell of the town's grid */
  reports_outside_district: number;
  /** visible things without a search entry (pages not archived, published news, visible threads, reports not rejected), of the types the server registers */
  unindexed: number;
  /** rows whose parent is missing (foreign keys are not checked while triggers are off) */
  orphans: number;
}

/** The two things the read figures open: a typical wiki page and the busiest thread (bench/figures/server.ts). */
export interface KnowledgeHandles {
  /** a public page of the network's wiki with the median number of revisions */
  wikiPageId: string;
  wikiPageRevisions: number;
  /** the thread with the most posts */
  threadId: string;
  threadPosts: number;
  /** the knowledge types in the search index */
  searchTypes: string[];
}

/** The loader's steps (rows and seconds in LoadedTown under these names): town.knowledge_load_time sums them. */
export const knowledgeSteps = [
  'wiki_page',
  'wiki_link',
  'wiki_revision',
  'news_post',
  'discussion_thread',
  'discussion_post',
  'discussion_thread_counter',
  'map_report',
  'map_report_support',
  'map_report_counter',
  'knowledge_follow',
  'search_document_knowledge',
] as const;

/** The search types of the knowledge things; the server must know a type (its part's area.ts) or search answers 500. */
export const knowledgeSearchTypes = ['wiki_page', 'news_post', 'discussion_thread', 'map_report'] as const;
/** Those the server registers: only they are indexed (before the parts are merged, none). */
export const indexedTypes = (): string[] => knowledgeSearchTypes.filter((t) => isSearchType(t));

const themes = Object.keys(discussionTitles);
const themeLabels: Record<string, string> = {
  everyday: 'Alltag',
  family: 'Familie',
  age: 'Älter werden',
  health: 'Gesundheit',
  mobility: 'Unterwegs',
  housing: 'Wohnen',
  environment: 'Umwelt',
  culture: 'Kultur',
  youth: 'Jugend',
  work: 'Arbeit',
  other: 'Sonstiges',
};
const reportKinds: readonly (readonly [string, number, string])[] = [
  ['defect', 0.45, 'Mangel'],
  ['suggestion', 0.25, 'Vorschlag'],
  ['good_place', 0.15, 'Guter Ort'],
  ['missing_offer', 0.15, 'Fehlendes Angebot'],
];
const reportStatuses: readonly (readonly [string, number])[] = [
  ['new', 0.25],
  ['confirmed', 0.2],
  ['forwarded', 0.15],
  ['in_progress', 0.15],
  ['done', 0.2],
  ['rejected', 0.05],
];
const categoryLabels: Record<string, string> = {
  mobility: 'Mobilität',
  accessibility: 'Barrierefreiheit',
  green: 'Grün',
  safety: 'Sicherheit',
  cleanliness: 'Sauberkeit',
  youth: 'Jugend',
  age: 'Älter werden',
  culture: 'Kultur',
  health: 'Gesundheit',
  other: 'Sonstiges',
};

/**
 * `total` things spread over `n` owners, each at least one, skewed to the low indices by `exponent`
 * (owner floor(n · x^exponent) for uniform x): a few long ones and many short ones, summing to `total`.
 */
function spread(total: number, n: number, exponent: number, seed: number): number[] {
  const rnd = prng(seed);
  const counts = new Array<number>(n).fill(1);
  for (let k = n; k < total; k++) counts[Math.floor(n * rnd.next() ** exponent)]!++;
  return counts;
}

/**
 * The knowledge corpus. Wiki pages (a quarter of them an organisation's; public, signed in or members
 * only) each have 1 to a few dozen revisions, spread so that they sum to the size's count; every
 * revision repeats the page's title (kept on the page) and has a Markdown body of a few sections that
 * grows with the revisions, the current one 1–6 KB, with its `[[links]]` in wiki_link. News posts, ten
 * per organisation, 90 % published. Threads in the eleven themes, their posts (the opening post and
 * replies, 100–1500 characters, some quoting an earlier one) spread so that a few threads are long;
 * positions 1…n. Map reports placed in their district like resources, over every kind, category and
 * status, with "me too" from other people. Follows of threads, districts, pages, reports and
 * organisations. Then the search entries as the area writes them.
 *
 * Revisions, posts and supports are written with triggers off (`session_replication_role = replica`),
 * as the journal is: whatever the area's triggers would keep, the counters (post_count, last_post_at,
 * support_count) are then set from the rows in one statement each, and knowledgeHealth() must come
 * out clean, or the load fails. Revision k of n of page w is written at the same instant on the page's
 * `updated_at` (k = n) as on the revision, from the same expression.
 */
export async function loadKnowledge(
  ctx: TeilenContext,
): Promise<{ health: KnowledgeHealth; handles: KnowledgeHandles }> {
  const { db, networkId, seed, spec } = ctx;
  const O = spec.organisations;
  const P = spec.people;
  const D = spec.districts;
  const W = spec.wikiPages;
  const T = spec.threads;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const i = (expr: string, k: number | string, n: number | string) => iSql(seed, expr, k, n);
  const pick = (xs: readonly string[], index: string) => `(${arr(xs)})[1 + (${index})]`;
  const now = `timestamptz ${lit(epoch)}`;
  const names = Array.from({ length: D }, (_, d) => districtName(d));
  const weighted = (
    xs: readonly (readonly [string, number, ...unknown[]])[],
    x: string,
    otherwise: string,
  ) => {
    let acc = 0;
    return `CASE ${xs
      .map(([v, w]) => {
        acc += w;
        return `WHEN ${x} < ${acc.toFixed(3)} THEN ${lit(v)}`;
      })
      .join(' ')} ELSE ${lit(otherwise)} END`;
  };

  // revisions per page and posts per thread, from our PRNG: exact totals, a long tail
  const revisions = spread(Math.max(spec.wikiRevisions, W), W, 1.5, seed + 31);
  const posts = spread(Math.max(spec.posts, T), T, 2, seed + 37);

  // Wiki ------------------------------------------------------------------------------------------
  // page w: topic w mod 40, qualifier (w / 40) mod 10, district (w / 400) mod D — unique titles
  const nT = wikiTopics.length;
  const nQ = wikiQualifiers.length;
  const combos = nT * nQ * D;
  const pageTitle = (w: string) => `(
    ${pick(wikiTopics, `(${w}) % ${nT}`)}
    || CASE WHEN (${w}) / ${nT} % ${nQ} = 0 THEN '' ELSE ': ' || ${pick(wikiQualifiers, `(${w}) / ${nT} % ${nQ}`)} END
    || ' – ' || ${pick(names, `(${w}) / ${nT * nQ} % ${D}`)}
    || CASE WHEN (${w}) >= ${combos} THEN ' ' || ((${w}) / ${combos} + 1) ELSE '' END)`;
  const pageSlug = (w: string) => `(
    ${pick(wikiTopics.map(slugify), `(${w}) % ${nT}`)}
    || CASE WHEN (${w}) / ${nT} % ${nQ} = 0 THEN '' ELSE '-' || ${pick(wikiQualifiers.map(slugify), `(${w}) / ${nT} % ${nQ}`)} END
    || '-' || ${pick(names.map(slugify), `(${w}) / ${nT * nQ} % ${D}`)}
    || CASE WHEN (${w}) >= ${combos} THEN '-' || ((${w}) / ${combos} + 1) ELSE '' END)`;
  const pageCreated = (w: string) => `(${now} - interval '1 day' * (60 + ${i(w, 206, 600)}))`;
  // revision k of n: from the page's creation to a day before "now", evenly
  const revisionAt = (w: string, k: string, n: string) =>
    `(${pageCreated(w)} + (${now} - interval '1 day' - ${pageCreated(w)}) * ((${k} - 1)::float8 / (${n})))`;
  const links = (w: string) => `(
    SELECT DISTINCT ${i(`(${w}) * 4 + l`, 221, W)} AS target FROM generate_series(0, 2) AS l
    WHERE ${u(`(${w}) * 4 + l`, 220)} < 0.6 AND ${i(`(${w}) * 4 + l`, 221, W)} <> (${w}))`;
  const sections = (w: string, k: string, n: string) => {
    const all = `(2 + ${i(w, 210, 9)})`;
    return `(
      SELECT string_agg('## ' || ${pick(wikiSectionHeadings, `(${i(w, 211, 12)} + s) % 12`)} || E'\\n\\n'
                          || ${pick(wikiParagraphs, `(${i(w, 212, 16)} + 1 + (s * 7) % 15) % 16`)} || E'\\n\\n'
                          || (SELECT string_agg('- ' || ${pick(wikiListItems, `(${i(w, 213, 12)} + s * 5 + m) % 12`)}, E'\\n' ORDER BY m)
                              FROM generate_series(0, 1 + ((${w}) + s) % 3) AS m),
                        E'\\n\\n' ORDER BY s)
      FROM generate_series(0, greatest(1, (${all} * ${k} + (${n}) - 1) / (${n})) - 1) AS s)`;
  };
  const body = (w: string, k: string, n: string) => `(
    ${pick(wikiParagraphs, `${i(w, 212, 16)}`)} || E'\\n\\n' || ${sections(w, k, n)}
    || coalesce(E'\\n\\nSiehe auch: ' || (SELECT string_agg('[[' || ${pageTitle('target')} || ']]', ', ' ORDER BY target)
                                        FROM ${links(w)} AS t), ''))`;
  const pages = (a: number, b: number) => `
    SELECT w, (${intArr(revisions)})[w + 1] AS n, ${pageTitle('w')} AS title,
           CASE WHEN ${u('w', 200)} < 0.25 THEN ${i('w', 201, O)} END AS org
    FROM generate_series(${a}, ${b}) AS w`;
  await ctx.step('wiki_page', () =>
    batchRange(W, 20_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO wiki_page (network_id, id, organisation_id, slug, title, current_revision, visibility, owner_id,
                               review_interval_days, reviewed_at, created_by, created_at, updated_at, archived_at)
        SELECT ${nid}, ${idSql(seed, 'wiki_page', 'w')}, CASE WHEN org IS NOT NULL THEN ${idSql(seed, 'org', 'org')} END,
               ${pageSlug('w')}, title, n,
               CASE WHEN org IS NULL THEN (CASE WHEN ${u('w', 202)} < 0.9 THEN 'public' ELSE 'signed_in' END)
                    WHEN ${u('w', 202)} < 0.6 THEN 'public' WHEN ${u('w', 202)} < 0.8 THEN 'signed_in' ELSE 'members' END,
               ${idSql(seed, 'person', i('w', 203, P))}, (ARRAY[90, 180, 365])[1 + ${i('w', 204, 3)}],
               ${now} - interval '1 day' * ${i('w', 205, 400)}, ${idSql(seed, 'person', i('w', 203, P))},
               ${pageCreated('w')}, ${revisionAt('w', 'n', 'n')},
               CASE WHEN ${u('w', 207)} < 0.02 THEN ${now} - interval '10 days' END
        FROM (${pages(a, b)}) AS s`)
        .execute(db),
    ),
  );
  await ctx.step('wiki_link', async () => {
    const r = await sql
      .raw(`
      INSERT INTO wiki_link (network_id, from_page_id, to_page_id)
      SELECT ${nid}, ${idSql(seed, 'wiki_page', 'w')}, ${idSql(seed, 'wiki_page', 'target')}
      FROM generate_series(0, ${W - 1}) AS w, LATERAL ${links('w')} AS t`)
      .execute(db);
    return Number(r.numAffectedRows ?? 0n);
  });

  // News ------------------------------------------------------------------------------------------
  const N = spec.newsPosts;
  await ctx.step('news_post', () =>
    batchRange(N, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO news_post (network_id, id, organisation_id, title, body, status, visibility, comments_open, author_id,
                               published_at, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'news_post', 'n')}, ${idSql(seed, 'org', `n % ${O}`)},
               ${pick(newsTitles, i('n', 250, newsTitles.length))},
               (SELECT string_agg(${pick(newsParagraphs, `(${i('n', 251, newsParagraphs.length)} + k) % ${newsParagraphs.length}`)}, E'\\n\\n' ORDER BY k)
                FROM generate_series(0, 1 + ${i('n', 252, 4)}) AS k),
               CASE WHEN published THEN 'published' ELSE 'draft' END,
               CASE WHEN ${u('n', 253)} < 0.8 THEN 'public' WHEN ${u('n', 253)} < 0.95 THEN 'signed_in' ELSE 'members' END,
               ${u('n', 254)} < 0.9, ${idSql(seed, 'person', `((n % ${O}) * 7919) % ${P}`)},
               CASE WHEN published THEN created END, created, created
        FROM (SELECT n, ${u('n', 255)} < 0.9 AS published,
                     ${now} - interval '1 minute' * floor(power(${u('n', 256)}, 1.3) * 365 * 1440) AS created
              FROM generate_series(${a}, ${b}) AS n) AS s`)
        .execute(db),
    ),
  );

  // Discussions -------------------------------------------------------------------------------------
  const themeCase = (x: string) => `(${arr(themes)})[1 + ${i(x, 300, themes.length)}]`;
  const titleCase = `CASE theme ${themes
    .map((t) => {
      const titles = discussionTitles[t]!;
      return `WHEN ${lit(t)} THEN ${pick(titles, i('t', 301, titles.length))}`;
    })
    .join(' ')} END`;
  await ctx.step('discussion_thread', () =>
    batchRange(T, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO discussion_thread (network_id, id, title, theme, district_id, organisation_id, author_id, review_status,
                                       post_count, last_post_at, created_at)
        SELECT ${nid}, ${idSql(seed, 'thread', 't')},
               ${titleCase} || CASE WHEN d IS NOT NULL THEN ' (' || ${pick(names, 'd')} || ')' ELSE '' END,
               theme, CASE WHEN d IS NOT NULL THEN ${idSql(seed, 'district', 'd')} END,
               CASE WHEN ${u('t', 303)} < 0.1 THEN ${idSql(seed, 'org', i('t', 304, O))} END,
               ${idSql(seed, 'person', i('t', 305, P))}, 'visible', 0, created, created
        FROM (SELECT t, ${themeCase('t')} AS theme, CASE WHEN ${u('t', 302)} < 0.75 THEN ${i('t', 306, D)} END AS d,
                     ${now} - interval '1 minute' * floor(power(${u('t', 307)}, 1.5) * 400 * 1440) - interval '1 hour' AS created
              FROM generate_series(${a}, ${b}) AS t) AS s`)
        .execute(db),
    ),
  );
  // post p of n in thread t (index t·100000 + p): the opening post by the thread's author, then replies
  const postIndex = 't::bigint * 100000 + p';
  const sentence = (k: string) =>
    pick(postSentences, `(${i(postIndex, 351, postSentences.length)} + ${k} * 5) % ${postSentences.length}`);
  const postBody = `concat_ws(E'\\n\\n',
      nullif(${pick(postOpenings, i(postIndex, 352, postOpenings.length))}, ''),
      (SELECT string_agg(${sentence('k')}, ' ' ORDER BY k)
       FROM generate_series(0, 1 + floor(power(${u(postIndex, 353)}, 2) * 11)::int) AS k),
      nullif(${pick(postClosings, i(postIndex, 354, postClosings.length))}, ''))`;
  const threadCreated = `(${now} - interval '1 minute' * floor(power(${u('t', 307)}, 1.5) * 400 * 1440) - interval '1 hour')`;
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    await run('SET session_replication_role = replica');
    try {
      await ctx.step('wiki_revision', () =>
        batchRange(W, 1_000, (a, b) =>
          run(`
            INSERT INTO wiki_revision (network_id, page_id, revision, title, body, summary, author_id, created_at)
            SELECT ${nid}, ${idSql(seed, 'wiki_page', 'w')}, k, title, ${body('w', 'k', 'n')},
                   CASE WHEN k = 1 THEN 'Seite angelegt' ELSE ${pick(wikiSummaries, i('w * 4096 + k', 214, wikiSummaries.length))} END,
                   CASE WHEN k = 1 THEN ${idSql(seed, 'person', i('w', 203, P))}
                        ELSE ${idSql(seed, 'person', i('w * 4096 + k', 215, P))} END,
                   ${revisionAt('w', 'k', 'n')}
            FROM (${pages(a, b)}) AS s, generate_series(1, n) AS k`),
        ),
      );
      await ctx.step('discussion_post', () =>
        batchRange(T, Math.max(1, Math.ceil(T / Math.ceil(spec.posts / 25_000))), (a, b) =>
          run(`
            INSERT INTO discussion_post (network_id, id, thread_id, position, body, quoted_post_id, author_id, review_status,
                                         created_at, edited_at)
            SELECT ${nid}, ${idSql(seed, 'discussion_post', postIndex)}, ${idSql(seed, 'thread', 't')}, p, ${postBody},
                   CASE WHEN p > 2 AND ${u(postIndex, 355)} < 0.08
                        THEN ${idSql(seed, 'discussion_post', `t::bigint * 100000 + p - 1 - ${i(postIndex, 356, 'least(p - 1, 5)')}`)} END,
                   CASE WHEN p = 1 THEN ${idSql(seed, 'person', i('t', 305, P))} ELSE ${idSql(seed, 'person', i(postIndex, 357, P))} END,
                   'visible', at, CASE WHEN ${u(postIndex, 358)} < 0.05 THEN at + interval '1 hour' END
            FROM (
              SELECT t, p, ${threadCreated} + (${now} - ${threadCreated}) * (0.3 + 0.7 * ${u('t', 308)}) * ((p - 1)::float8 / n) AS at
              FROM (SELECT t, (${intArr(posts)})[t + 1] AS n FROM generate_series(${a}, ${b}) AS t) AS s,
                   generate_series(1, n) AS p
            ) AS s`),
        ),
      );
    } finally {
      await run('SET session_replication_role = DEFAULT');
    }
  });
  await ctx.step('discussion_thread_counter', async () => {
    const r = await sql
      .raw(`
      UPDATE discussion_thread t SET post_count = c.n, last_post_at = c.last,
             solution_post_id = CASE WHEN c.n > 1 AND ${u("('x' || substr(t.id::text, 1, 8))::bit(32)::bigint", 309)} < 0.1
                                     THEN c.second END,
             closed_at = CASE WHEN ${u("('x' || substr(t.id::text, 1, 8))::bit(32)::bigint", 310)} < 0.1
                                   AND c.last < ${now} - interval '14 days' THEN c.last + interval '7 days' END
      FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS last,
                   (array_agg(id ORDER BY position))[2] AS second
            FROM discussion_post WHERE network_id = ${nid} GROUP BY thread_id) AS c
      WHERE t.network_id = ${nid} AND t.id = c.thread_id`)
      .execute(db);
    return Number(r.numAffectedRows ?? 0n);
  });

  // Map reports ----------------------------------------------------------------------------------
  const R = spec.mapReports;
  const cells = Array.from({ length: D }, (_, d) => districtCell(d, D));
  const reportTitle = `CASE kind ${reportKinds
    .map(([kind]) => {
      const xs = mapReportTitles[kind]!;
      return `WHEN ${lit(kind)} THEN ${pick(
        xs.map(([, t]) => t),
        i('r', 402, xs.length),
      )}`;
    })
    .join(' ')} END`;
  const reportCategory = `CASE kind ${reportKinds
    .map(([kind]) => {
      const xs = mapReportTitles[kind]!;
      return `WHEN ${lit(kind)} THEN ${pick(
        xs.map(([c]) => c),
        i('r', 402, xs.length),
      )}`;
    })
    .join(' ')} END`;
  // supporter j ≥ 1 of report r is person (h + j·7919) mod P, h its author: distinct, never the author
  const supporters = (r: string) => `floor(power(${u(r, 420)}, 3) * 13)::int`;
  await ctx.step('map_report', () =>
    batchRange(R, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO map_report (network_id, id, kind, category, title, body, lat, lng, address, district_id, status,
                                author_id, owner_id, review_interval_days, reviewed_at, support_count, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'map_report', 'r')}, kind, ${reportCategory}, ${reportTitle},
               ${pick(mapReportNotes, i('r', 403, mapReportNotes.length))},
               round(((${intArr(cells.map((c) => Math.round(c.lat * 1e6)))})[d + 1] / 1e6 + (${u('r', 404)} - 0.5) * ${cellLat * 0.8})::numeric, 6)::float8,
               round(((${intArr(cells.map((c) => Math.round(c.lng * 1e6)))})[d + 1] / 1e6 + (${u('r', 405)} - 0.5) * ${cellLng * 0.8})::numeric, 6)::float8,
               ${pick(streets, i('r', 406, streets.length))} || ' ' || (1 + ${i('r', 407, 80)}), ${idSql(seed, 'district', 'd')},
               ${weighted(reportStatuses, u('r', 408), 'new')},
               ${idSql(seed, 'person', i('r', 409, P))}, ${idSql(seed, 'person', i('r', 409, P))}, 90,
               created + (${now} - created) * 0.5, 0, created,
               created + (${now} - created) * ${u('r', 410)}
        FROM (SELECT r, r % ${D} AS d, ${weighted(reportKinds, u('r', 401), 'defect')} AS kind,
                     ${now} - interval '1 minute' * floor(power(${u('r', 411)}, 1.3) * 540 * 1440) AS created
              FROM generate_series(${a}, ${b}) AS r) AS s`)
        .execute(db),
    ),
  );
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    await run('SET session_replication_role = replica');
    try {
      await ctx.step('map_report_support', () =>
        batchRange(R, 50_000, (a, b) =>
          run(`
            INSERT INTO map_report_support (network_id, report_id, account_id, created_at)
            SELECT ${nid}, ${idSql(seed, 'map_report', 'r')}, ${idSql(seed, 'person', `(${i('r', 409, P)} + j * 7919) % ${P}`)},
                   least(${now}, ${now} - interval '1 minute' * floor(power(${u('r', 411)}, 1.3) * 540 * 1440) + interval '1 hour' * j)
            FROM generate_series(${a}, ${b}) AS r, generate_series(1, ${supporters('r')}) AS j
            WHERE j < ${P}`),
        ),
      );
    } finally {
      await run('SET session_replication_role = DEFAULT');
    }
  });
  await ctx.step('map_report_counter', async () => {
    const r = await sql
      .raw(`
      UPDATE map_report m SET support_count = c.n
      FROM (SELECT report_id, count(*)::int AS n FROM map_report_support WHERE network_id = ${nid} GROUP BY report_id) AS c
      WHERE m.network_id = ${nid} AND m.id = c.report_id`)
      .execute(db);
    return Number(r.numAffectedRows ?? 0n);
  });

  // Follows: a thread (the busy ones more often), a district, a page, a report, an organisation ---
  await ctx.step('knowledge_follow', () =>
    batchRange(P, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO knowledge_follow (network_id, account_id, target_type, target_id, created_at)
        SELECT ${nid}, ${idSql(seed, 'person', 'i')}, (ARRAY['discussion_thread', 'district', 'wiki_page', 'map_report', 'organisation'])[k + 1],
               CASE k WHEN 0 THEN ${idSql(seed, 'thread', `floor(${T} * power(${u('i * 8 + k', 451)}, 2))::int`)}
                      WHEN 1 THEN ${idSql(seed, 'district', i('i', 452, D))}
                      WHEN 2 THEN ${idSql(seed, 'wiki_page', i('i', 453, W))}
                      WHEN 3 THEN ${idSql(seed, 'map_report', i('i', 454, Math.max(1, R)))}
                      ELSE ${idSql(seed, 'org', i('i', 455, O))} END,
               ${now} - interval '1 day' * ${i('i * 8 + k', 456, 300)}
        FROM generate_series(${a}, ${b}) AS i, generate_series(0, 4) AS k
        WHERE ${u('i * 8 + k', 450)} < (ARRAY[0.35, 0.3, 0.15, ${R > 0 ? 0.15 : 0}, 0.2])[k + 1]
        ON CONFLICT DO NOTHING`)
        .execute(db),
    ),
  );

  // Search entries, as the area writes them -------------------------------------------------------
  const labelCase = (expr: string, labels: Record<string, string>) =>
    `CASE ${expr} ${Object.entries(labels)
      .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
      .join(' ')} END`;
  const unregistered = knowledgeSearchTypes.filter((t) => !indexedTypes().includes(t));
  if (unregistered.length > 0)
    ctx.notes.push(
      `no search entries of ${unregistered.join(', ')}: not a search type of the server yet (its part registers it)`,
    );
  await ctx.step('search_document_knowledge', async () => {
    let n = 0;
    const add = async (text: string) => {
      const type = /'(\w+)' AS type/.exec(text)?.[1];
      if (!type || !indexedTypes().includes(type)) return;
      const r = await sql.raw(text).execute(db);
      n += Number(r.numAffectedRows ?? 0n);
    };
    await add(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link, visibility,
                                   organisation_id, updated_at)
      SELECT p.network_id, 'wiki_page', p.id, 'wiki_page' AS type, p.title, r.body, coalesce(o.name, 'Wiki'),
             '/wissen/wiki/' || p.id, p.visibility, p.organisation_id, p.updated_at
      FROM wiki_page p
      JOIN wiki_revision r ON r.network_id = p.network_id AND r.page_id = p.id AND r.revision = p.current_revision
      LEFT JOIN organisation o ON o.network_id = p.network_id AND o.id = p.organisation_id
      WHERE p.network_id = ${nid} AND p.archived_at IS NULL`);
    await add(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link, visibility,
                                   organisation_id, updated_at)
      SELECT n.network_id, 'news_post', n.id, 'news_post' AS type, n.title, n.body, o.name, '/wissen/neuigkeiten/' || n.id,
             n.visibility, n.organisation_id, n.updated_at
      FROM news_post n JOIN organisation o ON o.network_id = n.network_id AND o.id = n.organisation_id
      WHERE n.network_id = ${nid} AND n.status = 'published'`);
    await add(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link, updated_at)
      SELECT t.network_id, 'discussion_thread', t.id, 'discussion_thread' AS type, t.title, p.body,
             concat_ws(E'\\n', ${labelCase('t.theme', themeLabels)}, d.name), '/wissen/diskussionen/' || t.id, t.last_post_at
      FROM discussion_thread t
      JOIN discussion_post p ON p.network_id = t.network_id AND p.thread_id = t.id AND p.position = 1
      LEFT JOIN district d ON d.network_id = t.network_id AND d.id = t.district_id
      WHERE t.network_id = ${nid} AND t.review_status = 'visible'`);
    await add(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link, updated_at)
      SELECT m.network_id, 'map_report', m.id, 'map_report' AS type, m.title, m.body,
             concat_ws(E'\\n', ${labelCase('m.kind', Object.fromEntries(reportKinds.map(([k, , l]) => [k, l])))},
                       ${labelCase('m.category', categoryLabels)}, m.address, d.name),
             '/wissen/karte/' || m.id, m.updated_at
      FROM map_report m LEFT JOIN district d ON d.network_id = m.network_id AND d.id = m.district_id
      WHERE m.network_id = ${nid} AND m.status <> 'rejected'`);
    return n;
  });

  const health = await knowledgeHealth(db, networkId);
  const broken = Object.entries(health).filter(([k, v]) => problems.includes(k) && v !== 0);
  if (broken.length > 0)
    throw new Error(`generated knowledge breaks its invariants: ${JSON.stringify(health)}`);

  // the figures' page: of the network's public pages with the median number of revisions, the first
  const median = [...revisions].sort((x, y) => x - y)[Math.floor(W / 2)]!;
  const candidates = revisions.flatMap((n, w) => (n === median ? [townId(seed, 'wiki_page', w)] : []));
  const page = await db
    .selectFrom('wiki_page')
    .select(['id', 'current_revision'])
    .where('network_id', '=', networkId)
    .where('id', 'in', candidates.slice(0, 200))
    .where('organisation_id', 'is', null)
    .where('visibility', '=', 'public')
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const busiest = posts.indexOf(Math.max(...posts));
  return {
    health,
    handles: {
      wikiPageId: page.id,
      wikiPageRevisions: page.current_revision,
      threadId: townId(seed, 'thread', busiest),
      threadPosts: posts[busiest]!,
      searchTypes: indexedTypes(),
    },
  };
}

const problems = [
  'revision_mismatches',
  'thread_counter_mismatches',
  'position_gaps',
  'support_count_mismatches',
  'reports_outside_district',
  'unindexed',
  'orphans',
];

/** The invariants of the knowledge tables (migration 20261206_1110_knowledge), counted over the whole network. */
export async function knowledgeHealth(db: Kysely<DB>, networkId: string): Promise<KnowledgeHealth> {
  const r = await sql<KnowledgeHealth>`
    SELECT
      (SELECT count(*)::int FROM wiki_page WHERE network_id = ${networkId}) AS wiki_pages,
      (SELECT count(*)::int FROM wiki_revision WHERE network_id = ${networkId}) AS wiki_revisions,
      (SELECT count(*)::int FROM wiki_link WHERE network_id = ${networkId}) AS wiki_links,
      (SELECT count(*)::int FROM news_post WHERE network_id = ${networkId}) AS news_posts,
      (SELECT count(*)::int FROM discussion_thread WHERE network_id = ${networkId}) AS threads,
      (SELECT count(*)::int FROM discussion_post WHERE network_id = ${networkId}) AS posts,
      (SELECT count(*)::int FROM map_report WHERE network_id = ${networkId}) AS map_reports,
      (SELECT count(*)::int FROM map_report_support WHERE network_id = ${networkId}) AS supports,
      (SELECT count(*)::int FROM knowledge_follow WHERE network_id = ${networkId}) AS follows,
      (SELECT count(*)::int FROM search_document WHERE network_id = ${networkId}
        AND type IN ('wiki_page', 'news_post', 'discussion_thread', 'map_report')) AS search_documents,
      (SELECT count(*)::int FROM wiki_page p LEFT JOIN LATERAL (
         SELECT count(*) AS n, max(revision) AS top, min(revision) AS low FROM wiki_revision r
         WHERE r.network_id = p.network_id AND r.page_id = p.id) AS r ON true
       WHERE p.network_id = ${networkId} AND (
         r.top IS DISTINCT FROM p.current_revision OR r.n <> p.current_revision OR r.low <> 1 OR
         p.title IS DISTINCT FROM (SELECT title FROM wiki_revision c WHERE c.network_id = p.network_id
                                     AND c.page_id = p.id AND c.revision = p.current_revision))) AS revision_mismatches,
      (SELECT count(*)::int FROM discussion_thread t LEFT JOIN LATERAL (
         SELECT count(*) AS n, max(created_at) AS last FROM discussion_post p
         WHERE p.network_id = t.network_id AND p.thread_id = t.id) AS c ON true
       WHERE t.network_id = ${networkId} AND (t.post_count <> c.n OR t.last_post_at IS DISTINCT FROM c.last))
        AS thread_counter_mismatches,
      (SELECT count(*)::int FROM discussion_thread t LEFT JOIN LATERAL (
         SELECT count(*) AS n, min(position) AS low, max(position) AS top FROM discussion_post p
         WHERE p.network_id = t.network_id AND p.thread_id = t.id) AS c ON true
       WHERE t.network_id = ${networkId} AND (c.n = 0 OR c.low <> 1 OR c.top <> c.n)) AS position_gaps,
      (SELECT count(*)::int FROM map_report m WHERE m.network_id = ${networkId} AND m.support_count <> (
         SELECT count(*) FROM map_report_support s WHERE s.network_id = m.network_id AND s.report_id = m.id))
        AS support_count_mismatches,
      (SELECT count(*)::int FROM map_report m LEFT JOIN district d ON d.network_id = m.network_id AND d.id = m.district_id
       WHERE m.network_id = ${networkId} AND (d.id IS NULL OR abs(m.lat - d.center_lat) > ${cellLat / 2}
         OR abs(m.lng - d.center_lng) > ${cellLng / 2})) AS reports_outside_district,
      (SELECT count(*)::int FROM (
         SELECT 'wiki_page' AS type, id FROM wiki_page WHERE network_id = ${networkId} AND archived_at IS NULL
         UNION ALL SELECT 'news_post', id FROM news_post WHERE network_id = ${networkId} AND status = 'published'
         UNION ALL SELECT 'discussion_thread', id FROM discussion_thread WHERE network_id = ${networkId} AND review_status = 'visible'
         UNION ALL SELECT 'map_report', id FROM map_report WHERE network_id = ${networkId} AND status <> 'rejected'
       ) AS x WHERE x.type = ANY(${indexedTypes()}::text[]) AND NOT EXISTS (SELECT 1 FROM search_document s WHERE s.network_id = ${networkId}
                                  AND s.entity_type = x.type AND s.entity_id = x.id)) AS unindexed,
      (SELECT count(*)::int FROM wiki_revision r WHERE r.network_id = ${networkId} AND (
         NOT EXISTS (SELECT 1 FROM wiki_page p WHERE p.network_id = r.network_id AND p.id = r.page_id) OR
         (r.author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM account a WHERE a.network_id = r.network_id AND a.id = r.author_id))))
      + (SELECT count(*)::int FROM discussion_post p WHERE p.network_id = ${networkId} AND (
         NOT EXISTS (SELECT 1 FROM discussion_thread t WHERE t.network_id = p.network_id AND t.id = p.thread_id) OR
         (p.author_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM account a WHERE a.network_id = p.network_id AND a.id = p.author_id)) OR
         (p.quoted_post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM discussion_post q WHERE q.network_id = p.network_id
            AND q.id = p.quoted_post_id AND q.thread_id = p.thread_id AND q.position < p.position))))
      + (SELECT count(*)::int FROM map_report_support s WHERE s.network_id = ${networkId} AND (
         NOT EXISTS (SELECT 1 FROM map_report m WHERE m.network_id = s.network_id AND m.id = s.report_id) OR
         NOT EXISTS (SELECT 1 FROM account a WHERE a.network_id = s.network_id AND a.id = s.account_id))) AS orphans
  `.execute(db);
  return r.rows[0]!;
}
