import { type Kysely, sql } from 'kysely';
import { openPostgres } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * The extensions the migrations use. Where the owner is no superuser, a superuser creates them in
 * the database once (README, Operations): earthdistance is no trusted extension.
 */
export const requiredExtensions = ['btree_gist', 'pg_trgm', 'cube', 'earthdistance'] as const;

/**
 * The app's own database role, on PostgreSQL: the server connects as a role that owns nothing and
 * is no superuser (DATABASE_URL), while the migrations run as the owner of the tables
 * (DATABASE_OWNER_URL). After every migration run the owner grants the app role what the app
 * needs, computed from the catalogue, so the tables of later migrations are covered too:
 *
 * - SELECT, INSERT, UPDATE, DELETE on every table of the schema, USAGE on the sequences; never
 *   ownership, TRUNCATE, REFERENCES or TRIGGER, so the app cannot change the schema, switch a
 *   trigger off or empty a table at once;
 * - the ledger narrower: the journal (timebank_entry, timebank_line) only SELECT and INSERT; an
 *   account INSERT of every column but its balance, and UPDATE of its credit limit only (the
 *   balance moves by the journal's trigger, which runs as the owner: SECURITY DEFINER); a transfer
 *   SELECT, INSERT and UPDATE of the columns of a status move only, no DELETE;
 * - the migration bookkeeping read-only.
 *
 * The database's triggers guard the ledger for every role, the owner included (migration
 * 20261209_1400); these privileges are the second wall, which a bug in a trigger would not open.
 * One transaction, so the app never sees the privileges half granted.
 */
export async function grantAppRole<T>(owner: Kysely<T>, appRole: string): Promise<void> {
  const role = sql.id(appRole);
  await owner.transaction().execute(async (tx) => {
    const balance = await sql<{ columns: string[] }>`
      SELECT coalesce(array_agg(attname::text ORDER BY attnum), '{}') AS columns FROM pg_attribute
      WHERE attrelid = 'public.timebank_account'::regclass AND attnum > 0 AND NOT attisdropped
        AND attgenerated = '' AND attname <> 'balance'`.execute(tx);
    const accountColumns = sql.join((balance.rows[0]?.columns ?? []).map((c) => sql.id(c)));
    const statements = [
      sql`GRANT USAGE ON SCHEMA public TO ${role}`,
      sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
      sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      sql`REVOKE INSERT, UPDATE, DELETE ON kysely_migration, kysely_migration_lock FROM ${role}`,
      sql`REVOKE UPDATE, DELETE ON timebank_entry, timebank_line FROM ${role}`,
      sql`REVOKE INSERT, UPDATE, DELETE ON timebank_account, timebank_transfer FROM ${role}`,
      sql`GRANT INSERT (${accountColumns}), UPDATE (credit_limit) ON timebank_account TO ${role}`,
      sql`GRANT INSERT, UPDATE (status, entry_id, reversal_entry_id, decided_by, decided_at)
        ON timebank_transfer TO ${role}`,
    ];
    for (const s of statements) await s.execute(tx);
  });
}

/** The role a connection acts as. */
export async function currentRole<T>(db: Kysely<T>): Promise<string> {
  const r = await sql<{ role: string }>`SELECT current_user AS role`.execute(db);
  return r.rows[0]?.role ?? '';
}

/**
 * Migrates to the latest version through `owner` and, when the app connects as another role
 * (`app`), grants that role its privileges. With one connection for both (one URL, or PGlite) it
 * only migrates, as before.
 */
export async function migrateFor<T>(owner: Kysely<T>, app?: Kysely<T>): Promise<string[]> {
  const steps = await migrateToLatest(owner);
  if (app && app !== owner) {
    const [ownerRole, appRole] = await Promise.all([currentRole(owner), currentRole(app)]);
    if (appRole !== ownerRole) await grantAppRole(owner, appRole);
  }
  return steps;
}

/**
 * What the server does at start: migrate the database it opened for the app, as the owner of
 * DATABASE_OWNER_URL when that is set (then grant the app's role), else through the app's own
 * connection as before.
 */
export async function migrateAtStart<T>(app: Kysely<T>, ownerUrl: string | undefined): Promise<string[]> {
  if (!ownerUrl) return migrateToLatest(app);
  const owner = await openPostgres(ownerUrl, 1);
  try {
    return await migrateFor(owner.db as unknown as Kysely<T>, app);
  } finally {
    await owner.close();
  }
}
