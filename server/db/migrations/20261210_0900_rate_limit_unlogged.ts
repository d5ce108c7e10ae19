import { type Kysely, sql } from 'kysely';

/**
 * The rate limit's counters (`rate_limit_hit`, http/rateLimitStore.ts) are written on every API
 * request on PostgreSQL. As a logged table each of those writes went to the write-ahead log and its
 * commit waited for the log to reach the disk — the largest part of PostgreSQL's work for a simple
 * read. Unlogged, a counter's update writes no WAL and its commit waits for nothing. What is lost is
 * exactly what does not matter: after a crash of PostgreSQL the counters start from zero, as they do
 * when their minute is over; a standby does not see them, and no server reads them from one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE rate_limit_hit SET UNLOGGED`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE rate_limit_hit SET LOGGED`.execute(db);
}
