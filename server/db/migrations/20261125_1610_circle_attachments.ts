import { type Kysely, sql } from 'kysely';

/**
 * Attachments of circle updates: images (re-encoded as WebP without the upload's metadata, with a
 * thumbnail and a description) and PDF documents (kept as uploaded). They live in the database like
 * resource photos, so app servers stay stateless and backups include them.
 *
 * An attachment belongs to one update of one circle: the foreign key names both, so it cannot point
 * into another circle, and it cascades, so deleting the update — or purging the circle — deletes the
 * files. At most five per update: the position is 0–4 and unique per update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE circle_update ADD CONSTRAINT circle_update_in_circle UNIQUE (network_id, circle_id, id);

    CREATE TABLE circle_attachment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      circle_id uuid NOT NULL,
      update_id uuid NOT NULL,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 4),
      kind text NOT NULL CHECK (kind IN ('image', 'pdf')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      alt text NOT NULL DEFAULT '' CHECK (length(alt) <= 300),
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size BETWEEN 1 AND 10485760),
      width integer CHECK (width > 0),
      height integer CHECK (height > 0),
      bytes bytea NOT NULL CHECK (octet_length(bytes) = size),
      thumb bytea,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, update_id, position),
      FOREIGN KEY (network_id, circle_id) REFERENCES circle(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, circle_id, update_id)
        REFERENCES circle_update(network_id, circle_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE CASCADE,
      CHECK (
        (kind = 'image' AND content_type = 'image/webp' AND length(alt) >= 1
          AND width IS NOT NULL AND height IS NOT NULL AND thumb IS NOT NULL)
        OR
        (kind = 'pdf' AND content_type = 'application/pdf'
          AND width IS NULL AND height IS NULL AND thumb IS NULL
          AND substring(bytes FROM 1 FOR 5) = decode('255044462d', 'hex'))
      )
    );
    CREATE INDEX circle_attachment_circle ON circle_attachment (network_id, circle_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS circle_attachment;
    ALTER TABLE circle_update DROP CONSTRAINT IF EXISTS circle_update_in_circle;
  `.execute(db);
}
