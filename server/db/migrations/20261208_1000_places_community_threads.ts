import { type Kysely, sql } from 'kysely';

/**
 * Räume & Brücken, communities (server/areas/places/communities): what the part adds to the core tables.
 *
 * - A community always has an owner: a deferred constraint trigger looks, once a transaction commits,
 *   at every community whose active owner left, lost the role or was removed in it. It first locks the
 *   community's row — so two owners leaving at once are looked at one after the other, the second seeing
 *   what the first left — and refuses when no active owner is left while active members remain (a
 *   community that went, or has nobody left at all, has nothing to own). The part's commands lock the
 *   same row first and say so in words; the trigger is what holds it under concurrency.
 * - Only a local community is in a district, and only a translocal one names other towns.
 * - A discussion thread may belong to a community (Wissen's discussions, reused: who may read and write
 *   such a thread is the community's rule, registered with Wissen by the part).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE community
      ADD CONSTRAINT community_district_only_local CHECK (space = 'local' OR district_id IS NULL),
      ADD CONSTRAINT community_towns_only_translocal CHECK (space = 'translocal' OR cardinality(towns) = 0);
    CREATE INDEX community_listed ON community (network_id, name) WHERE archived_at IS NULL;

    CREATE FUNCTION community_keeps_an_owner() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      nid uuid := OLD.network_id;
      cid uuid := OLD.community_id;
    BEGIN
      -- wait for anyone else changing this community's people, then look at what they left
      PERFORM 1 FROM community WHERE network_id = nid AND id = cid FOR UPDATE;
      IF NOT FOUND THEN
        RETURN NULL;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM community_member
                     WHERE network_id = nid AND community_id = cid AND role = 'owner' AND status = 'active')
         AND EXISTS (SELECT 1 FROM community_member
                     WHERE network_id = nid AND community_id = cid AND status = 'active') THEN
        RAISE EXCEPTION 'community % would have no owner', cid
          USING ERRCODE = 'check_violation', CONSTRAINT = 'community_keeps_an_owner';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER community_keeps_an_owner AFTER UPDATE OR DELETE ON community_member
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (OLD.role = 'owner' AND OLD.status = 'active')
      EXECUTE FUNCTION community_keeps_an_owner();

    ALTER TABLE discussion_thread
      ADD COLUMN community_id uuid,
      ADD CONSTRAINT discussion_thread_community
        FOREIGN KEY (network_id, community_id) REFERENCES community (network_id, id);
    CREATE INDEX discussion_thread_of_community ON discussion_thread (network_id, community_id, last_post_at DESC)
      WHERE community_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX discussion_thread_of_community;
    ALTER TABLE discussion_thread DROP CONSTRAINT discussion_thread_community, DROP COLUMN community_id;
    DROP TRIGGER community_keeps_an_owner ON community_member;
    DROP FUNCTION community_keeps_an_owner();
    DROP INDEX community_listed;
    ALTER TABLE community
      DROP CONSTRAINT community_district_only_local,
      DROP CONSTRAINT community_towns_only_translocal;
  `.execute(db);
}
