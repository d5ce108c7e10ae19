import { type RawBuilder, sql } from 'kysely';
import { areaSearchTypes } from '../areas/lists.ts';
import type { SearchVisibility } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { type Actor, anonymous, isSignedIn } from '../policies/actor.ts';
import { expandQuery, fold, type SearchTerm } from './searchWords.ts';
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
 * stemming with prefixes ("Einkauf" finds "Einkaufshilfe"), a trigram match inside words for the
 * other half of German compounds and for typos ("Begleitung" finds "Arztbegleitung",
 * "Fahradwerkstatt" finds "Fahrradwerkstatt"), and the everyday words of searchWords.ts that mean
 * the same help. A document matches if it has any word of the query; more words, title before
 * text, own word before synonym rank it higher.
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
  body?: string;
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
  /** the words looked for: the query's own and those that mean the same, for highlighting */
  terms: string[];
}

/** Below this a word is matched only whole or by its stem (trigrams of "Rad" are in "Radio"). */
const trigramMinLength = { typed: 4, synonym: 5 };
/** Below this a word is not taken as the start of longer words ("Rat" is not "Rathaus"). */
const prefixMinLength = { typed: 4, synonym: 5 };

/** A term's text-search query, German and English, optionally restricted to the title (weight A). */
function tsquery(t: SearchTerm, titleOnly: boolean): RawBuilder<unknown> {
  const own = t.weight === 1;
  const prefix = t.word.length >= (own ? prefixMinLength.typed : prefixMinLength.synonym);
  // the word holds letters and digits only (searchWords.wordsOf), so it is a valid tsquery operand
  const q = `${t.word}${prefix ? ':*' : titleOnly ? ':' : ''}${titleOnly ? 'A' : ''}`;
  return sql`(to_tsquery('german', ${q}) || to_tsquery('english', ${q}))`;
}

const usesTrigrams = (t: SearchTerm) =>
  t.folded.length >= (t.weight === 1 ? trigramMinLength.typed : trigramMinLength.synonym);

/**
 * How well a document has one term, from 0 to the term's weight: in the title by stem (1) or
 * inside a title word (the trigram match, up to 1), in the text by stem (0.6) or inside a word of
 * it (up to 0.6).
 */
function termScore(t: SearchTerm): RawBuilder<number> {
  const parts = [
    sql`CASE WHEN m.tsv @@ ${tsquery(t, true)} THEN 1.0 ELSE 0 END`,
    sql`CASE WHEN m.tsv @@ ${tsquery(t, false)} THEN 0.6 ELSE 0 END`,
  ];
  if (usesTrigrams(t))
    parts.push(
      sql`CASE WHEN ${t.folded} <% m.title_fold THEN word_similarity(${t.folded}, m.title_fold) ELSE 0 END`,
      sql`CASE WHEN ${t.folded} <% m.search_text THEN 0.6 * word_similarity(${t.folded}, m.search_text) ELSE 0 END`,
    );
  return sql<number>`${t.weight}::float8 * GREATEST(${sql.join(parts)})`;
}

/** Who may find what: everyone the public entries, people signed in theirs, members their organisations'. */
function visibleTo(actor: Actor): RawBuilder<boolean> {
  const signedIn = isSignedIn(actor);
  const organisations = signedIn ? [...actor.roles.keys()] : [];
  return sql<boolean>`(d.visibility = 'public'
    OR (d.visibility = 'signed_in' AND ${signedIn})
    OR (d.visibility = 'members' AND d.organisation_id = ANY(${organisations}::uuid[])))`;
}

interface Row {
  type: SearchType | null;
  entity_type: string | null;
  entity_id: string | null;
  title: string | null;
  link: string | null;
  snippet: string | null;
  facets: { type: SearchType; count: number }[] | null;
}

/**
 * Finds what `actor` may see, best match first: one statement that selects the matching entries
 * once, counts them per type and ranks the chosen types' page.
 */
export async function search(
  db: Executor,
  networkId: string,
  query: string,
  opts: { actor?: Actor; types?: readonly SearchType[]; limit: number; offset: number },
): Promise<SearchResult> {
  const words = expandQuery(query);
  if (words.length === 0) return { hits: [], total: 0, types: [], terms: [] };
  const terms = words.flatMap((w) => w.terms);
  const anyTerm = sql.join(
    terms.map((t) => tsquery(t, false)),
    sql` || `,
  );
  const candidates = [
    sql`d.tsv @@ (${anyTerm})`,
    ...terms.filter(usesTrigrams).map((t) => sql`d.search_text %> ${t.folded}`),
  ];
  // each word counts once, by its best term; then the title that is most like the whole query
  const score = sql.join(
    [
      ...words.map((w) => sql`GREATEST(${sql.join(w.terms.map(termScore))})`),
      sql`0.5 * similarity(m.title_fold, ${fold(words.map((w) => w.typed).join(' '))})`,
    ],
    sql` + `,
  );
  const chosen = opts.types && opts.types.length > 0 ? opts.types : null;
  const { rows } = await sql<Row>`
    WITH matched AS (
      SELECT d.type, d.entity_type, d.entity_id, d.title, d.body, d.link, d.tsv, d.search_text,
             search_fold(d.title) AS title_fold
      FROM search_document d
      WHERE d.network_id = ${networkId}
        AND NOT d.hidden
        AND (d.expires_at IS NULL OR d.expires_at > now())
        AND ${visibleTo(opts.actor ?? anonymous)}
        AND (${sql.join(candidates, sql` OR `)})
    ),
    facets AS (
      SELECT json_agg(json_build_object('type', type, 'count', n)) AS facets
      FROM (SELECT type, count(*)::int AS n FROM matched GROUP BY type) c
    ),
    ranked AS (
      SELECT m.type, m.entity_type, m.entity_id, m.title, m.body, m.link, ${score} AS score
      FROM matched m
      ${chosen ? sql`WHERE m.type = ANY(${[...chosen]}::text[])` : sql``}
      ORDER BY score DESC, m.title, m.entity_id
      LIMIT ${opts.limit} OFFSET ${opts.offset}
    )
    SELECT r.type, r.entity_type, r.entity_id, r.title, r.link,
           ts_headline('german', r.body, ${anyTerm},
             'MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", StartSel="", StopSel=""') AS snippet,
           f.facets
    FROM facets f LEFT JOIN ranked r ON true
    ORDER BY r.score DESC, r.title, r.entity_id
  `.execute(db);
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
        snippet: r.snippet ?? '',
        link: r.link as string,
      })),
    total,
    types,
    terms: [...new Set(terms.map((t) => t.word))],
  };
}
