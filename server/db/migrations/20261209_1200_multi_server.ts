import { type Kysely, sql } from 'kysely';

/**
 * What several app servers on one PostgreSQL need to agree on (docs/ARCHITECTURE.md, "Several app
 * servers"):
 *
 * - `job.claimed_by`: the server (host:pid) that claimed a job last, so an operator can see who runs
 *   what, and a worker renews and finishes only its own claims (platform/jobs.ts).
 * - `rate_limit_hit`: the API rate limit's counters, one row per client address and network with the
 *   hits of its current window, shared by every server (http/rateLimitStore.ts). The fill factor
 *   leaves room on each page, so the counter's updates stay on the page (HOT) and need no index work.
 * - `notify_write()`: a statement trigger on the tables that the in-process caches watch
 *   (db/writeWatch.ts), which tells every server listening on PostgreSQL that the table changed —
 *   at commit, for writes from any process (another server, the admin command line, raw SQL).
 *   A table a new cache watches gets its trigger in that cache's migration; a test checks that
 *   every watched table and kind has one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE job ADD COLUMN claimed_by text;

    CREATE TABLE rate_limit_hit (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) <= 200),
      hits integer NOT NULL CHECK (hits > 0),
      window_ends_at timestamptz NOT NULL,
      PRIMARY KEY (network_id, key)
    ) WITH (fillfactor = 50);

    CREATE FUNCTION notify_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- one notification per table and kind and transaction: PostgreSQL folds identical ones
      PERFORM pg_notify('kp_write', TG_TABLE_NAME || ':' || lower(TG_OP));
      RETURN NULL;
    END $$;

    CREATE TRIGGER session_notify_write AFTER DELETE ON session
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
    CREATE TRIGGER account_notify_write AFTER INSERT OR UPDATE OR DELETE ON account
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
    CREATE TRIGGER membership_notify_write AFTER INSERT OR UPDATE OR DELETE ON membership
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
    CREATE TRIGGER organisation_notify_write AFTER UPDATE OR DELETE ON organisation
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
    CREATE TRIGGER timebank_account_notify_write AFTER UPDATE OR DELETE ON timebank_account
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS timebank_account_notify_write ON timebank_account;
    DROP TRIGGER IF EXISTS organisation_notify_write ON organisation;
    DROP TRIGGER IF EXISTS membership_notify_write ON membership;
    DROP TRIGGER IF EXISTS account_notify_write ON account;
    DROP TRIGGER IF EXISTS session_notify_write ON session;
    DROP FUNCTION IF EXISTS notify_write();
    DROP TABLE IF EXISTS rate_limit_hit;
    ALTER TABLE job DROP COLUMN IF EXISTS claimed_by;
  `.execute(db);
}
