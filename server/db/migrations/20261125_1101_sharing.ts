import { type Kysely, sql } from 'kysely';

/**
 * Teilen: resources (rooms, equipment, vehicles, give-aways, skills, services), their weekly
 * availability and blocked periods, bookings, and secret calendar-feed tokens.
 *
 * "Never a double booking" is kept by an exclusion constraint: two bookings of one resource whose
 * periods, each extended by the resource's buffer time after its end, overlap cannot both be
 * approved or handed over. Pending requests do not block one another (several people may ask for
 * the same Saturday; the owner chooses), so the constraint covers only approved and handed-over
 * bookings and approval is where a conflict is refused. A request that overlaps an already approved
 * booking is refused when it is made (checked by the application; the constraint stays the proof).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resource (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('room', 'equipment', 'vehicle', 'giveaway', 'skill', 'service')),
      owner_type text NOT NULL CHECK (owner_type IN ('organisation', 'person')),
      organisation_id uuid,
      person_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      district_id uuid,
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      -- a private person's address is only ever shown (and searched) rounded to about 300 m
      approximate boolean NOT NULL DEFAULT false,
      public_lat double precision,
      public_lng double precision,
      who_may_borrow text NOT NULL DEFAULT 'members' CHECK (who_may_borrow IN ('members', 'everyone')),
      deposit_cents integer NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
      fee_cents integer NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
      fee_note text NOT NULL DEFAULT '' CHECK (length(fee_note) <= 300),
      rules text NOT NULL DEFAULT '' CHECK (length(rules) <= 5000),
      accessibility text NOT NULL DEFAULT '' CHECK (length(accessibility) <= 2000),
      capacity integer CHECK (capacity IS NULL OR capacity > 0),
      auto_approve boolean NOT NULL DEFAULT false,
      buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 1440),
      active boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, person_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      CHECK (
        (owner_type = 'organisation' AND organisation_id IS NOT NULL AND person_id IS NULL) OR
        (owner_type = 'person' AND person_id IS NOT NULL AND organisation_id IS NULL)
      ),
      CHECK ((lat IS NULL) = (lng IS NULL)),
      CHECK ((public_lat IS NULL) = (lat IS NULL) AND (public_lng IS NULL) = (lng IS NULL)),
      CHECK (capacity IS NULL OR kind = 'room')
    );
    CREATE INDEX resource_owner_org ON resource (network_id, organisation_id);
    CREATE INDEX resource_owner_person ON resource (network_id, person_id);
    CREATE INDEX resource_kind ON resource (network_id, kind) WHERE active;
    CREATE INDEX resource_bbox ON resource (network_id, public_lat, public_lng) WHERE active;
    CREATE INDEX resource_earth ON resource USING gist (ll_to_earth(public_lat, public_lng))
      WHERE public_lat IS NOT NULL;
    CREATE INDEX resource_title_trgm ON resource USING gin (title gin_trgm_ops);

    -- Weekly opening: local wall-clock times on ISO weekdays (1 = Monday). No rules = always available.
    CREATE TABLE resource_availability (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      resource_id uuid NOT NULL,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_time time NOT NULL,
      end_time time NOT NULL,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, resource_id) REFERENCES resource(network_id, id) ON DELETE CASCADE,
      CHECK (start_time < end_time)
    );
    CREATE INDEX resource_availability_resource ON resource_availability (network_id, resource_id);

    CREATE TABLE resource_blocked_period (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      resource_id uuid NOT NULL,
      period tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, resource_id) REFERENCES resource(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX resource_blocked_period_resource ON resource_blocked_period USING gist (network_id, resource_id, period);

    CREATE TABLE booking (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      resource_id uuid NOT NULL,
      requester_id uuid NOT NULL,
      -- booked for an organisation the requester acts for (the interaction is then with it)
      organisation_id uuid,
      series_id uuid,
      period tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
      -- the period plus the resource's buffer after it; set by trigger, used by the exclusion constraint
      buffered_period tstzrange NOT NULL,
      buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 1440),
      status text NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'approved', 'declined', 'cancelled', 'handed_over', 'returned')),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      decision_note text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 1000),
      handover_note text NOT NULL DEFAULT '' CHECK (length(handover_note) <= 1000),
      return_note text NOT NULL DEFAULT '' CHECK (length(return_note) <= 1000),
      decided_by uuid,
      decided_at timestamptz,
      handed_over_at timestamptz,
      returned_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, resource_id) REFERENCES resource(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, requester_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id),
      CONSTRAINT booking_no_overlap EXCLUDE USING gist (
        network_id WITH =, resource_id WITH =, buffered_period WITH &&
      ) WHERE (status IN ('approved', 'handed_over'))
    );
    CREATE INDEX booking_requester ON booking (network_id, requester_id, lower(period));
    CREATE INDEX booking_resource_period ON booking USING gist (network_id, resource_id, period);
    CREATE INDEX booking_series ON booking (network_id, series_id) WHERE series_id IS NOT NULL;

    CREATE FUNCTION booking_buffer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.buffered_period := tstzrange(lower(NEW.period), upper(NEW.period) + make_interval(mins => NEW.buffer_minutes), '[)');
      RETURN NEW;
    END $$;
    CREATE TRIGGER booking_buffer BEFORE INSERT OR UPDATE OF period, buffer_minutes ON booking
      FOR EACH ROW EXECUTE FUNCTION booking_buffer();

    -- Secret calendar-feed URLs (iCalendar), per resource or per person. Only a hash is stored.
    CREATE TABLE calendar_feed (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('resource', 'person')),
      resource_id uuid,
      account_id uuid,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      PRIMARY KEY (network_id, token_hash),
      FOREIGN KEY (network_id, resource_id) REFERENCES resource(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      CHECK ((kind = 'resource') = (resource_id IS NOT NULL) AND (kind = 'person') = (account_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX calendar_feed_one_resource ON calendar_feed (network_id, resource_id)
      WHERE kind = 'resource' AND revoked_at IS NULL;
    CREATE UNIQUE INDEX calendar_feed_one_person ON calendar_feed (network_id, account_id)
      WHERE kind = 'person' AND revoked_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS calendar_feed, booking, resource_blocked_period, resource_availability, resource CASCADE;
    DROP FUNCTION IF EXISTS booking_buffer();
  `.execute(db);
}
