import { type Kysely, sql } from 'kysely';

/**
 * A circle's relatives (Angehörige) had no role of their own: a daughter or a husband joined as
 * "Helfer/in" — a word for a neighbour or a volunteer — or as "Koordination", which gives more than
 * many families want. `relative` has exactly a helper's rights (claims needs, posts, sees what all
 * members see; coordinators may invite and remove them); it differs only in what it says about the
 * person. A relative who plans with the person is made a coordinator, as anyone else would be.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE circle_member DROP CONSTRAINT IF EXISTS circle_member_role_check;
    ALTER TABLE circle_member ADD CONSTRAINT circle_member_role_check
      CHECK (role IN ('owner', 'coordinator', 'helper', 'relative', 'professional', 'viewer'));
    ALTER TABLE circle_invitation DROP CONSTRAINT IF EXISTS circle_invitation_role_check;
    ALTER TABLE circle_invitation ADD CONSTRAINT circle_invitation_role_check
      CHECK (role IN ('person', 'coordinator', 'helper', 'relative', 'professional', 'viewer'));
  `.execute(db);
}

/** Relatives become helpers again (the rights they had), open invitations as relatives too. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE circle_member SET role = 'helper' WHERE role = 'relative';
    UPDATE circle_invitation SET role = 'helper' WHERE role = 'relative';
    ALTER TABLE circle_member DROP CONSTRAINT IF EXISTS circle_member_role_check;
    ALTER TABLE circle_member ADD CONSTRAINT circle_member_role_check
      CHECK (role IN ('owner', 'coordinator', 'helper', 'professional', 'viewer'));
    ALTER TABLE circle_invitation DROP CONSTRAINT IF EXISTS circle_invitation_role_check;
    ALTER TABLE circle_invitation ADD CONSTRAINT circle_invitation_role_check
      CHECK (role IN ('person', 'coordinator', 'helper', 'professional', 'viewer'));
  `.execute(db);
}
