import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { areaSearchTypes } from '../areas/lists.ts';
import type { SearchVisibility } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { type Actor, anonymous, isSignedIn } from '../policies/actor.ts';
import { BoundedCache } from './boundedCache.ts';
import { namesAny, snippetFrom, snippetOfHead } from './searchSnippet.ts';
import { expandQuery, fold, type SearchTerm, type SearchWord } from './searchWords.ts';
import type { WebPath } from './webPaths.ts';

/**
 * One search over what every area makes public: a document per thing in `search_document`, written
 * by the area in the same transaction as the thing (indexDocument, removeDocument), so the index
 * never holds what was withdrawn, closed or changed. What a person finds is what they may see: each
 * document says who may find it (everyone, people signed in, or the members of one organisation);
 * moderators' hidden marks and an expiry are honoured at query time. Support circles are never
 * indexed.
 *
 * Matching works the same on PGlite and PostgreSQL (no dictionary files): German and English
 * stemming with prefixes ("Einkauf" finds "Einkaufshilfe"), a trigram match inside the words of
 * titles and keywords for the other half of German compounds and for typos ("Begleitung" finds
 * "Arztbegleitung", "Fahradwerkstatt" finds "Fahrradwerkstatt"), and the everyday words of
 * searchWords.ts that mean the same help. A document matches if it has any word of the query; more words, title before
 * text, own word before synonym rank it higher.
 *
 * Candidates are found two ways, so a word in tens of thousands of entries costs no more than a rare
 * one: the best entries of each word in titles and keywords from the word table (`search_word`, a
 * btree read in order and stopped at `wordCap`), and — only where every word is rarer than that —
 * the entries that have a word anywhere in their text, from the GIN index over the whole text. Only
 * the best candidates are then scored term by term.
 */

/**
 * Every kind of thing search finds, in the order the client offers them as filters: the
 * foundation's, then each area's (its area.ts, joined in server/areas/lists.ts). The web client
 * words each as search.types.<type> (test/browser/search.test.ts checks that every one has a text).
 * A new area adds its kinds there and calls indexDocument with them.
 */
const foundationSearchTypes = ['organisation'] as const;
export const searchTypes = [...foundationSearchTypes, ...areaSearchTypes] as const;
export type SearchType = (typeof searchTypes)[number];

export function isSearchType(s: string): s is SearchType {
  return (searchTypes as readonly string[]).includes(s);
}

export interface SearchDocument {
  networkId: string;
  /** what kind of thing it is for the person searching (the filter and its label) */
  type: SearchType;
  /** the thing as flags and moderators' hidden marks name it (usually its table) */
  entityType: string;
  entityId: string;
  title: string;
  /** its own text: found by its words, and shown around them as the hit's snippet */
  body?: string;
  /** words it is found by that are not its text (what kind of thing it is, who offers it, tags) */
  keywords?: string;
  link: WebPath;
  /** who may find it; everyone unless said otherwise */
  visibility?: SearchVisibility;
  /** the organisation it belongs to; with visibility `members` only its members find it */
  organisationId?: string | null;
  /** from then on it is no longer found (an offer that runs out) */
  expiresAt?: Date | null;
}

/**
 * Writes the thing's search entry (or replaces it), in the caller's transaction. Only what may be
 * shown to those named by `visibility` goes in: never a support circle's content. A thing that a
 * moderator hid stays hidden when its entry is written again.
 */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const visibility = doc.visibility ?? 'public';
  const fields = {
    type: doc.type,
    title: doc.title,
    body: doc.body ?? '',
    keywords: doc.keywords ?? '',
    link: doc.link,
    visibility,
    organisation_id: doc.organisationId ?? null,
    expires_at: doc.expiresAt ?? null,
  };
  const hidden = sql<boolean>`EXISTS (
    SELECT 1 FROM hidden_content h
    WHERE h.network_id = ${doc.networkId} AND h.entity_type = ${doc.entityType} AND h.entity_id = ${doc.entityId})`;
  await db
    .insertInto('search_document')
    .values({
      network_id: doc.networkId,
      entity_type: doc.entityType,
      entity_id: doc.entityId,
      ...fields,
      hidden,
    })
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'entity_type', 'entity_id'])
        .doUpdateSet({ ...fields, hidden, updated_at: sql`now()` }),
    )
    .execute();
}

/**
 * The word table (migration 20261213_0900_search_words) against the network's entries: its rows, and
 * how many it holds that the entries do not give or lacks that they do — 0 when its triggers kept it
 * exact. For the tests and the bench's load check.
 */
export async function searchWordHealth(db: Executor, networkId: string) {
  const r = await sql<{ words: number; mismatched: number }>`
    WITH fresh AS (SELECT w.* FROM search_document d, search_words_of(d) w WHERE d.network_id = ${networkId}),
         kept AS (SELECT * FROM search_word WHERE network_id = ${networkId})
    SELECT (SELECT count(*)::int FROM kept) AS words,
           (SELECT count(*)::int FROM ((SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh)
                                       UNION ALL (SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept)) x) AS mismatched`.execute(
    db,
  );
  return r.rows[0] ?? { words: 0, mismatched: 0 };
}

/** Takes the thing out of search (withdrawn, closed, no longer public), in the caller's transaction. */
export async function removeDocument(db: Executor, networkId: string, entityType: string, entityId: string) {
  await db
    .deleteFrom('search_document')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
}

export interface SearchHit {
  type: SearchType;
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  link: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** how many match within the chosen types */
  total: number;
  /** how many match of each type, whatever types were chosen (types without a match left out) */
  types: { type: SearchType; count: number }[];
  /** the counts are lower bounds: the word is in so many entries that only the best were counted */
  moreThanCounted: boolean;
  /** the words looked for: the query's own and those that mean the same, for highlighting */
  terms: string[];
}

const isTyped = (t: SearchTerm) => t.weight === 1;

/**
 * How a term is matched. A word the person typed: by its stem anywhere, and as the start of longer
 * words ("Einkauf" → "Einkaufshilfe") from four letters; inside the words of the title and the
 * keywords (the other half of a compound, typos: "Begleitung" → "Arztbegleitung") by trigrams from
 * four letters, at pg_trgm's word similarity of 0.6. A word that only means the same: by its stem
 * (as the start of longer words from seven letters: the stemmer makes "integrationskur" of
 * "Integrationskurs" but "integrationskurs" of "Integrationskurse"), and inside the words of the
 * title only, from five letters and at 0.75, because its near misses were not typed by anyone
 * ("Besorgung" is not "Versorgung", "Handy" not "Hände"). Texts are matched by stems only: a
 * trigram check inside every text that shares a word's trigrams costs seconds on a big network.
 */
const prefixFrom = { typed: 4, synonym: 7 };
const trigramFrom = { typed: 4, synonym: 5 };
const typedLikeness = 0.6;
const synonymLikeness = 0.75;

/** Whether a term finds the longer words it begins (see prefixFrom). */
const isPrefix = (t: SearchTerm) => t.word.length >= (isTyped(t) ? prefixFrom.typed : prefixFrom.synonym);

const usesTrigrams = (t: SearchTerm) =>
  t.folded.length >= (isTyped(t) ? trigramFrom.typed : trigramFrom.synonym);
/** Only the typed words are looked for by trigrams inside title and keywords (with the trigram index). */
const trigramsInText = (t: SearchTerm) => isTyped(t) && usesTrigrams(t);

/**
 * A term's text-search query, German and English, optionally restricted to the title (weight A).
 * `once`: the term once where both stem it alike ("aufzug:*" twice) — to find by, as it finds the
 * same: the GIN index does not merge equal entries of a prefix query and read each one's lists of
 * thousands of entries twice. Ranks are computed with both (ts_rank counts each, so leaving one out
 * would change the order).
 */
function tsquery(t: SearchTerm, titleOnly: boolean, once = false): RawBuilder<unknown> {
  const prefix = isPrefix(t);
  // the word holds letters and digits only (searchWords.wordsOf), so it is a valid tsquery operand
  const q = `${t.word}${prefix ? ':*' : titleOnly ? ':' : ''}${titleOnly ? 'A' : ''}`;
  if (!once) return sql`(to_tsquery('german', ${q}) || to_tsquery('english', ${q}))`;
  return sql`(SELECT CASE WHEN q.g = q.e THEN q.g ELSE q.g || q.e END
              FROM (SELECT to_tsquery('german', ${q}) AS g, to_tsquery('english', ${q}) AS e) q)`;
}

/**
 * What the database measures of one term in a document, once (the columns of `measured`):
 * a<i> its stem in the title, b<i> its stem in title, keywords or the start of the text (the
 * bounded `tsv_head`, see deepOnly), and for trigram terms t<i>, x<i> its
 * likeness inside the title and inside title and keywords — left at 0 where the stem already matched,
 * since the likeness could not score higher there.
 */
function stemMeasures(_t: SearchTerm, i: number): RawBuilder<unknown>[] {
  return [
    sql`(c.tsv @@ ${stemmed(`title${i}`)}) AS ${sql.raw(`a${i}`)}`,
    sql`(c.tsv @@ ${stemmed(`term${i}`)}) AS ${sql.raw(`b${i}`)}`,
  ];
}

/**
 * A query of the search's stemmed once (a column of the statement's first step, \`stemmed\`): read
 * through an uncorrelated subquery, which PostgreSQL evaluates once per statement. Written in place,
 * \`to_tsquery\` of a parameter runs for every row it is compared with, since a prepared statement's
 * generic plan (chosen after five calls on a connection) cannot fold it into a constant: nine terms,
 * two stemmers, a thousand candidates — that made the generic plan 2–3 times slower than a plan
 * made for the values (see docs/PERFORMANCE.md).
 */
const stemmed = (column: string) => sql`(SELECT ${sql.ref(`stemmed.${column}`)} FROM stemmed)`;

/**
 * Trigrams of which a text must hold at least one, as a piece of one of its words, for a term to
 * reach the likeness `least` in it — or null where no piece is needed (a short word's likeness may
 * come from the padded trigrams at its start and end alone). pg_trgm's \`word_similarity\` is
 * shared / (the term's distinct trigrams + the stretch's − shared), so it reaches \`least\` only
 * where at least \`least\` × (the term's distinct trigrams) are shared; of those at most the three
 * padded ones are not pieces of the word, so of its n inner trigrams at least k are in the text,
 * and any n − k + 1 of them hold one of those. A \`strpos\` costs a fraction of a microsecond, a
 * \`word_similarity\` 15–30 µs (building and sorting both trigram sets): of the 60 scored
 * candidates and up to nine terms, almost none share such a piece, so the likeness is computed
 * for almost none of them, with the same answer. Only for terms of the letters a–z and digits,
 * whose trigrams pg_trgm keeps as they are (others it hashes).
 */
export function trigramPieces(folded: string, least: number): string[] | null {
  if (!/^[a-z0-9]+$/.test(folded)) return null;
  const padded = `  ${folded} `;
  const all = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) all.add(padded.slice(i, i + 3));
  const inner = [...all].filter((g) => !g.includes(' '));
  const needed = Math.ceil(least * all.size - 1e-6) - (all.size - inner.length);
  if (needed <= 0) return null;
  return inner.slice(0, inner.length - needed + 1);
}

/** word_similarity(term, column), or 0 where the column cannot reach `least` (see trigramPieces). */
function likeness(t: SearchTerm, column: string, least: number): RawBuilder<number> {
  const ws = sql<number>`word_similarity(${t.folded}, ${sql.ref(column)})`;
  const pieces = trigramPieces(t.folded, least);
  if (!pieces) return ws;
  const any = sql.join(
    pieces.map((g) => sql`strpos(${sql.ref(column)}, ${g}) > 0`),
    sql` OR `,
  );
  return sql<number>`CASE WHEN ${any} THEN ${ws} ELSE 0 END`;
}

/**
 * The likenesses of a term, from the stems already measured (`stems`), so they are not matched
 * again. A typed word's is measured in title and keywords first (`l.x<i>`): \`search_text\` begins
 * with the folded title, so the word is no more like the title than like that — only where that
 * reaches 0.6 is the title's measured. Columns of \`measured\`, which reads them through a lateral
 * step of its own (\`l\`) so each is computed once.
 */
function likenessMeasures(
  t: SearchTerm,
  i: number,
): { inner: RawBuilder<unknown>[]; outer: RawBuilder<unknown>[] } {
  const [a, b] = [sql.ref(`s.a${i}`), sql.ref(`s.b${i}`)];
  const outer: RawBuilder<unknown>[] = [sql`${a} AS ${sql.raw(`a${i}`)}`, sql`${b} AS ${sql.raw(`b${i}`)}`];
  const inner: RawBuilder<unknown>[] = [];
  const [ti, xi] = [sql.raw(`t${i}`), sql.raw(`x${i}`)];
  if (trigramsInText(t)) {
    const x = sql.ref(`l.x${i}`);
    inner.push(sql`CASE WHEN ${a} THEN 0 ELSE ${likeness(t, 's.search_text', typedLikeness)} END AS ${xi}`);
    outer.push(
      sql`CASE WHEN ${a} OR ${x} < ${sql.lit(typedLikeness)} THEN 0 ELSE word_similarity(${t.folded}, s.title_fold) END AS ${ti}`,
      sql`CASE WHEN ${b} THEN 0 ELSE ${x} END AS ${xi}`,
    );
  } else if (usesTrigrams(t))
    outer.push(sql`CASE WHEN ${a} THEN 0 ELSE ${likeness(t, 's.title_fold', synonymLikeness)} END AS ${ti}`);
  return { inner, outer };
}

/** A likeness as it counts: a typed word's from 0.6 as it is, a synonym's from 0.75, rescaled to 0..1. */
function counted(t: SearchTerm, column: string): RawBuilder<number> {
  const w = sql.ref(`m.${column}`);
  return isTyped(t)
    ? sql<number>`CASE WHEN ${w} >= ${sql.lit(typedLikeness)} THEN ${w} ELSE 0 END`
    : sql<number>`GREATEST(0, (${w} - ${synonymLikeness}) / ${1 - synonymLikeness})`;
}

/**
 * How well a document has one term, from 0 to the term's weight: in the title by stem (1) or
 * inside a title word (up to 1), in the text by stem (0.6) or inside a word of it (up to 0.6).
 */
function termScore(t: SearchTerm, i: number): RawBuilder<number> {
  const parts = [
    sql`CASE WHEN ${sql.ref(`m.a${i}`)} THEN 1.0 ELSE 0 END`,
    sql`CASE WHEN ${sql.ref(`m.b${i}`)} THEN 0.6 ELSE 0 END`,
  ];
  if (usesTrigrams(t)) parts.push(counted(t, `t${i}`));
  if (trigramsInText(t)) parts.push(sql`0.6 * ${counted(t, `x${i}`)}`);
  return sql<number>`${sql.lit(t.weight)} * GREATEST(${sql.join(parts)})`;
}

/**
 * A word's score from its terms' scores: its best term, plus a little for each further term the
 * document also has (up to 0.3), so a garden offer that says "Garten", "Rasen" and "Hecke" comes
 * before "Gartenstadt".
 */
function wordScore(scores: RawBuilder<number>[]): RawBuilder<number> {
  const best = sql`GREATEST(${sql.join(scores)})`;
  if (scores.length === 1) return best as RawBuilder<number>;
  return sql<number>`(${best} + LEAST(0.3, 0.15 * ((${sql.join(scores, sql` + `)}) - ${best})))`;
}

/** Who may find what: everyone the public entries, people signed in theirs, members their organisations'. */
function visibleTo(actor: Actor, of: 'd' | 'x'): RawBuilder<boolean> {
  const signedIn = isSignedIn(actor);
  const organisations = signedIn ? [...actor.roles.keys()] : [];
  const [visibility, organisation] = [sql.ref(`${of}.visibility`), sql.ref(`${of}.organisation_id`)];
  return sql<boolean>`(${visibility} = 'public'
    OR (${visibility} = 'signed_in' AND ${signedIn})
    OR (${visibility} = 'members' AND ${organisation} = ANY(${organisations}::uuid[])))`;
}

interface Row {
  type: SearchType | null;
  entity_type: string | null;
  entity_id: string | null;
  title: string | null;
  link: string | null;
  /** the start of the text, one character longer than the snippet is cut from */
  head: string | null;
  facets: { type: SearchType; count: number }[] | null;
  capped: boolean;
}

/**
 * At most this many candidates: the best by tier and rank of those found by stem, and of those found
 * only inside words (trigrams) the first the index yields. Measured on 57 000 entries
 * on PostgreSQL 15 ("Hilfe" in 19 000 of them): scoring all took 8 s, these take tens of ms. Past
 * the cap the counts are lower bounds, and the answer says so.
 */
const candidateCap = { stem: 500, trigram: 200 };

/**
 * Of the candidates by stem, only the best this many by tier and rank of the chosen types are
 * scored term by term — at least, or as far as the page asked for reaches. The rest are
 * counted, not scored: scoring (each term's stem in title and text, its likeness inside the title
 * words) cost 0.2–0.3 ms a candidate before the bounded vectors and still ~80 µs with nine terms,
 * and 60 fill three pages. Candidates found only inside words (at most 200, looked for only while
 * the stems found fewer than their cap) are all scored.
 */
const scoredFrom = { stem: 60 };

/**
 * Of each word a term looks for (its German and its English stem), the best this many entries that
 * have it in the title or keywords: read from the word table's index in its order — the word itself
 * before the longer words it begins, title before keywords, the latest change first — and stopped
 * there (migration 20261213_0900_search_words). The GIN index cannot stop early: for "defekt" in
 * 8 000 titles at size M it built a bitmap of all of them first, most of a search's time. A word
 * with this many entries or more has more than anyone reads; its search does not look further.
 */
const wordCap = 200;

/**
 * Only while every word of the query has fewer entries in titles and keywords than `wordCap` (and
 * they make fewer candidates than the cap) are the texts searched too, by the GIN index over the
 * whole text, which is then cheap: of what it yields, the first this many are taken.
 */
const examined = 1000;

/**
 * Candidates found by the whole text (`tsv`) are scored by its bounded head
 * (`tsv_head`: title, the first 800 characters of the text, keywords — migration
 * 20261206_1300_search_speed): unpacking a long text's whole vector for every term cost 0.3 ms per
 * candidate. An entry that has a word of the query only further down its text scores this much, as
 * a text word (0.6) of a word that only means the same would: below every entry that names the word
 * early, still found.
 */
const deepOnly = 0.3;

/**
 * Finds what `actor` may see, best match first: one statement that selects the matching entries
 * once, counts them per type and ranks the chosen types' page.
 */
export async function search(
  db: Executor,
  networkId: string,
  query: string,
  opts: {
    actor?: Actor;
    types?: readonly SearchType[];
    limit: number;
    offset: number;
    /** connections that always run the prepared plan (Database.preparedPlans), where there are */
    preparedPlans?: Executor;
  },
): Promise<SearchResult> {
  const words = expandQuery(query);
  if (words.length === 0) return { hits: [], total: 0, types: [], moreThanCounted: false, terms: [] };
  const terms = words.flatMap((w) => w.terms);
  const chosen = opts.types && opts.types.length > 0 ? opts.types : null;
  const actor = opts.actor ?? anonymous;
  const key = JSON.stringify([
    networkId,
    words,
    isSignedIn(actor) ? [...actor.roles.keys()] : null,
    chosen,
    opts.limit,
    opts.offset,
  ]);
  const statement = statements.getOrMake(key, () => searchQuery(networkId, words, opts).compile(db));
  const { rows } = await genericPlan(db, opts.preparedPlans, (c) => c.executeQuery(statement));
  const names = namesAny(terms.map((t) => t.shown));
  const facets = rows[0]?.facets ?? [];
  const counts = new Map(facets.map((f) => [f.type, f.count]));
  const types = searchTypes
    .filter((ty) => counts.has(ty))
    .map((ty) => ({ type: ty, count: counts.get(ty) ?? 0 }));
  const total = types.filter((f) => !chosen || chosen.includes(f.type)).reduce((s, f) => s + f.count, 0);
  return {
    hits: rows
      .filter((r) => r.entity_id !== null)
      .map((r) => ({
        type: r.type as SearchType,
        entityType: r.entity_type as string,
        entityId: r.entity_id as string,
        title: r.title as string,
        snippet: snippetOfHead(r.head, names),
        link: r.link as string,
      })),
    total,
    types,
    moreThanCounted: rows[0]?.capped ?? false,
    terms: [...new Set(terms.map((t) => t.shown))],
  };
}

/**
 * The search's statements as compiled, by what they are made of (the query's words, who asks, the
 * types, the page): building and compiling one of nine terms takes 0.6–0.7 ms of the app server's
 * CPU, as much as the rest of the answer but its snippets. Each is 10–30 KB of SQL; 200 of them at
 * most. A query asked again (a popular one, the next page) skips it.
 */
const statements = new BoundedCache<CompiledQuery<Row>>(
  200,
  8_000_000,
  (c) => c.sql.length + 50 * c.parameters.length,
);

/**
 * Runs the search's statement with the plan PostgreSQL made for it once per connection (the
 * statement is prepared), never one made for the values: planning it costs 2–4 ms (nine terms, two
 * stemmers, eighteen reads of the word table), more than running it, and for some queries the planner
 * judged a plan for the values cheaper every time and made one each time (`Pflegegrad` at size M:
 * 8.6 ms a search, 4.6 ms with the prepared plan). Its steps are read through indexes either way; the
 * values decide no choice between plans worth a planning. Inside a caller's transaction it runs as
 * it is; on `prepared`, connections always in that mode (PostgreSQL's second pool, db/connect.ts),
 * it runs there; elsewhere the mode is set around the statement: two round trips more, at size M
 * 0.12 ms of the app server's CPU a search and 7 % of its throughput (docs/PERFORMANCE.md).
 */
async function genericPlan<T>(
  db: Executor,
  prepared: Executor | undefined,
  run: (db: Executor) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return run(db);
  if (prepared) return run(prepared);
  return db.connection().execute(async (c) => {
    await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
    try {
      return await run(c);
    } finally {
      await sql`RESET plan_cache_mode`.execute(c);
    }
  });
}

/**
 * The one statement of a search: the candidates by index (stems, trigrams), their terms' scores,
 * the words' scores, the count per type and the chosen types' page with snippets. Apart so its
 * plan can be looked at (EXPLAIN, see docs/PERFORMANCE.md).
 */
export function searchQuery(
  networkId: string,
  words: SearchWord[],
  opts: { actor?: Actor; types?: readonly SearchType[]; limit: number; offset: number },
) {
  const terms = words.flatMap((w) => w.terms);
  const anyMatch = stemmed('any_match');
  const trigramTerms = terms.filter(trigramsInText);
  // every query of the search, stemmed once (see \`stemmed\`): each term as it is, in the title only
  // and to find by (\`once\`), its German and English stem to look up in the word table, then of those
  // any term and a term of every word (to find by)
  const index = new Map(terms.map((t, i) => [t, i]));
  const anyOf = (ts: SearchTerm[]) =>
    sql`(${sql.join(
      ts.map((t) => sql.ref(`s.match${index.get(t)}`)),
      sql` || `,
    )})`;
  const stemmers = ['german', 'english'] as const;
  const perTerm = terms.flatMap((t, i) => [
    sql`${tsquery(t, true)} AS ${sql.raw(`title${i}`)}`,
    sql`${tsquery(t, false)} AS ${sql.raw(`term${i}`)}`,
    sql`${tsquery(t, false, true)} AS ${sql.raw(`match${i}`)}`,
    ...stemmers.map(
      (stemmer) =>
        sql`(tsvector_to_array(to_tsvector(${sql.lit(stemmer)}, ${t.word})))[1] COLLATE "C" AS ${sql.raw(`${stemmer}${i}`)}`,
    ),
  ]);
  const combined = [
    sql`${anyOf(terms)} AS any_match`,
    sql`${
      words.length > 1
        ? sql.join(
            words.map((w) => anyOf(w.terms)),
            sql` && `,
          )
        : sql`NULL::tsquery`
    } AS every_word`,
  ];
  const actor = opts.actor ?? anonymous;
  const visible = sql`d.network_id = ${networkId}
        AND NOT d.hidden
        AND (d.expires_at IS NULL OR d.expires_at > now())
        AND ${visibleTo(actor, 'd')}`;
  // the word table's rows of one term's stem (see wordCap): the word, or the range of the words it
  // begins; the English stem only where it is another word than the German
  const wordRows = (t: SearchTerm, i: number, stemmer: (typeof stemmers)[number], branch: number) => {
    const stem = stemmed(`${stemmer}${i}`);
    const word = isPrefix(t)
      ? sql`x.lexeme >= ${stem} AND x.lexeme < (SELECT ${sql.ref(`stemmed.${stemmer}${i}`)} || chr(1114111) FROM stemmed)`
      : sql`x.lexeme = ${stem}`;
    const other = stemmer === 'english' ? sql` AND ${stem} IS DISTINCT FROM ${stemmed(`german${i}`)}` : sql``;
    const w = words.findIndex((wd) => wd.terms.includes(t));
    return sql`(SELECT ${sql.lit(branch)} AS branch, ${sql.lit(w)} AS word, ${sql.lit(isTyped(t))} AS typed,
              x.type, x.entity_type, x.entity_id, x.rank, x.updated_at
       FROM search_word x
       WHERE x.network_id = ${networkId} AND ${word}${other}
         AND (x.expires_at IS NULL OR x.expires_at > now()) AND ${visibleTo(actor, 'x')}
       ORDER BY x.lexeme, x.rank DESC, x.updated_at DESC
       LIMIT ${sql.lit(wordCap)})`;
  };
  const wordBranches = terms.flatMap((t, i) => stemmers.map((st, j) => wordRows(t, i, st, 2 * i + j)));
  // each word counts once, by its terms; a document must have at least one word
  let at = 0;
  const wordScores = words.map((w) =>
    wordScore(w.terms.map(() => sql.ref(`s.s${at++}`) as RawBuilder<number>)),
  );
  const chosen = opts.types && opts.types.length > 0 ? opts.types : null;
  const ofChosen = chosen ? sql`WHERE s.type = ANY(${[...chosen]}::text[])` : sql``;
  const scored = Math.max(scoredFrom.stem, opts.offset + opts.limit);
  const likenesses = terms.map(likenessMeasures);
  return sql<Row>`
    -- the candidates, each way by its index and capped, so a word in thousands of entries stays quick.
    WITH stemmed AS MATERIALIZED (SELECT s.*, ${sql.join(combined)} FROM (SELECT ${sql.join(perTerm)} OFFSET 0) s),
    -- by the words of title and keywords: the best entries of each term's stems (see wordCap)
    by_word_all AS MATERIALIZED (${sql.join(wordBranches, sql` UNION ALL `)}),
    -- whether every stem had fewer entries than wordCap: only then is there more to look for
    complete AS MATERIALIZED (
      SELECT NOT EXISTS (SELECT 1 FROM by_word_all GROUP BY branch HAVING count(*) >= ${sql.lit(wordCap)}) AS yes
    ),
    -- the tiers, best first: every word of the query (of two words or more) in title or keywords, a
    -- word as typed there, any term there; within a tier the title before the keywords, the latest first
    by_word AS MATERIALIZED (
      SELECT type, entity_type, entity_id,
             CASE WHEN ${sql.lit(words.length > 1)} AND count(DISTINCT word) = ${sql.lit(words.length)} THEN 0
                  WHEN bool_or(typed) THEN 1 ELSE 2 END AS tier,
             max(rank) AS rank, max(updated_at) AS at
      FROM by_word_all GROUP BY type, entity_type, entity_id
    ),
    -- by the whole text, only where the words are rare (see examined): every word anywhere makes
    -- the first tier, a term in the text the last
    by_text_all AS MATERIALIZED (
      SELECT d.type, d.entity_type, d.entity_id,
             ${words.length > 1 ? sql`CASE WHEN d.tsv @@ ${stemmed('every_word')} THEN 0 ELSE 3 END` : sql`3`} AS tier,
             0 AS rank, d.updated_at AS at
      FROM search_document d
      WHERE (SELECT yes FROM complete) AND (SELECT count(*) FROM by_word) <= ${sql.lit(candidateCap.stem)}
        AND ${visible} AND d.tsv @@ ${anyMatch}
    ),
    by_text AS (SELECT * FROM by_text_all LIMIT ${sql.lit(examined)}),
    by_stem AS MATERIALIZED (
      SELECT * FROM (
        SELECT DISTINCT ON (entity_type, entity_id) * FROM (
          SELECT tier, type, entity_type, entity_id, rank, at FROM by_word
          UNION ALL SELECT tier, type, entity_type, entity_id, rank, at FROM by_text
        ) c
        ORDER BY entity_type, entity_id, tier, rank DESC
      ) s
      ORDER BY tier, rank DESC, at DESC
      LIMIT ${sql.lit(candidateCap.stem + 1)}
    ),
    -- the entries the stems did not find with a typed word inside title or keywords — looked for
    -- only while the stems found fewer than their cap: past it there is more than anyone reads, and
    -- checking every entry took a second on 57 000. The cheap check first (as written; the planner
    -- keeps the order of equally costly conditions); no LIMIT here, since beside one the planner
    -- would scan the whole table where the trigram index serves.
    by_trigram_all AS MATERIALIZED (
      SELECT d.type, d.entity_type, d.entity_id
      FROM search_document d
      WHERE ${
        trigramTerms.length === 0
          ? sql`false`
          : sql`(SELECT yes FROM complete) AND (SELECT count(*) FROM by_stem) <= ${sql.lit(candidateCap.stem)}
        AND ${visible} AND NOT (d.tsv @@ ${anyMatch}) AND (${sql.join(
          trigramTerms.map((t) => sql`d.search_text %> ${t.folded}`),
          sql` OR `,
        )})`
      }
    ),
    by_trigram AS (SELECT * FROM by_trigram_all LIMIT ${sql.lit(candidateCap.trigram + 1)}),
    -- the head's vector copied out of its row once (\`|| ''\` makes a new value; MATERIALIZED keeps it):
    -- a long text's is stored apart (TOAST), and each of the terms' matches below fetched it again
    candidates AS MATERIALIZED (
      SELECT d.type, d.entity_type, d.entity_id, d.title, d.link, d.tsv_head || ''::tsvector AS tsv, d.search_text,
             d.title_fold, c.stem
      FROM ((SELECT entity_type, entity_id, true AS stem FROM by_stem s ${ofChosen}
             ORDER BY s.tier, s.rank DESC, s.at DESC LIMIT ${sql.lit(scored)})
            UNION ALL SELECT entity_type, entity_id, false FROM by_trigram s ${ofChosen}) c
      JOIN search_document d
        ON d.network_id = ${networkId} AND d.entity_type = c.entity_type AND d.entity_id = c.entity_id
    ),
    -- measured once per document (MATERIALIZED: the planner would otherwise copy the expressions):
    -- the stems first, then the likenesses where the stems did not already match
    stems AS MATERIALIZED (
      SELECT c.type, c.entity_type, c.entity_id, c.title, c.link, c.title_fold, c.search_text, c.stem,
             ${sql.join(terms.flatMap(stemMeasures))}
      FROM candidates c
    ),
    measured AS MATERIALIZED (
      SELECT s.type, s.entity_type, s.entity_id, s.title, s.link, s.title_fold, s.stem,
             ${sql.join(likenesses.flatMap((l) => l.outer))}
      FROM stems s${
        likenesses.some((l) => l.inner.length > 0)
          ? sql`, LATERAL (SELECT ${sql.join(likenesses.flatMap((l) => l.inner))} OFFSET 0) l`
          : sql``
      }
    ),
    -- each term's score once (MATERIALIZED: a word's score names its terms' scores three times, and
    -- the filter on it below once more — with nine terms that was 80 µs a candidate)
    scores AS MATERIALIZED (
      SELECT m.type, m.entity_type, m.entity_id, m.title, m.link, m.title_fold, m.stem,
             ${sql.join(terms.map((t, i) => sql`${termScore(t, i)} AS ${sql.raw(`s${i}`)}`))}
      FROM measured m
    ),
    matched AS (
      SELECT s.type, s.entity_type, s.entity_id, s.title, s.link,
             GREATEST(${sql.join(wordScores, sql` + `)}, CASE WHEN s.stem THEN ${sql.lit(deepOnly)} ELSE 0 END) AS words,
             similarity(s.title_fold, ${fold(words.map((w) => w.typed).join(' '))}) AS likeness
      FROM scores s
    ),
    found AS MATERIALIZED (SELECT * FROM matched WHERE words > 0),
    facets AS (
      SELECT json_agg(json_build_object('type', type, 'count', n)) AS facets,
             NOT (SELECT yes FROM complete)
               OR (SELECT count(*) FROM by_stem) > ${sql.lit(candidateCap.stem)}
               OR (SELECT count(*) FROM by_trigram) > ${sql.lit(candidateCap.trigram)} AS capped
      FROM (SELECT type, count(*)::int AS n
            FROM (SELECT type FROM by_stem UNION ALL SELECT type FROM by_trigram) c GROUP BY type) c
    ),
    ranked AS (
      -- the words, then a title most like the whole query
      SELECT f.*, f.words + 0.5 * f.likeness AS score
      FROM found f
      ORDER BY score DESC, f.title, f.entity_id
      LIMIT ${opts.limit} OFFSET ${opts.offset}
    )
    -- the start of each hit's text, which the app server cuts the snippet from (searchSnippet.ts):
    -- one character more than it reads, to know whether the text goes on
    SELECT r.type, r.entity_type, r.entity_id, r.title, r.link, left(d.body, ${sql.lit(snippetFrom + 1)}) AS head,
           f.facets, f.capped
    FROM facets f
    LEFT JOIN ranked r ON true
    LEFT JOIN search_document d
      ON d.network_id = ${networkId} AND d.entity_type = r.entity_type AND d.entity_id = r.entity_id
    ORDER BY r.score DESC, r.title, r.entity_id
  `;
}
