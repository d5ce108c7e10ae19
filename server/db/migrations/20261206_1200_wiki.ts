import { type Kysely, sql } from 'kysely';

/**
 * Wiki attachments: images (re-encoded by the platform's upload rules: upright, resized, WebP, no
 * metadata) and PDF documents (kept as uploaded, always served as a download), kept in the database
 * like resource photos. An attachment belongs to one page and is served with that page's visibility;
 * a page's text refers to it by its URL (`/api/v1/wiki/pages/<page>/attachments/<id>`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE wiki_attachment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      page_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image', 'pdf')),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
      -- an image's description (alt text); a document's title
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300),
      content_type text NOT NULL CHECK (content_type IN ('image/webp', 'application/pdf')),
      width integer CHECK (width > 0),
      height integer CHECK (height > 0),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      bytes bytea NOT NULL,
      thumb bytea,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, page_id) REFERENCES wiki_page(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK ((kind = 'image') = (content_type = 'image/webp')),
      CHECK (kind = 'pdf' OR (width IS NOT NULL AND height IS NOT NULL AND thumb IS NOT NULL))
    );
    CREATE INDEX wiki_attachment_page ON wiki_attachment (network_id, page_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS wiki_attachment`.execute(db);
}
