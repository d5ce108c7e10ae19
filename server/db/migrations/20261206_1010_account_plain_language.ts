import { type Kysely, sql } from 'kysely';

/**
 * Leichte Sprache (plain German) is a third choice beside Deutsch and English in the web client.
 * The account keeps it, so the choice follows a person to every device they sign in on. It is not
 * a third `locale`: for everything the server writes (problem messages, emails, calendar feeds)
 * plain language counts as German, so `locale` stays the language the server writes in and
 * `plain_language` only tells the web client which texts to show. Plain language is German, so
 * the CHECK refuses it beside English.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE account
      ADD COLUMN plain_language boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT account_plain_language_check CHECK (NOT plain_language OR locale = 'de');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE account
      DROP CONSTRAINT IF EXISTS account_plain_language_check,
      DROP COLUMN IF EXISTS plain_language;
  `.execute(db);
}
