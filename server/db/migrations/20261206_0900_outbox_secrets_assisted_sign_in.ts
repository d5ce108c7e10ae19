import { type Kysely, sql } from 'kysely';

/**
 * The outbox showed instance admins the full text of every email, sign-in and invitation links
 * included: an admin could redeem a person's link and open their support circle. Now:
 *
 * - `body_shown` is what an admin may read: the text with every secret (a link's token) replaced.
 *   `body_text` is what gets delivered, and no route returns it; once a mail is sent or given up
 *   ('failed') it is replaced by the shown text, so no secret outlives its delivery.
 * - `confidential` marks a support circle's mail: admins see only how many there are (circles are
 *   invisible to them), not the recipient, subject or text.
 *
 * Rows written before: every URL fragment of 20 or more token characters is redacted (all links
 * with a secret put it in the fragment, `/anmelden/link#…`, `/einladung#…`, `/kreise/beitreten#…`),
 * and a mail whose text links into `/kreise` counts as a circle's.
 *
 * And the explicit step that replaces reading links from the outbox: an instance admin may make a
 * sign-in link for a person who cannot receive email (`assisted_login`). A session begun with one
 * is `assisted`: support circles stay closed in it and it cannot set a password, so the help cannot
 * be turned into lasting, silent access to care data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox_email
      ADD COLUMN body_shown text,
      ADD COLUMN confidential boolean NOT NULL DEFAULT false;
    UPDATE outbox_email SET
      body_shown = regexp_replace(body_text, '#[A-Za-z0-9_-]{20,}', '#…', 'g'),
      confidential = body_text LIKE '%/kreise%';
    UPDATE outbox_email SET body_text = body_shown WHERE status IN ('sent', 'failed');
    ALTER TABLE outbox_email ALTER COLUMN body_shown SET NOT NULL;

    ALTER TABLE one_time_token DROP CONSTRAINT IF EXISTS one_time_token_purpose_check;
    ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
      CHECK (purpose IN ('login', 'invitation', 'assisted_login'));
    ALTER TABLE session ADD COLUMN assisted boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE session DROP COLUMN IF EXISTS assisted;
    DELETE FROM one_time_token WHERE purpose = 'assisted_login';
    ALTER TABLE one_time_token DROP CONSTRAINT IF EXISTS one_time_token_purpose_check;
    ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
      CHECK (purpose IN ('login', 'invitation'));
    ALTER TABLE outbox_email DROP COLUMN IF EXISTS confidential, DROP COLUMN IF EXISTS body_shown;
  `.execute(db);
}
