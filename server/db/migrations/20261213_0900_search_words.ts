import { type Kysely, sql } from 'kysely';

/**
 * The words of every search entry's title and keywords in a btree (issues #14 and #18), so a search
 * reads the best entries of a word and stops there.
 *
 * The GIN index on the vectors answers "which entries have this word" only whole: for a word that
 * thousands of entries share ("defekt" in 8 000 titles at size M, 40 000 at L) it builds a bitmap of
 * all of them before the first one is ranked — 4–9 ms of a search's 8–12 ms at M and 48 ms at L,
 * however few the search then shows. `search_word` holds one row per entry and word of its title
 * (rank 2) or keywords (rank 1), ordered by network, word, rank and the entry's last change, with
 * what decides who may find it beside it (covering: the search reads the index alone). The best 200
 * entries of a word, or of the words a prefix begins, are an index range read with a LIMIT
 * (platform/search.ts, `wordCap`).
 *
 * `lexeme` is compared byte for byte (COLLATE "C"), so the words a prefix begins are one range of
 * the index. Hidden entries have no words here. The table follows `search_document` in the writing
 * transaction: statement-level triggers with transition tables take out the old rows' words and put
 * in the new rows' (one statement for a bulk load of 50 000 entries as for one upsert).
 *
 * The GIN index on `tsv_title` (migration 20261206_1300_search_speed) found the title tiers; the word
 * table does now, so it goes (the column stays: the word table is made from it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE search_word (
      network_id uuid NOT NULL,
      lexeme text COLLATE "C" NOT NULL,
      rank smallint NOT NULL CHECK (rank IN (1, 2)),
      updated_at timestamptz NOT NULL,
      type text NOT NULL,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      visibility text NOT NULL,
      organisation_id uuid,
      expires_at timestamptz
    );
    CREATE INDEX search_word_lookup ON search_word (network_id, lexeme, rank DESC, updated_at DESC)
      INCLUDE (type, entity_type, entity_id, visibility, organisation_id, expires_at);

    -- an entry's rows in the table: each word of its title (rank 2) and keywords (rank 1), none if hidden
    CREATE FUNCTION search_words_of(d search_document) RETURNS SETOF search_word
      LANGUAGE sql IMMUTABLE AS $$
      SELECT d.network_id, u.lexeme, (CASE WHEN 'A' = ANY(u.weights) THEN 2 ELSE 1 END)::smallint, d.updated_at,
             d.type, d.entity_type, d.entity_id, d.visibility, d.organisation_id, d.expires_at
      FROM unnest(d.tsv_title) u
      WHERE NOT d.hidden
    $$;

    CREATE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_word SELECT w.* FROM new_rows n, search_words_of(n) w;
      RETURN NULL;
    END $$;

    -- by the old row's own keys (word, rank, time of change), so each word is one index descent:
    -- the entries of a common word are thousands
    CREATE FUNCTION search_words_drop() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM search_word w
      USING old_rows o, search_words_of(o) x
      WHERE w.network_id = x.network_id AND w.lexeme = x.lexeme AND w.rank = x.rank
        AND w.updated_at = x.updated_at AND w.entity_type = x.entity_type AND w.entity_id = x.entity_id;
      RETURN NULL;
    END $$;

    -- a change takes out the old row's words, then puts in the new row's (triggers of one event fire
    -- in the order of their names)
    CREATE TRIGGER search_words_insert AFTER INSERT ON search_document
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_add();
    CREATE TRIGGER search_words_update_1_drop AFTER UPDATE ON search_document
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_drop();
    CREATE TRIGGER search_words_update_2_add AFTER UPDATE ON search_document
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_add();
    CREATE TRIGGER search_words_delete AFTER DELETE ON search_document
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_drop();

    INSERT INTO search_word SELECT w.* FROM search_document d, search_words_of(d) w;

    -- the title tiers read the word table now; nothing asks the GIN index on tsv_title any more
    DROP INDEX search_document_tsv_title;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER search_words_delete ON search_document;
    DROP TRIGGER search_words_update_2_add ON search_document;
    DROP TRIGGER search_words_update_1_drop ON search_document;
    DROP TRIGGER search_words_insert ON search_document;
    DROP FUNCTION search_words_drop();
    DROP FUNCTION search_words_add();
    DROP FUNCTION search_words_of(search_document);
    DROP TABLE search_word;
    CREATE INDEX search_document_tsv_title ON search_document USING gin (tsv_title);
  `.execute(db);
}
