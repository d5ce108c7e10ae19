import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/schema.ts';

/**
 * How many rows the search's word table holds that the entries do not give, and the other way round
 * (migration 20261213_0900_search_words): 0 when its triggers kept it exact.
 */
export async function searchWordDrift(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      (SELECT * FROM search_word EXCEPT ALL SELECT w.* FROM search_document d, search_words_of(d) w)
      UNION ALL
      (SELECT w.* FROM search_document d, search_words_of(d) w EXCEPT ALL SELECT * FROM search_word)
    ) x`.execute(db);
  return r.rows[0]?.n ?? -1;
}
