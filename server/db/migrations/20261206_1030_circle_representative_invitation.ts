import { type Kysely, sql } from 'kysely';

/**
 * A circle belongs to the person at the centre, or to their legal representative (rechtliche
 * Betreuung, Vorsorgebevollmächtigte) when they cannot manage it themselves. A professional who opens
 * a circle for someone no longer owns it: until the person or their representative accepts an
 * invitation, the circle is only being prepared. The person was invited with the role 'person'; a
 * representative had no invitation of their own and could only be named by account at the opening.
 * 'representative' is that invitation: whoever accepts it joins as an owner, without becoming the
 * person at the centre.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE circle_invitation DROP CONSTRAINT IF EXISTS circle_invitation_role_check;
    ALTER TABLE circle_invitation ADD CONSTRAINT circle_invitation_role_check
      CHECK (role IN ('person', 'representative', 'coordinator', 'helper', 'relative', 'professional', 'viewer'));
  `.execute(db);
}

/** Open invitations of representatives are revoked: there is no role left to accept them as. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM circle_invitation WHERE role = 'representative';
    ALTER TABLE circle_invitation DROP CONSTRAINT IF EXISTS circle_invitation_role_check;
    ALTER TABLE circle_invitation ADD CONSTRAINT circle_invitation_role_check
      CHECK (role IN ('person', 'coordinator', 'helper', 'relative', 'professional', 'viewer'));
  `.execute(db);
}
