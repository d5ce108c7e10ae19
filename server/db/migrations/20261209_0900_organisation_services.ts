import { type Kysely, sql } from 'kysely';

/**
 * An organisation's services: what it offers people as a standing service (the general social
 * counselling, the lunch club, the visiting service), with the kinds of help a person would look for
 * it under, where it takes place and its weekly hours. It is the organisation's public directory
 * entry in more detail, and what the Open Referral (HSDS 3) export calls `service`,
 * `service_at_location` and `schedule` (server/interop/hsds).
 *
 * - Every service is public, like the organisation it belongs to; its admins edit it.
 * - `help_kinds` are the kinds of help of "Ich suche Hilfe" (web/src/features/help/needs.ts), held
 *   by a CHECK; a service may name none.
 * - `place`: at the organisation's address ('organisation'), at an address of its own ('elsewhere',
 *   then `address` is set and only then), or at no fixed place ('none': by phone, at people's
 *   homes). Coordinates only with an address of its own; the organisation's place has its own.
 * - Weekly hours are local wall-clock times on ISO weekdays (1 = Monday); one day may have several
 *   openings (morning and afternoon), never two starting at the same time. `hours_note` says what
 *   the weekly times cannot ("und nach Vereinbarung").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisation_service (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      help_kinds text[] NOT NULL DEFAULT '{}' CHECK (help_kinds <@ ARRAY['shopping', 'escort', 'visit',
        'household', 'digital', 'advice', 'care', 'rides', 'borrow', 'learning']::text[]),
      place text NOT NULL DEFAULT 'organisation' CHECK (place IN ('organisation', 'elsewhere', 'none')),
      address text CHECK (length(address) BETWEEN 2 AND 300),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      hours_note text NOT NULL DEFAULT '' CHECK (length(hours_note) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      CHECK ((place = 'elsewhere') = (address IS NOT NULL)),
      CHECK ((lat IS NULL) = (lng IS NULL)),
      CHECK (lat IS NULL OR place = 'elsewhere')
    );
    CREATE INDEX organisation_service_org ON organisation_service (network_id, organisation_id);

    CREATE TABLE organisation_service_hours (
      network_id uuid NOT NULL,
      service_id uuid NOT NULL,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      opens time NOT NULL,
      closes time NOT NULL,
      PRIMARY KEY (network_id, service_id, weekday, opens),
      FOREIGN KEY (network_id, service_id) REFERENCES organisation_service(network_id, id) ON DELETE CASCADE,
      CHECK (opens < closes)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE organisation_service_hours; DROP TABLE organisation_service;`.execute(db);
}
