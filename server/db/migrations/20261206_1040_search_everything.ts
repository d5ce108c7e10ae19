import { type Kysely, sql } from 'kysely';

/**
 * Search that finds help (issue #13): every public thing of every area in the one index, each entry
 * saying who may find it, and matching that finds the parts of German compounds on both hosts.
 *
 * - `type`: what the thing is for the person searching (the filter), beside `entity_type`, which
 *   names it for flags and hidden marks (a skill offer is a `service` but still a `resource`).
 * - `visibility` and `organisation_id`: everyone, people signed in (the Tauschring names people),
 *   or the members of one organisation. `expires_at`: a Tauschring post stops being found when it
 *   runs out, without a job having to take it out.
 * - `keywords`: words a thing is found by that are not its text (what kind of thing it is, who
 *   offers it, tags), so a snippet shows only the text; in the vector at weight C.
 * - `search_text`: title and keywords folded (umlauts and accents to base letters, ß to ss, lower
 *   case) by `search_fold`, with a trigram index, for pg_trgm's word similarity: the part of a word
 *   that another word contains ("begleitung" in "arztbegleitung"), and typos. PGlite cannot load
 *   dictionary files, so no decompounding dictionary; folding ourselves makes trigrams independent
 *   of the database's locale. Not the text: checking a word inside every text that has its trigrams
 *   took seconds on 57 000 entries; the text is found by its stems. The title's own trigram index
 *   goes: titles are in `search_text`.
 *
 * Then the index is filled anew from the areas' tables, as the areas write it
 * (organisations, active resources, open Tauschring posts, published opportunities, playbook pages),
 * keeping moderators' hidden marks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION search_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN lower(translate(replace(replace($1, 'ß', 'ss'), 'ẞ', 'SS'),
        'ÄÖÜäöüÀÁÂÃÅàáâãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕòóôõÙÚÛùúûÇçÑñŞşĞğİıŁłŚśŻżŹźĆćŃńĄąĘę',
        'AOUaouAAAAAaaaaaEEEEeeeeIIIIiiiiOOOOooooUUUuuuCcNnSsGgIiLlSsZzZzCcNnAaEe'));

    DELETE FROM search_document;
    DROP INDEX search_document_title_trgm;
    ALTER TABLE search_document
      ADD COLUMN type text NOT NULL,
      ADD COLUMN visibility text NOT NULL DEFAULT 'public'
        CHECK (visibility IN ('public', 'signed_in', 'members')),
      ADD COLUMN organisation_id uuid,
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN keywords text NOT NULL DEFAULT '',
      ADD COLUMN search_text text GENERATED ALWAYS AS (search_fold(title || ' ' || keywords)) STORED,
      ADD CONSTRAINT search_document_members_of CHECK (visibility <> 'members' OR organisation_id IS NOT NULL),
      ADD CONSTRAINT search_document_organisation FOREIGN KEY (network_id, organisation_id)
        REFERENCES organisation(network_id, id) ON DELETE CASCADE;
    DROP INDEX search_document_tsv;
    ALTER TABLE search_document DROP COLUMN tsv;
    ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B') ||
      setweight(to_tsvector('german', keywords), 'C') || setweight(to_tsvector('english', keywords), 'C')
    ) STORED;
    CREATE INDEX search_document_tsv ON search_document USING gin (tsv);
    CREATE INDEX search_document_text_trgm ON search_document USING gin (search_text gin_trgm_ops);
    CREATE INDEX search_document_organisation ON search_document (network_id, organisation_id)
      WHERE organisation_id IS NOT NULL;

    INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link)
    SELECT network_id, 'organisation', id, 'organisation', name, description, coalesce(address, ''),
           '/organisationen/' || slug
    FROM organisation;

    INSERT INTO search_document
      (network_id, entity_type, entity_id, type, title, body, keywords, link, organisation_id)
    SELECT r.network_id, 'resource', r.id,
           CASE WHEN r.kind IN ('skill', 'service') THEN 'service' ELSE 'resource' END,
           r.title,
           concat_ws(E'\n', nullif(r.description, ''), nullif(r.accessibility, '')),
           concat_ws(E'\n',
             CASE r.kind WHEN 'room' THEN 'Raum' WHEN 'equipment' THEN 'Gerät zum Ausleihen'
               WHEN 'vehicle' THEN 'Fahrzeug zum Ausleihen' WHEN 'giveaway' THEN 'Zu verschenken'
               WHEN 'skill' THEN 'Hilfe aus der Nachbarschaft' ELSE 'Dienstleistung' END,
             o.name),
           '/teilen/ressourcen/' || r.id, r.organisation_id
    FROM resource r
    LEFT JOIN organisation o ON o.network_id = r.network_id AND o.id = r.organisation_id
    WHERE r.active;

    INSERT INTO search_document
      (network_id, entity_type, entity_id, type, title, body, keywords, link, visibility, organisation_id, expires_at)
    SELECT e.network_id, 'exchange_post', e.id, 'exchange_' || e.kind, e.title, e.description,
           concat_ws(E'\n',
             CASE e.category WHEN 'skill' THEN 'Können' WHEN 'help' THEN 'Hilfe' WHEN 'item' THEN 'Gegenstand'
               WHEN 'lesson' THEN 'Unterricht' WHEN 'transport' THEN 'Fahrt' ELSE NULL END,
             o.name),
           '/tauschring/' || e.id, 'signed_in', e.organisation_id, e.expires_at
    FROM exchange_post e
    LEFT JOIN organisation o ON o.network_id = e.network_id AND o.id = e.organisation_id
    WHERE e.status = 'open';

    INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link)
    SELECT op.network_id, 'opportunity', op.id, 'opportunity', op.title, op.description,
           concat_ws(E'\n', array_to_string(op.skills, ', '), op.place,
             (SELECT string_agg(o.name, E'\n' ORDER BY oo.is_lead DESC, o.name)
              FROM opportunity_organisation oo
              JOIN organisation o ON o.network_id = oo.network_id AND o.id = oo.organisation_id
              WHERE oo.network_id = op.network_id AND oo.opportunity_id = op.id AND oo.status = 'accepted')),
           '/mitmachen/' || op.id
    FROM opportunity op
    WHERE op.status = 'published';

    INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, keywords, link)
    SELECT p.network_id, 'playbook_page', p.id, 'playbook_page', r.title, r.body,
           concat_ws(E'\n', array_to_string(r.tags, ', '),
             (SELECT string_agg((c ->> 'channel') || ': ' || (c ->> 'reached'), E'\n')
              FROM jsonb_array_elements(r.channels) c)),
           '/mitmachen/praxis/' || p.id
    FROM playbook_page p
    JOIN playbook_revision r ON r.network_id = p.network_id AND r.page_id = p.id AND r.revision = p.current_revision;

    UPDATE search_document d SET hidden = true
    FROM hidden_content h
    WHERE h.network_id = d.network_id AND h.entity_type = d.entity_type AND h.entity_id = d.entity_id;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- the search before this one showed every entry to everyone
    DELETE FROM search_document WHERE visibility <> 'public';
    DROP INDEX search_document_organisation;
    DROP INDEX search_document_text_trgm;
    -- the stored tsvector is computed from keywords: it goes first, and comes back without them
    DROP INDEX search_document_tsv;
    ALTER TABLE search_document DROP COLUMN tsv;
    ALTER TABLE search_document
      DROP CONSTRAINT search_document_organisation,
      DROP CONSTRAINT search_document_members_of,
      DROP COLUMN search_text,
      DROP COLUMN keywords,
      DROP COLUMN expires_at,
      DROP COLUMN organisation_id,
      DROP COLUMN visibility,
      DROP COLUMN type;
    ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B')
    ) STORED;
    CREATE INDEX search_document_tsv ON search_document USING gin (tsv);
    CREATE INDEX search_document_title_trgm ON search_document USING gin (title gin_trgm_ops);
    DROP FUNCTION search_fold(text);
  `.execute(db);
}
