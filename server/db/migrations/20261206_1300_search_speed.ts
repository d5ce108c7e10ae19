import { type Kysely, sql } from 'kysely';

/**
 * Search fast over a big knowledge corpus (issues #14 and #18): bounded vectors to rank and score
 * the candidates by, and a folded title.
 *
 * `tsv` holds the whole text (a wiki page's 6 KB body makes a vector of several KB, stored apart):
 * it stays what finds an entry, so a word anywhere in a text is found. Ranking and scoring on it
 * read that whole vector for every entry and term. `tsv_head` is the same weighting over the title
 * (A), the first 800 characters of the text (B) and the keywords (C), kept in the row: candidates
 * are ranked and scored on it. A word found only further down the text still finds the entry (by
 * `tsv`); it ranks below those that name it early.
 *
 * `tsv_title` (title A, keywords C) with its GIN index: the entries that have a word in the title or
 * keywords are found apart from those that have it in the text only, so each tier of candidates is
 * ranked among a bounded number (platform/search.ts): "defekt" is in the titles of 20 000 map
 * reports, an everyday word in the texts of tens of thousands of entries, and ranking all of them
 * was the cost.
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
    ALTER TABLE search_document ADD COLUMN tsv_title tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('german', keywords), 'C') || setweight(to_tsvector('english', keywords), 'C')
    ) STORED;
    CREATE INDEX search_document_tsv_title ON search_document USING gin (tsv_title);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX search_document_tsv_title;
    ALTER TABLE search_document DROP COLUMN tsv_title, DROP COLUMN title_fold, DROP COLUMN tsv_head;
  `.execute(db);
}
