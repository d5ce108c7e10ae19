import { type Kysely, sql } from 'kysely';

/**
 * Search fast over a big knowledge corpus (issues #14 and #18): a second, bounded text-search vector
 * to score and rank the candidates by.
 *
 * `tsv` holds the whole text (a wiki page's 6 KB body makes a vector of several KB, stored apart
 * and compressed): it stays the one the GIN index finds entries by, so a word anywhere in a text is
 * found. But ranking every entry that has an everyday word and scoring the capped candidates read
 * and unpacked that whole vector again for every term — about 0.3 ms per entry, 0.6 s per search
 * at the synthetic town M with its knowledge corpus. `tsv_head` is the same weighting over the
 * title (A), the first `800` characters of the text (B) and the keywords (C): small enough to be kept
 * in the row, and what a person reads first of a hit anyway. A word found only further down the text
 * still finds the entry (by `tsv`); it just ranks below those that name it early.
 *
 * `title_fold`: the title folded (`search_fold`), which every term's likeness inside the title is
 * measured on. Folding it at query time cost 33 µs a candidate for each term (the translate over
 * the folded letters), more than the likeness itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE search_document ADD COLUMN tsv_head tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('german', left(body, 800)), 'B') || setweight(to_tsvector('english', left(body, 800)), 'B') ||
      setweight(to_tsvector('german', keywords), 'C') || setweight(to_tsvector('english', keywords), 'C')
    ) STORED;
    ALTER TABLE search_document ADD COLUMN title_fold text GENERATED ALWAYS AS (search_fold(title)) STORED;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE search_document DROP COLUMN title_fold, DROP COLUMN tsv_head;`.execute(db);
}
