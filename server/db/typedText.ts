import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { containsPattern } from './like.ts';

/**
 * Whether a row with a stored `search_vector` (German and English stems; migration
 * 20261125_1500_search_vectors) and a `title` matches what a person typed into a list's search box:
 * by stem in either language, by a title like it (typos: pg_trgm's similarity) or by a title that
 * contains it literally. Each way has its index (GIN on the vector, the trigram GIN on the title).
 *
 * The two languages' queries are one query (`||`, either), made by an uncorrelated subquery that
 * runs once per statement: written in place, a prepared statement's generic plan parses and stems
 * the typed text again for every row it rechecks — 0.3–0.4 ms of each of the opportunity search's
 * two statements at size M (docs/PERFORMANCE.md).
 */
export function matchesTyped(alias: string, typed: string): RawBuilder<SqlBool> {
  const text = typed.trim();
  const [vector, title] = [sql.ref(`${alias}.search_vector`), sql.ref(`${alias}.title`)];
  return sql<SqlBool>`(${vector} @@ (SELECT websearch_to_tsquery('german', ${text}) || websearch_to_tsquery('english', ${text}))
    OR ${title} % ${text}
    OR ${title} ILIKE ${containsPattern(text)})`;
}
