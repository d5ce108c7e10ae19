import { type Kysely, sql } from 'kysely';

/**
 * Anyone may open an account themselves: a registration is a one-time token like a sign-in link,
 * emailed to the address given, that holds the name to create the account with once the link is
 * used — so no account exists for an address nobody has shown to be theirs, and asking for one
 * answers the same whether or not the address has an account already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE one_time_token ADD COLUMN display_name text
      CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 80);
    ALTER TABLE one_time_token DROP CONSTRAINT IF EXISTS one_time_token_purpose_check;
    ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
      CHECK (purpose IN ('login', 'invitation', 'assisted_login', 'registration'));
    ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_registration
      CHECK ((purpose = 'registration') = (display_name IS NOT NULL)
        AND (purpose <> 'registration' OR account_id IS NULL));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM one_time_token WHERE purpose = 'registration';
    ALTER TABLE one_time_token DROP CONSTRAINT IF EXISTS one_time_token_registration;
    ALTER TABLE one_time_token DROP CONSTRAINT IF EXISTS one_time_token_purpose_check;
    ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
      CHECK (purpose IN ('login', 'invitation', 'assisted_login'));
    ALTER TABLE one_time_token DROP COLUMN IF EXISTS display_name;
  `.execute(db);
}
