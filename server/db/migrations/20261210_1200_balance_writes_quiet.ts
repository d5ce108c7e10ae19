import { type Kysely, sql } from 'kysely';

/**
 * Every payment updates two rows of `timebank_account` (the journal's trigger moves the balances), and
 * the `notify_write()` trigger of 20261209_1200_multi_server.ts fired on every UPDATE of that table.
 * So each payment sent a NOTIFY, and PostgreSQL serialises the commits of notifying transactions
 * under one lock held through the commit's flush to disk — payments no longer committed in groups —
 * while every listening server emptied its cache of account owners and read them again on the next
 * payment. That cache (areas/timebank/repositories/timebank.ts) holds whose an account is and the
 * owner's name: an account's owner never changes and the name lives in `account` and `organisation`,
 * whose triggers stay. Only a deleted account is news for it, so the trigger now fires on DELETE only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER timebank_account_notify_write ON timebank_account;
    CREATE TRIGGER timebank_account_notify_write AFTER DELETE ON timebank_account
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER timebank_account_notify_write ON timebank_account;
    CREATE TRIGGER timebank_account_notify_write AFTER UPDATE OR DELETE ON timebank_account
      FOR EACH STATEMENT EXECUTE FUNCTION notify_write();
  `.execute(db);
}
