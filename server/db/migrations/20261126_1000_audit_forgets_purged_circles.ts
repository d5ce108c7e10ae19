import { type Kysely, sql } from 'kysely';

/**
 * The audit log forgets a purged circle. Until now its append-only guard kept every row about a
 * circle after the purge: who created it (often the person at its centre), who was invited, which
 * professionals read it — enough to tell that a named person had a support circle, which a deletion
 * on request must not leave behind (issue #4, item 7: "after which nothing identifying remains").
 *
 * Rows stay append-only, with one exception: a row about a circle (entity_type 'circle') may be
 * deleted once that circle no longer exists, which only a purge brings about (purgeCircle deletes
 * the circle first, then these rows, then writes the single anonymous 'circle.purged' row).
 * Updates stay forbidden for every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.entity_type = 'circle' AND OLD.action <> 'circle.purged' AND NOT EXISTS (
        SELECT 1 FROM circle WHERE network_id = OLD.network_id AND id::text = OLD.entity_id
      ) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END $$;
    DROP TRIGGER audit_log_append_only ON audit_log;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER audit_log_append_only ON audit_log;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    DROP FUNCTION audit_log_guard();
  `.execute(db);
}
