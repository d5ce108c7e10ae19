import { type Kysely, sql } from 'kysely';

/**
 * The journal moves the cached balances once per statement instead of once per line (issue #18:
 * transfers ≥ 0.75 × pgbench). A payment writes two lines in one statement; `timebank_line_apply`
 * ran an UPDATE of `timebank_account` for each, and PostgreSQL prepares such an UPDATE anew every
 * time it runs inside a trigger — the account's five CHECK constraints and its guard's condition
 * read back from their stored form (5–6 KB) — so the two UPDATEs were a fifth of a payment's
 * database time (a CPU profile of the backends during the transfer bench, docs/PERFORMANCE.md).
 * Now the trigger fires once per statement and moves every account of the statement's new lines by
 * their sum, in one UPDATE.
 *
 * Unchanged: the balance moves only on this path (the flag around the UPDATE, pg_trigger_depth() = 1
 * inside it, the guard on the account of migration 20261209_1400_ledger_guards); the function is
 * SECURITY DEFINER, owned by the role that runs the migrations; a balance below its credit limit
 * fails the CHECK `timebank_account_within_limit` and with it the whole statement. What the CHECK
 * sees is each account's balance after all of the statement's lines (with a line per row it was
 * the balance after each line in the order of insertion, which only a statement that pays and
 * receives on one account at once could tell apart). Callers lock the accounts they pay from in id
 * order before writing lines (commands/transferCredits.ts), as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER timebank_line_apply ON timebank_line;
    DROP FUNCTION timebank_line_apply();
    CREATE FUNCTION timebank_lines_apply() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      PERFORM set_config('knotenpunkt.journal_applies', 'on', true);
      UPDATE public.timebank_account a SET balance = a.balance + l.amount
        FROM (SELECT network_id, account_id, sum(amount)::bigint AS amount
              FROM new_lines GROUP BY network_id, account_id) l
        WHERE a.network_id = l.network_id AND a.id = l.account_id AND l.amount <> 0;
      PERFORM set_config('knotenpunkt.journal_applies', '', true);
      RETURN NULL;
    END $$;
    CREATE TRIGGER timebank_lines_apply AFTER INSERT ON timebank_line
      REFERENCING NEW TABLE AS new_lines
      FOR EACH STATEMENT EXECUTE FUNCTION timebank_lines_apply();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER timebank_lines_apply ON timebank_line;
    DROP FUNCTION timebank_lines_apply();
    CREATE FUNCTION timebank_line_apply() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      PERFORM set_config('knotenpunkt.journal_applies', 'on', true);
      UPDATE public.timebank_account SET balance = balance + NEW.amount
        WHERE network_id = NEW.network_id AND id = NEW.account_id;
      PERFORM set_config('knotenpunkt.journal_applies', '', true);
      RETURN NULL;
    END $$;
    CREATE TRIGGER timebank_line_apply AFTER INSERT ON timebank_line
      FOR EACH ROW EXECUTE FUNCTION timebank_line_apply();
  `.execute(db);
}
