import { type Kysely, sql } from 'kysely';

/**
 * Räume & Brücken, events: what organisations and communities invite people to, with registration,
 * an optional capacity and a waitlist — counted by the one mechanism for places that Mitmachen's
 * shifts use too (migration 20261208_1100_capacity, server/platform/capacity.ts): the event holds the
 * places, its registrations claim them, `capacity_count` moves the counter and
 * `place_event_within_capacity` refuses the registration that would overfill it.
 *
 * An event (`place_event`) is hosted by exactly one organisation or one community (foreign keys, not
 * bare ids); it has a venue (address text, optional point and district) or an online link or both;
 * it is step-free or not; free of charge or with a price text; public or for the host's members only;
 * it takes registrations or not, with or without a capacity (no capacity: it never fills); it can be
 * cancelled with a reason (the command tells everyone registered). A person's secret calendar URL
 * (`place_event_feed`) keeps only the hash of its secret, and is revoked by a date, never deleted
 * while the account lives.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE place_event (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      -- the host: exactly one of the two
      organisation_id uuid,
      community_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      -- Markdown, rendered by the platform
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- where: the venue as people write it (an address, a room), with an optional point
      venue text NOT NULL DEFAULT '' CHECK (length(venue) <= 200),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      district_id uuid,
      online_url text CHECK (online_url IS NULL OR (length(online_url) <= 500 AND online_url ~ '^https?://')),
      -- the venue is reachable without steps (entrance, room, toilet)
      step_free boolean NOT NULL DEFAULT false,
      free boolean NOT NULL DEFAULT true,
      price text NOT NULL DEFAULT '' CHECK (length(price) <= 120),
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
      -- people register (and then count against the capacity, if there is one)
      registration boolean NOT NULL DEFAULT true,
      capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
      signed_up integer NOT NULL DEFAULT 0 CHECK (signed_up >= 0),
      waitlist_enabled boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancelled_at timestamptz,
      cancel_reason text NOT NULL DEFAULT '' CHECK (length(cancel_reason) <= 1000),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, community_id) REFERENCES community(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CONSTRAINT place_event_one_host CHECK (num_nonnulls(organisation_id, community_id) = 1),
      CONSTRAINT place_event_times CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '14 days'),
      CONSTRAINT place_event_somewhere CHECK (venue <> '' OR online_url IS NOT NULL),
      CONSTRAINT place_event_price CHECK (free = (price = '')),
      CONSTRAINT place_event_capacity_needs_registration CHECK (registration OR capacity IS NULL),
      CHECK ((lat IS NULL) = (lng IS NULL)),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CONSTRAINT place_event_within_capacity CHECK (capacity IS NULL OR signed_up <= capacity)
    );
    CREATE INDEX place_event_starts ON place_event (network_id, starts_at);
    CREATE INDEX place_event_organisation ON place_event (network_id, organisation_id, starts_at)
      WHERE organisation_id IS NOT NULL;
    CREATE INDEX place_event_community ON place_event (network_id, community_id, starts_at)
      WHERE community_id IS NOT NULL;

    CREATE TABLE place_event_registration (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL,
      account_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('signed_up', 'waitlisted', 'withdrawn', 'checked_in', 'no_show')),
      -- order on the waitlist: first come, first promoted
      queue_no bigint GENERATED BY DEFAULT AS IDENTITY,
      created_at timestamptz NOT NULL DEFAULT now(),
      promoted_at timestamptz,
      withdrawn_at timestamptz,
      checked_in_at timestamptz,
      checked_in_by uuid,
      reminded_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, event_id) REFERENCES place_event(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, checked_in_by) REFERENCES account(network_id, id) ON DELETE SET NULL (checked_in_by)
    );
    CREATE UNIQUE INDEX place_event_registration_active ON place_event_registration (network_id, event_id, account_id)
      WHERE status <> 'withdrawn';
    CREATE INDEX place_event_registration_waitlist ON place_event_registration (network_id, event_id, queue_no)
      WHERE status = 'waitlisted';
    CREATE INDEX place_event_registration_account ON place_event_registration (network_id, account_id);
    CREATE TRIGGER place_event_registration_count AFTER INSERT OR UPDATE OF status OR DELETE ON place_event_registration
      FOR EACH ROW EXECUTE FUNCTION capacity_count('place_event', 'event_id');

    -- a person's secret calendar URL of what they registered for; only its hash is kept
    CREATE TABLE place_event_feed (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      PRIMARY KEY (network_id, token_hash),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX place_event_feed_one ON place_event_feed (network_id, account_id) WHERE revoked_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS place_event_feed, place_event_registration, place_event CASCADE;
  `.execute(db);
}
