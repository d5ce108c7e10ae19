import { type Kysely, sql } from 'kysely';

/**
 * Photos of resources, kept in the database (app servers stay stateless; backups include them).
 * Only re-encoded images are stored: resized, as WebP, without the uploaded file's metadata.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resource_photo (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      resource_id uuid NOT NULL,
      position integer NOT NULL DEFAULT 0,
      alt text NOT NULL CHECK (length(alt) BETWEEN 1 AND 300),
      content_type text NOT NULL CHECK (content_type = 'image/webp'),
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      bytes bytea NOT NULL,
      thumb bytea NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, resource_id) REFERENCES resource(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX resource_photo_resource ON resource_photo (network_id, resource_id, position);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS resource_photo`.execute(db);
}
