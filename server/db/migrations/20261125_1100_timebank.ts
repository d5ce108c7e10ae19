import { type Kysely, sql } from 'kysely';

/**
 * Time bank: accounts (people, organisations, one community pool per network), an append-only
 * double-entry journal and transfers.
 *
 * The invariant "never a lost or invented credit" is kept by the database itself:
 * - every journal entry's lines sum to zero and it has at least two lines (deferred constraint
 *   trigger, checked at commit, so lines can be inserted one by one);
 * - journal rows can never be updated or deleted (corrections are reversal entries);
 * - each line moves the cached balance of its account in the same transaction (trigger), and a
 *   CHECK keeps every balance at or above minus its credit limit (the pool may be unlimited);
 * - an entry can be reversed at most once (unique key on reverses_entry_id);
 * - a transfer is created at most once per (initiator, idempotency key) (unique key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE timebank_account (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      owner_type text NOT NULL CHECK (owner_type IN ('person', 'organisation', 'pool')),
      person_id uuid,
      organisation_id uuid,
      -- minutes the balance may go below zero; NULL = unlimited (only the community pool)
      credit_limit integer CHECK (credit_limit IS NULL OR credit_limit >= 0),
      balance bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, person_id) REFERENCES account(network_id, id) ON DELETE RESTRICT,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE RESTRICT,
      CHECK (
        (owner_type = 'person' AND person_id IS NOT NULL AND organisation_id IS NULL) OR
        (owner_type = 'organisation' AND organisation_id IS NOT NULL AND person_id IS NULL) OR
        (owner_type = 'pool' AND person_id IS NULL AND organisation_id IS NULL)
      ),
      CHECK (credit_limit IS NOT NULL OR owner_type = 'pool'),
      CONSTRAINT timebank_account_within_limit CHECK (credit_limit IS NULL OR balance >= -credit_limit)
    );
    CREATE UNIQUE INDEX timebank_account_person ON timebank_account (network_id, person_id) WHERE person_id IS NOT NULL;
    CREATE UNIQUE INDEX timebank_account_organisation ON timebank_account (network_id, organisation_id)
      WHERE organisation_id IS NOT NULL;
    CREATE UNIQUE INDEX timebank_account_pool ON timebank_account (network_id) WHERE owner_type = 'pool';

    CREATE TABLE timebank_entry (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      kind text NOT NULL CHECK (kind IN ('transfer', 'reversal')),
      memo text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
      reverses_entry_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, reverses_entry_id),
      FOREIGN KEY (network_id, reverses_entry_id) REFERENCES timebank_entry(network_id, id),
      CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL))
    );
    CREATE INDEX timebank_entry_seq ON timebank_entry (network_id, seq);

    CREATE TABLE timebank_line (
      network_id uuid NOT NULL,
      entry_id uuid NOT NULL,
      line_no smallint NOT NULL CHECK (line_no >= 1),
      account_id uuid NOT NULL,
      amount bigint NOT NULL CHECK (amount <> 0),
      PRIMARY KEY (network_id, entry_id, line_no),
      FOREIGN KEY (network_id, entry_id) REFERENCES timebank_entry(network_id, id),
      FOREIGN KEY (network_id, account_id) REFERENCES timebank_account(network_id, id)
    );
    CREATE INDEX timebank_line_account ON timebank_line (network_id, account_id);

    CREATE FUNCTION timebank_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      eid uuid;
      nid uuid;
      total numeric;
      n integer;
    BEGIN
      IF TG_TABLE_NAME = 'timebank_entry' THEN eid := NEW.id; ELSE eid := NEW.entry_id; END IF;
      nid := NEW.network_id;
      SELECT coalesce(sum(amount), 0), count(*) INTO total, n
        FROM timebank_line WHERE network_id = nid AND entry_id = eid;
      IF n < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % is unbalanced (% lines, sum %)', eid, n, total
          USING ERRCODE = 'check_violation', CONSTRAINT = 'timebank_entry_balanced';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER timebank_entry_balanced AFTER INSERT ON timebank_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION timebank_entry_balanced();
    CREATE CONSTRAINT TRIGGER timebank_line_balanced AFTER INSERT ON timebank_line
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION timebank_entry_balanced();

    -- The cached balance moves with every line, in the same transaction; the CHECK above refuses overdrafts.
    CREATE FUNCTION timebank_line_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE timebank_account SET balance = balance + NEW.amount
        WHERE network_id = NEW.network_id AND id = NEW.account_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER timebank_line_apply AFTER INSERT ON timebank_line
      FOR EACH ROW EXECUTE FUNCTION timebank_line_apply();

    CREATE TRIGGER timebank_entry_append_only BEFORE UPDATE OR DELETE ON timebank_entry
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER timebank_line_append_only BEFORE UPDATE OR DELETE ON timebank_line
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER timebank_entry_no_truncate BEFORE TRUNCATE ON timebank_entry
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER timebank_line_no_truncate BEFORE TRUNCATE ON timebank_line
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

    CREATE TABLE timebank_transfer (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      payer_account_id uuid NOT NULL,
      payee_account_id uuid NOT NULL,
      minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 100000),
      memo text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
      status text NOT NULL CHECK (status IN ('requested', 'completed', 'declined', 'cancelled', 'reversed')),
      initiated_by uuid NOT NULL,
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
      request_hash text NOT NULL,
      source_type text CHECK (source_type IS NULL OR source_type IN ('offer', 'booking', 'shift')),
      source_id uuid,
      entry_id uuid,
      reversal_entry_id uuid,
      decided_by uuid,
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, initiated_by, idempotency_key),
      FOREIGN KEY (network_id, payer_account_id) REFERENCES timebank_account(network_id, id),
      FOREIGN KEY (network_id, payee_account_id) REFERENCES timebank_account(network_id, id),
      FOREIGN KEY (network_id, initiated_by) REFERENCES account(network_id, id),
      FOREIGN KEY (network_id, entry_id) REFERENCES timebank_entry(network_id, id),
      FOREIGN KEY (network_id, reversal_entry_id) REFERENCES timebank_entry(network_id, id),
      CHECK (payer_account_id <> payee_account_id),
      CHECK ((source_type IS NULL) = (source_id IS NULL)),
      CHECK ((status IN ('completed', 'reversed')) = (entry_id IS NOT NULL)),
      CHECK ((status = 'reversed') = (reversal_entry_id IS NOT NULL))
    );
    CREATE INDEX timebank_transfer_payer ON timebank_transfer (network_id, payer_account_id, created_at DESC);
    CREATE INDEX timebank_transfer_payee ON timebank_transfer (network_id, payee_account_id, created_at DESC);
    CREATE INDEX timebank_transfer_source ON timebank_transfer (network_id, source_type, source_id)
      WHERE source_type IS NOT NULL;

    -- one community pool for every network that exists already; later networks get theirs lazily
    INSERT INTO timebank_account (network_id, owner_type, credit_limit)
      SELECT id, 'pool', NULL FROM network ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS timebank_transfer, timebank_line, timebank_entry, timebank_account CASCADE;
    DROP FUNCTION IF EXISTS timebank_entry_balanced();
    DROP FUNCTION IF EXISTS timebank_line_apply();
  `.execute(db);
}
