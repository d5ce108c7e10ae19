import { type Kysely, sql } from 'kysely';

/**
 * The next shift of each opportunity (issue #18, item 1: PostgreSQL CPU per request ≤ 1 ms). Every
 * list of opportunities orders by it and shows it: `min(starts_at)` of the opportunity's shifts that
 * are not over yet (`ends_at > now()`), a subquery per opportunity that matches. Through
 * `shift_opportunity` (by start) that read every shift the opportunity ever had and dropped those
 * already over — eight of them for most opportunities of the town at size M, more as its past grows;
 * by end time it reads only the shifts still to come, from the index alone.
 *
 * The opportunity search by text at M (`Hausaufgabenhilfe`, 80 matches, the page's statement as
 * prepared): 1.25 → 1.08 ms (pgbench, 2 000 runs, docs/PERFORMANCE.md). Answers are the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX shift_upcoming ON shift (network_id, opportunity_id, ends_at) INCLUDE (starts_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX shift_upcoming`.execute(db);
}
