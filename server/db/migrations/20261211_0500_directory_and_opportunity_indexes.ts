import { type Kysely, sql } from 'kysely';

/**
 * Indexes for two main reads (issue #18, item 1: PostgreSQL CPU per request ≤ 1 ms), measured with
 * EXPLAIN (ANALYZE) on the town of size M (200 organisations, 2 000 opportunities, 8 085 shifts):
 *
 * - `shift_future`: the opportunity search by time (`timeOfDay`, `from`, `to`) keeps opportunities
 *   with a shift still to come (`ends_at > now()`). Without an index that was a scan of every shift
 *   ever held, converting each start to local time; the index reads only those not yet over (598 of
 *   8 085 in the town, fewer as the past grows) and covers the columns the filter needs.
 * - `opportunity_district`: the search within one's district (the same statement's page and count)
 *   scanned all opportunities of the network.
 * - `organisation_name`: the directory's page is the first 20 by name, read in order instead of
 *   sorting all organisations.
 *
 * District + evening at M, page and count: 1.83 + 1.66 ms → 0.79 + 0.55 ms execution; the directory's
 * page 0.45 → 0.37 ms (min of 40, docs/PERFORMANCE.md "The minimal server"). Answers are the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX shift_future ON shift (network_id, ends_at) INCLUDE (opportunity_id, starts_at);
    CREATE INDEX opportunity_district ON opportunity (network_id, district_id, status);
    CREATE INDEX organisation_name ON organisation (network_id, name);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX organisation_name;
    DROP INDEX opportunity_district;
    DROP INDEX shift_future;
  `.execute(db);
}
