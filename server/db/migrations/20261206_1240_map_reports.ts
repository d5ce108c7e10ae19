import { type Kysely, sql } from 'kysely';

/**
 * The neighbourhood knowledge map's own tables: a report's one photo (re-encoded WebP, with its
 * description) and the history of its status, each change with the reason given for it and who
 * decided (for an organisation, the public body they acted for). Plus the indexes its list and map
 * answer from: by status (the coordinator's queue of new reports, the status filter) and by district,
 * newest first; the bounding box and the 50 m search use map_report_bbox and map_report_earth.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE map_report_photo (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL,
      alt text NOT NULL CHECK (length(alt) BETWEEN 1 AND 300),
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      bytes bytea NOT NULL,
      thumb bytea NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      -- one photo per report: a new one replaces it
      UNIQUE (network_id, report_id),
      FOREIGN KEY (network_id, report_id) REFERENCES map_report(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by)
    );

    CREATE TABLE map_report_status_change (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL,
      from_status text NOT NULL CHECK (from_status IN ('new', 'confirmed', 'forwarded', 'in_progress', 'done', 'rejected')),
      to_status text NOT NULL CHECK (to_status IN ('new', 'confirmed', 'forwarded', 'in_progress', 'done', 'rejected')),
      reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
      actor_id uuid,
      -- the public body the person acted for; null for the network's coordinator
      organisation_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      CHECK (from_status <> to_status),
      FOREIGN KEY (network_id, report_id) REFERENCES map_report(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, actor_id) REFERENCES account(network_id, id) ON DELETE SET NULL (actor_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id)
    );
    CREATE INDEX map_report_status_change_report ON map_report_status_change (network_id, report_id, created_at);

    CREATE INDEX map_report_by_status ON map_report (network_id, status, created_at DESC);
    CREATE INDEX map_report_by_district ON map_report (network_id, district_id, created_at DESC);
    CREATE INDEX map_report_support_account ON map_report_support (network_id, account_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS map_report_by_status, map_report_by_district, map_report_support_account;
    DROP TABLE IF EXISTS map_report_status_change, map_report_photo;
  `.execute(db);
}
