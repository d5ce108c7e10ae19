import { type Kysely, sql } from 'kysely';

/**
 * Time bank, defence in depth: the journal (timebank_entry, timebank_line) was already append-only;
 * now the two tables beside it are guarded by the database too, for every role — the table owner
 * and, on PGlite, the one superuser included.
 *
 * - A cached balance (timebank_account.balance) moves only on the journal's own path: the trigger
 *   timebank_line_apply sets a transaction-local flag around its UPDATE, and a trigger on the
 *   account refuses any other change of the balance. The flag alone does not open the door (anyone
 *   may `SET LOCAL` a custom setting): the change must also come from inside a trigger
 *   (pg_trigger_depth), and the only trigger that updates accounts is timebank_line_apply. A new
 *   account starts at 0. Whose an account is (network, id, owner) never changes; only the credit
 *   limit may.
 * - A transfer is immutable except its status moves: requested → completed (its journal entry is
 *   set), requested → declined or cancelled, completed → reversed (the reversal entry is set); who
 *   decided and when go with the move. It is never deleted or truncated.
 * - timebank_line_apply is SECURITY DEFINER, owned by the role that runs the migrations: where the
 *   app runs as a role of its own (server/db/roles.ts), that role has no UPDATE privilege on the
 *   balance column at all, and the journal's trigger still moves it.
 *
 * A restore and the benchmark town load with `session_replication_role = replica` or the tables'
 * user triggers disabled, as before: a copy of a consistent ledger is loaded as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION timebank_line_apply() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      PERFORM set_config('knotenpunkt.journal_applies', 'on', true);
      UPDATE public.timebank_account SET balance = balance + NEW.amount
        WHERE network_id = NEW.network_id AND id = NEW.account_id;
      PERFORM set_config('knotenpunkt.journal_applies', '', true);
      RETURN NULL;
    END $$;

    CREATE FUNCTION timebank_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'a time-bank account starts at a balance of 0; only journal lines move it'
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_account_balance_by_journal';
      END IF;
      IF (NEW.network_id, NEW.id, NEW.owner_type, NEW.person_id, NEW.organisation_id, NEW.created_at)
         IS DISTINCT FROM (OLD.network_id, OLD.id, OLD.owner_type, OLD.person_id, OLD.organisation_id, OLD.created_at)
      THEN
        RAISE EXCEPTION 'whose a time-bank account is never changes'
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_account_owner_fixed';
      END IF;
      RAISE EXCEPTION 'a time-bank balance moves only with journal lines (timebank_line)'
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_account_balance_by_journal';
    END $$;
    CREATE TRIGGER timebank_account_opening BEFORE INSERT ON timebank_account
      FOR EACH ROW WHEN (NEW.balance <> 0) EXECUTE FUNCTION timebank_account_guard();
    -- The condition is evaluated before the trigger is entered: pg_trigger_depth() is then 0 for a
    -- statement of the session's own and 1 for the UPDATE that timebank_line_apply runs.
    CREATE TRIGGER timebank_account_guard BEFORE UPDATE ON timebank_account
      FOR EACH ROW WHEN (
        (NEW.network_id, NEW.id, NEW.owner_type, NEW.person_id, NEW.organisation_id, NEW.created_at)
          IS DISTINCT FROM (OLD.network_id, OLD.id, OLD.owner_type, OLD.person_id, OLD.organisation_id, OLD.created_at)
        OR (NEW.balance IS DISTINCT FROM OLD.balance
          AND (pg_trigger_depth() = 0
            OR current_setting('knotenpunkt.journal_applies', true) IS DISTINCT FROM 'on'))
      ) EXECUTE FUNCTION timebank_account_guard();

    CREATE FUNCTION timebank_transfer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      moving constant text[] := ARRAY['status', 'entry_id', 'reversal_entry_id', 'decided_by', 'decided_at'];
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'time-bank transfers are never deleted'
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_transfer_immutable';
      END IF;
      IF to_jsonb(NEW) - moving IS DISTINCT FROM to_jsonb(OLD) - moving THEN
        RAISE EXCEPTION 'a time-bank transfer changes only its status (with its entry and who decided)'
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_transfer_immutable';
      END IF;
      IF NEW.status = OLD.status THEN
        IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
          RAISE EXCEPTION 'a % time-bank transfer stays as it is', OLD.status
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_transfer_immutable';
        END IF;
        RETURN NEW;
      END IF;
      IF NOT (
        (OLD.status = 'requested' AND NEW.status = 'completed' AND OLD.entry_id IS NULL)
        OR (OLD.status = 'requested' AND NEW.status IN ('declined', 'cancelled') AND NEW.entry_id IS NULL)
        OR (OLD.status = 'completed' AND NEW.status = 'reversed' AND NEW.entry_id = OLD.entry_id
            AND OLD.reversal_entry_id IS NULL)
      ) THEN
        RAISE EXCEPTION 'a time-bank transfer cannot move from % to %', OLD.status, NEW.status
          USING ERRCODE = 'restrict_violation', CONSTRAINT = 'timebank_transfer_status_move';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER timebank_transfer_guard BEFORE UPDATE OR DELETE ON timebank_transfer
      FOR EACH ROW EXECUTE FUNCTION timebank_transfer_guard();
    CREATE TRIGGER timebank_transfer_no_truncate BEFORE TRUNCATE ON timebank_transfer
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER timebank_transfer_no_truncate ON timebank_transfer;
    DROP TRIGGER timebank_transfer_guard ON timebank_transfer;
    DROP FUNCTION timebank_transfer_guard();
    DROP TRIGGER timebank_account_guard ON timebank_account;
    DROP TRIGGER timebank_account_opening ON timebank_account;
    DROP FUNCTION timebank_account_guard();
    CREATE OR REPLACE FUNCTION timebank_line_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE timebank_account SET balance = balance + NEW.amount
        WHERE network_id = NEW.network_id AND id = NEW.account_id;
      RETURN NULL;
    END $$;
  `.execute(db);
}
