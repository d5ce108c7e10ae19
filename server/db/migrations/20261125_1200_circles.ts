import { type Kysely, sql } from 'kysely';

/**
 * Unterstützungskreise: a circle around one person, with consent records, members, invitations,
 * the care calendar, the network map (with immutable snapshots), updates and the team of
 * professionals. Nothing here is ever indexed for search or shown outside the circle.
 *
 * Consent records and map snapshots are append-only: a trigger refuses UPDATE always and DELETE
 * unless the circle itself is already gone (the cascade of a purge), so a purge leaves nothing behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE circle (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      person_label text NOT NULL CHECK (length(person_label) BETWEEN 1 AND 80),
      person_email text CHECK (person_email IS NULL OR (person_email = lower(person_email) AND person_email LIKE '%_@_%')),
      person_account_id uuid,
      organisation_id uuid,
      created_by uuid NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deletion_requested')),
      deletion_requested_at timestamptz,
      purge_after timestamptz,
      alert_hours integer NOT NULL DEFAULT 24 CHECK (alert_hours BETWEEN 1 AND 336),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, person_account_id) REFERENCES account(network_id, id) ON DELETE SET NULL (person_account_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id),
      CHECK ((status = 'deletion_requested') = (purge_after IS NOT NULL))
    );

    CREATE FUNCTION circle_child_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND NOT EXISTS (
        SELECT 1 FROM circle WHERE network_id = OLD.network_id AND id = OLD.circle_id
      ) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END $$;

    -- Who consented (the person or a legal guardian), when, how and to what; plus the organisation's
    -- own legal basis. A new version is appended for every change; the latest decides.
    CREATE TABLE circle_consent (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      kind text NOT NULL CHECK (kind IN ('granted', 'withdrawn')),
      given_by text NOT NULL CHECK (given_by IN ('person', 'legal_guardian')),
      guardian_name text CHECK (guardian_name IS NULL OR length(guardian_name) BETWEEN 1 AND 120),
      method text NOT NULL CHECK (method IN ('in_person', 'written', 'digital')),
      scope text[] NOT NULL DEFAULT '{}' CHECK (scope <@ ARRAY['care_calendar', 'network_map', 'updates', 'team']::text[]),
      given_at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
      organisation_id uuid,
      legal_basis text CHECK (legal_basis IS NULL OR length(legal_basis) BETWEEN 1 AND 1000),
      recorded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, circle_id, version),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      CHECK ((given_by = 'legal_guardian') = (guardian_name IS NOT NULL))
    );
    CREATE TRIGGER circle_consent_append_only BEFORE UPDATE OR DELETE ON circle_consent
      FOR EACH ROW EXECUTE FUNCTION circle_child_append_only();

    -- Everyone in the circle; the person at the centre and a named proxy have the role 'owner'.
    CREATE TABLE circle_member (
      network_id uuid NOT NULL,
      circle_id uuid NOT NULL,
      account_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'coordinator', 'helper', 'professional', 'viewer')),
      notify_needs boolean NOT NULL DEFAULT true,
      notify_updates boolean NOT NULL DEFAULT true,
      notify_reminders boolean NOT NULL DEFAULT true,
      notify_email boolean NOT NULL DEFAULT false,
      reminder_hours integer NOT NULL DEFAULT 24 CHECK (reminder_hours BETWEEN 1 AND 168),
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, circle_id, account_id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX circle_member_account ON circle_member (network_id, account_id);

    CREATE TABLE circle_invitation (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      token_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('person', 'coordinator', 'helper', 'professional', 'viewer')),
      email text CHECK (email IS NULL OR (email = lower(email) AND email LIKE '%_@_%')),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by uuid,
      revoked_at timestamptz,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, token_hash),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX circle_invitation_circle ON circle_invitation (network_id, circle_id);

    -- Care calendar. A weekly series is materialised as single needs up to a horizon.
    CREATE TABLE circle_need_series (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      first_start timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
      until_date date,
      materialised_until timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE circle_need (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      series_id uuid,
      kind text NOT NULL CHECK (kind IN ('ride', 'shopping', 'visit', 'meal', 'appointment', 'other')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      place text NOT NULL DEFAULT '' CHECK (length(place) <= 300),
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
      visibility text NOT NULL DEFAULT 'all_members' CHECK (visibility IN ('all_members', 'coordinators_professionals', 'owner_only')),
      claimed_by uuid,
      claimed_at timestamptz,
      done_at timestamptz,
      done_by uuid,
      thanks text NOT NULL DEFAULT '' CHECK (length(thanks) <= 1000),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, series_id) REFERENCES circle_need_series(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, claimed_by) REFERENCES account(network_id, id) ON DELETE SET NULL (claimed_by),
      CHECK (ends_at > starts_at),
      CHECK ((claimed_by IS NULL) = (claimed_at IS NULL)),
      CHECK (done_at IS NULL OR claimed_by IS NOT NULL)
    );
    CREATE INDEX circle_need_time ON circle_need (network_id, circle_id, starts_at);
    CREATE UNIQUE INDEX circle_need_occurrence ON circle_need (network_id, series_id, starts_at) WHERE series_id IS NOT NULL;

    -- A member's secret calendar URL (only a hash is stored); one live feed per member and circle.
    CREATE TABLE circle_feed (
      network_id uuid NOT NULL,
      token_hash text NOT NULL,
      circle_id uuid NOT NULL,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      PRIMARY KEY (network_id, token_hash),
      FOREIGN KEY (network_id, circle_id, account_id) REFERENCES circle_member(network_id, circle_id, account_id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX circle_feed_live ON circle_feed (network_id, circle_id, account_id) WHERE revoked_at IS NULL;

    -- Netzwerkkarte: entries in four sectors and three rings; the tie to the person at the centre is
    -- described on the entry, ties between two entries in circle_map_tie.
    CREATE TABLE circle_map_entry (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      sector text NOT NULL CHECK (sector IN ('family', 'friends_neighbours', 'work_school_clubs', 'professional')),
      ring integer NOT NULL CHECK (ring BETWEEN 1 AND 3),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
      show_label boolean NOT NULL DEFAULT false,
      account_id uuid,
      quality text NOT NULL DEFAULT 'supportive' CHECK (quality IN ('supportive', 'ambivalent', 'conflict')),
      support text[] NOT NULL DEFAULT '{}' CHECK (support <@ ARRAY['practical', 'emotional', 'information', 'care', 'money']::text[]),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE SET NULL (account_id)
    );
    CREATE INDEX circle_map_entry_circle ON circle_map_entry (network_id, circle_id);

    CREATE TABLE circle_map_tie (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      a_entry_id uuid NOT NULL,
      b_entry_id uuid NOT NULL,
      quality text NOT NULL DEFAULT 'supportive' CHECK (quality IN ('supportive', 'ambivalent', 'conflict')),
      support text[] NOT NULL DEFAULT '{}' CHECK (support <@ ARRAY['practical', 'emotional', 'information', 'care', 'money']::text[]),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, a_entry_id, b_entry_id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, a_entry_id) REFERENCES circle_map_entry(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, b_entry_id) REFERENCES circle_map_entry(network_id, id) ON DELETE CASCADE,
      CHECK (a_entry_id < b_entry_id)
    );

    CREATE TABLE circle_map_snapshot (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      title text NOT NULL DEFAULT '' CHECK (length(title) <= 120),
      data jsonb NOT NULL,
      created_by uuid NOT NULL,
      taken_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX circle_map_snapshot_circle ON circle_map_snapshot (network_id, circle_id, taken_at);
    CREATE TRIGGER circle_map_snapshot_append_only BEFORE UPDATE OR DELETE ON circle_map_snapshot
      FOR EACH ROW EXECUTE FUNCTION circle_child_append_only();

    CREATE TABLE circle_update (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      author_id uuid NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      visibility text NOT NULL CHECK (visibility IN ('all_members', 'coordinators_professionals', 'owner_only')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX circle_update_circle ON circle_update (network_id, circle_id, created_at DESC);

    CREATE TABLE circle_comment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      update_id uuid NOT NULL,
      author_id uuid NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
      visibility text NOT NULL CHECK (visibility IN ('all_members', 'coordinators_professionals', 'owner_only')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, update_id) REFERENCES circle_update(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX circle_comment_update ON circle_comment (network_id, update_id, created_at);

    -- The professionals around the person, from any organisation (with or without an account here).
    CREATE TABLE circle_team_member (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      organisation_name text NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 120),
      organisation_id uuid,
      role_title text NOT NULL DEFAULT '' CHECK (length(role_title) <= 120),
      contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
      account_id uuid,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE SET NULL (account_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS circle_team_member, circle_comment, circle_update, circle_map_snapshot, circle_map_tie,
      circle_map_entry, circle_feed, circle_need, circle_need_series, circle_invitation, circle_member,
      circle_consent, circle CASCADE;
    DROP FUNCTION IF EXISTS circle_child_append_only();
  `.execute(db);
}
