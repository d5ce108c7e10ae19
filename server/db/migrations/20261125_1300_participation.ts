import { type Kysely, sql } from 'kysely';

/**
 * Mitmachen: opportunities on the engagement ladder (run by one organisation or jointly), their
 * shifts with sign-ups and a waitlist, and volunteer hours with the coordinator's decision.
 *
 * Invariants kept by the database:
 * - a shift is never over capacity: shift.signed_up counts the sign-ups that hold a place, it is
 *   moved by a trigger on every sign-up change in the same transaction, and
 *   CHECK (signed_up <= capacity) refuses the one that would overfill it;
 * - one active sign-up per person and shift (partial unique index);
 * - a mini task is short (≤ 2 h) and happens once: at most one shift, itself ≤ 2 h (trigger that
 *   locks the opportunity row, so two concurrent shift inserts cannot both pass);
 * - hours from a check-in exist at most once per sign-up; a confirmed entry pays time credits at
 *   most once (unique credit_transfer_id, set in the confirming transaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE opportunity (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      level text NOT NULL CHECK (level IN ('mini', 'event_project', 'regular', 'codesign_role')),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      mode text NOT NULL CHECK (mode IN ('online', 'on_site', 'hybrid')),
      district_id uuid,
      place text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      skills text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      accessibility text NOT NULL DEFAULT '' CHECK (length(accessibility) <= 2000),
      min_age smallint CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 99),
      needs_police_clearance boolean NOT NULL DEFAULT false,
      -- expected effort per time, in minutes; a mini task takes at most two hours
      effort_minutes integer CHECK (effort_minutes IS NULL OR effort_minutes BETWEEN 1 AND 1440),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      CHECK ((lat IS NULL) = (lng IS NULL)),
      CONSTRAINT opportunity_mini_short CHECK (level <> 'mini' OR (effort_minutes IS NOT NULL AND effort_minutes <= 120))
    );
    CREATE INDEX opportunity_status_level ON opportunity (network_id, status, level);
    CREATE INDEX opportunity_bbox ON opportunity (network_id, lat, lng) WHERE status = 'published';
    CREATE INDEX opportunity_title_trgm ON opportunity USING gin (title gin_trgm_ops);

    -- The organisations that run an opportunity; exactly one is the lead (it issues the hours).
    CREATE TABLE opportunity_organisation (
      network_id uuid NOT NULL,
      opportunity_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      is_lead boolean NOT NULL DEFAULT false,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, opportunity_id, organisation_id),
      FOREIGN KEY (network_id, opportunity_id) REFERENCES opportunity(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX opportunity_one_lead ON opportunity_organisation (network_id, opportunity_id) WHERE is_lead;
    CREATE INDEX opportunity_organisation_org ON opportunity_organisation (network_id, organisation_id);

    CREATE TABLE shift (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      opportunity_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
      signed_up integer NOT NULL DEFAULT 0 CHECK (signed_up >= 0),
      waitlist_enabled boolean NOT NULL DEFAULT true,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, opportunity_id) REFERENCES opportunity(network_id, id) ON DELETE CASCADE,
      CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'),
      CONSTRAINT shift_within_capacity CHECK (signed_up <= capacity)
    );
    CREATE INDEX shift_opportunity ON shift (network_id, opportunity_id, starts_at);
    CREATE INDEX shift_starts ON shift (network_id, starts_at);

    CREATE FUNCTION shift_ladder_rules() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      lvl text;
      others integer;
    BEGIN
      SELECT level INTO lvl FROM opportunity
        WHERE network_id = NEW.network_id AND id = NEW.opportunity_id FOR UPDATE;
      IF lvl = 'mini' THEN
        IF NEW.ends_at - NEW.starts_at > interval '2 hours' THEN
          RAISE EXCEPTION 'a mini task takes at most two hours'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'shift_mini_short';
        END IF;
        SELECT count(*) INTO others FROM shift
          WHERE network_id = NEW.network_id AND opportunity_id = NEW.opportunity_id AND id <> NEW.id;
        IF others > 0 THEN
          RAISE EXCEPTION 'a mini task happens once'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'shift_mini_once';
        END IF;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER shift_ladder_rules BEFORE INSERT OR UPDATE OF starts_at, ends_at, opportunity_id ON shift
      FOR EACH ROW EXECUTE FUNCTION shift_ladder_rules();

    -- An opportunity may only become a mini task if its shifts already fit the rule.
    CREATE FUNCTION opportunity_ladder_rules() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.level = 'mini' AND OLD.level <> 'mini' AND (
        (SELECT count(*) FROM shift WHERE network_id = NEW.network_id AND opportunity_id = NEW.id) > 1 OR
        EXISTS (SELECT 1 FROM shift WHERE network_id = NEW.network_id AND opportunity_id = NEW.id
                AND ends_at - starts_at > interval '2 hours')
      ) THEN
        RAISE EXCEPTION 'a mini task happens once and takes at most two hours'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'shift_mini_once';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER opportunity_ladder_rules BEFORE UPDATE OF level ON opportunity
      FOR EACH ROW EXECUTE FUNCTION opportunity_ladder_rules();

    CREATE SEQUENCE shift_signup_queue;
    CREATE TABLE shift_signup (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      shift_id uuid NOT NULL,
      account_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('signed_up', 'waitlisted', 'withdrawn', 'checked_in', 'no_show')),
      -- order on the waitlist: first come, first promoted
      queue_no bigint NOT NULL DEFAULT nextval('shift_signup_queue'),
      created_at timestamptz NOT NULL DEFAULT now(),
      promoted_at timestamptz,
      withdrawn_at timestamptz,
      checked_in_at timestamptz,
      checked_in_by uuid,
      reminded_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, shift_id) REFERENCES shift(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX shift_signup_active ON shift_signup (network_id, shift_id, account_id)
      WHERE status <> 'withdrawn';
    CREATE INDEX shift_signup_waitlist ON shift_signup (network_id, shift_id, queue_no) WHERE status = 'waitlisted';
    CREATE INDEX shift_signup_account ON shift_signup (network_id, account_id);

    -- The place counter moves with every sign-up change, in the same transaction; the CHECK on shift
    -- refuses the change that would overfill it.
    CREATE FUNCTION shift_signup_count() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      before_holds integer := 0;
      after_holds integer := 0;
      nid uuid;
      sid uuid;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('signed_up', 'checked_in', 'no_show') THEN
        before_holds := 1;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN ('signed_up', 'checked_in', 'no_show') THEN
        after_holds := 1;
      END IF;
      IF TG_OP = 'DELETE' THEN nid := OLD.network_id; sid := OLD.shift_id;
      ELSE nid := NEW.network_id; sid := NEW.shift_id; END IF;
      IF after_holds <> before_holds THEN
        UPDATE shift SET signed_up = signed_up + (after_holds - before_holds)
          WHERE network_id = nid AND id = sid;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER shift_signup_count AFTER INSERT OR UPDATE OF status OR DELETE ON shift_signup
      FOR EACH ROW EXECUTE FUNCTION shift_signup_count();

    -- Per organisation: time credits (minutes) paid for each confirmed hour; 0 = none.
    CREATE TABLE participation_settings (
      network_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      credit_minutes_per_hour integer NOT NULL DEFAULT 0 CHECK (credit_minutes_per_hour BETWEEN 0 AND 240),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, organisation_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE hours_entry (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      opportunity_id uuid,
      shift_id uuid,
      signup_id uuid,
      activity text NOT NULL CHECK (length(activity) BETWEEN 2 AND 200),
      occurred_on date NOT NULL,
      minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
      source text NOT NULL CHECK (source IN ('check_in', 'logged')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
      decided_by uuid,
      decided_at timestamptz,
      decision_note text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 1000),
      credit_minutes integer CHECK (credit_minutes IS NULL OR credit_minutes > 0),
      credit_transfer_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, signup_id),
      UNIQUE (network_id, credit_transfer_id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, opportunity_id) REFERENCES opportunity(network_id, id) ON DELETE SET NULL (opportunity_id),
      FOREIGN KEY (network_id, shift_id) REFERENCES shift(network_id, id) ON DELETE SET NULL (shift_id),
      FOREIGN KEY (network_id, signup_id) REFERENCES shift_signup(network_id, id) ON DELETE SET NULL (signup_id),
      FOREIGN KEY (network_id, credit_transfer_id) REFERENCES timebank_transfer(network_id, id),
      CHECK (signup_id IS NULL OR source = 'check_in'),
      CHECK ((status = 'pending') = (decided_at IS NULL)),
      CHECK (credit_transfer_id IS NULL OR status = 'confirmed')
    );
    CREATE INDEX hours_entry_account ON hours_entry (network_id, account_id, occurred_on);
    CREATE INDEX hours_entry_org_pending ON hours_entry (network_id, organisation_id, created_at) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS hours_entry, participation_settings, shift_signup, shift, opportunity_organisation,
      opportunity CASCADE;
    DROP SEQUENCE IF EXISTS shift_signup_queue;
    DROP FUNCTION IF EXISTS shift_signup_count();
    DROP FUNCTION IF EXISTS shift_ladder_rules();
    DROP FUNCTION IF EXISTS opportunity_ladder_rules();
  `.execute(db);
}
