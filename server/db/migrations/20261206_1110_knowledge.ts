import { type Kysely, sql } from 'kysely';

/**
 * Wissen, its core tables — the ones more than one part of the area reads: wiki pages and their
 * revisions, news posts, discussion threads and posts, the neighbourhood knowledge map's reports and
 * their "me too", and what a person follows (for notifications and the digest). Each part adds its
 * own leaf tables (attachments, comments, mentions, status history, dossiers, digest settings) in a
 * migration of its own.
 *
 * Freshness: a wiki page and a map report each have an owner and a review interval; `reviewed_at` is
 * when someone last said "still correct". Visibility everywhere is the search's vocabulary: `public`,
 * `signed_in` (the network's members), `members` (the one organisation's members).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE wiki_page (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      -- null: the network's own wiki; otherwise the organisation's
      organisation_id uuid,
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
      -- the current revision's title, kept here for lists, links and backlinks
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 160),
      current_revision integer NOT NULL DEFAULT 1 CHECK (current_revision >= 1),
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'signed_in', 'members')),
      owner_id uuid,
      review_interval_days integer NOT NULL DEFAULT 180 CHECK (review_interval_days BETWEEN 7 AND 730),
      reviewed_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, owner_id) REFERENCES account(network_id, id) ON DELETE SET NULL (owner_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      -- an organisation's members-only page needs the organisation
      CHECK (visibility <> 'members' OR organisation_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX wiki_page_slug ON wiki_page
      (network_id, COALESCE(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), slug);

    CREATE TABLE wiki_revision (
      network_id uuid NOT NULL,
      page_id uuid NOT NULL,
      revision integer NOT NULL CHECK (revision >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 160),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 100000),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 300),
      -- a restore names the revision it brought back
      restored_from integer,
      author_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, page_id, revision),
      FOREIGN KEY (network_id, page_id) REFERENCES wiki_page(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE TRIGGER wiki_revision_append_only BEFORE UPDATE ON wiki_revision
      FOR EACH ROW EXECUTE FUNCTION forbid_change();

    -- links between pages as of each page's current revision: backlinks are the reverse
    CREATE TABLE wiki_link (
      network_id uuid NOT NULL,
      from_page_id uuid NOT NULL,
      to_page_id uuid NOT NULL,
      PRIMARY KEY (network_id, from_page_id, to_page_id),
      FOREIGN KEY (network_id, from_page_id) REFERENCES wiki_page(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, to_page_id) REFERENCES wiki_page(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX wiki_link_to ON wiki_link (network_id, to_page_id);

    CREATE TABLE news_post (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'signed_in', 'members')),
      comments_open boolean NOT NULL DEFAULT true,
      author_id uuid,
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id),
      CHECK ((status = 'published') = (published_at IS NOT NULL))
    );
    CREATE INDEX news_post_published ON news_post (network_id, published_at DESC) WHERE status = 'published';
    CREATE INDEX news_post_organisation ON news_post (network_id, organisation_id, published_at DESC);

    CREATE TABLE discussion_thread (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(title) BETWEEN 5 AND 160),
      theme text NOT NULL CHECK (theme IN ('everyday', 'family', 'age', 'health', 'mobility', 'housing',
        'environment', 'culture', 'youth', 'work', 'other')),
      district_id uuid,
      -- started for an organisation (its staff), or by a person for themselves
      organisation_id uuid,
      author_id uuid,
      -- a new account's first thread waits for a moderator (first-post review)
      review_status text NOT NULL DEFAULT 'visible' CHECK (review_status IN ('visible', 'pending', 'rejected')),
      closed_at timestamptz,
      solution_post_id uuid,
      post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
      last_post_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id),
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE INDEX discussion_thread_recent ON discussion_thread (network_id, last_post_at DESC)
      WHERE review_status = 'visible';
    CREATE INDEX discussion_thread_theme ON discussion_thread (network_id, theme, last_post_at DESC);
    CREATE INDEX discussion_thread_district ON discussion_thread (network_id, district_id, last_post_at DESC);

    CREATE TABLE discussion_post (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      thread_id uuid NOT NULL,
      -- 1 is the thread's opening post
      position integer NOT NULL CHECK (position >= 1),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      quoted_post_id uuid,
      author_id uuid,
      review_status text NOT NULL DEFAULT 'visible' CHECK (review_status IN ('visible', 'pending', 'rejected')),
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, thread_id, position),
      FOREIGN KEY (network_id, thread_id) REFERENCES discussion_thread(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, quoted_post_id) REFERENCES discussion_post(network_id, id) ON DELETE SET NULL (quoted_post_id),
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE INDEX discussion_post_author ON discussion_post (network_id, author_id, created_at);
    -- a thread names its solution among its posts, whose rows name their thread: the one cycle between
    -- tables, deferrable so a restore can write both tables in one transaction (cli/transfer.ts)
    ALTER TABLE discussion_thread ADD FOREIGN KEY (network_id, solution_post_id)
      REFERENCES discussion_post(network_id, id) ON DELETE SET NULL (solution_post_id)
      DEFERRABLE INITIALLY IMMEDIATE;

    CREATE TABLE map_report (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('defect', 'suggestion', 'good_place', 'missing_offer')),
      category text NOT NULL CHECK (category IN ('mobility', 'accessibility', 'green', 'safety', 'cleanliness',
        'youth', 'age', 'culture', 'health', 'other')),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
      lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
      lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
      address text CHECK (length(address) <= 200),
      district_id uuid,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'forwarded', 'in_progress', 'done', 'rejected')),
      author_id uuid,
      -- whoever keeps the entry current (freshness); the author until someone takes it over
      owner_id uuid,
      review_interval_days integer NOT NULL DEFAULT 90 CHECK (review_interval_days BETWEEN 7 AND 730),
      reviewed_at timestamptz NOT NULL DEFAULT now(),
      support_count integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id),
      FOREIGN KEY (network_id, owner_id) REFERENCES account(network_id, id) ON DELETE SET NULL (owner_id)
    );
    CREATE INDEX map_report_bbox ON map_report (network_id, lat, lng);
    CREATE INDEX map_report_earth ON map_report USING gist (ll_to_earth(lat, lng));
    CREATE INDEX map_report_recent ON map_report (network_id, created_at DESC);

    -- "me too": one per person and report
    CREATE TABLE map_report_support (
      network_id uuid NOT NULL,
      report_id uuid NOT NULL,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, report_id, account_id),
      FOREIGN KEY (network_id, report_id) REFERENCES map_report(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );

    -- what a person follows: notifications of new things there, and the digest
    CREATE TABLE knowledge_follow (
      network_id uuid NOT NULL,
      account_id uuid NOT NULL,
      target_type text NOT NULL CHECK (target_type IN ('discussion_thread', 'organisation', 'district', 'wiki_page', 'map_report')),
      target_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, account_id, target_type, target_id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX knowledge_follow_target ON knowledge_follow (network_id, target_type, target_id);

    -- a reader's "this is out of date", with a note; open until the owner confirms or fixes the thing
    CREATE TABLE knowledge_outdated (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      target_type text NOT NULL CHECK (target_type IN ('wiki_page', 'map_report')),
      target_id uuid NOT NULL,
      reporter_id uuid,
      note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by uuid,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, reporter_id) REFERENCES account(network_id, id) ON DELETE SET NULL (reporter_id),
      FOREIGN KEY (network_id, resolved_by) REFERENCES account(network_id, id) ON DELETE SET NULL (resolved_by)
    );
    CREATE INDEX knowledge_outdated_open ON knowledge_outdated (network_id, target_type, target_id)
      WHERE resolved_at IS NULL;
    -- one open note per reader and thing
    CREATE UNIQUE INDEX knowledge_outdated_once ON knowledge_outdated (network_id, target_type, target_id, reporter_id)
      WHERE resolved_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS knowledge_outdated, knowledge_follow, map_report_support, map_report, discussion_post, discussion_thread,
      news_post, wiki_link, wiki_revision, wiki_page CASCADE;
  `.execute(db);
}
