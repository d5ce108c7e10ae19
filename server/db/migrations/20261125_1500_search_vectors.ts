import { type Kysely, sql } from 'kysely';

/**
 * Text search over resources and opportunities from a stored vector with a GIN index. The filters
 * built `to_tsvector(…)` of every row for every request (measured on the synthetic town M: about
 * 35 µs a row, 1.4 s for one opportunity search); now the vector is computed once per write. German
 * and English are stored side by side, so a query in either language finds its stems.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE resource ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('german', title || ' ' || description) || to_tsvector('english', title || ' ' || description)
    ) STORED;
    CREATE INDEX resource_search ON resource USING gin (search_vector);
    ALTER TABLE opportunity ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('german', title || ' ' || description) || to_tsvector('english', title || ' ' || description)
    ) STORED;
    CREATE INDEX opportunity_search ON opportunity USING gin (search_vector);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE opportunity DROP COLUMN search_vector;
    ALTER TABLE resource DROP COLUMN search_vector;
  `.execute(db);
}
