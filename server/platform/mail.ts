import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { enqueue, type JobHandler } from './jobs.ts';

export interface Mail {
  networkId: string;
  to: string;
  subject: string;
  text: string;
  /**
   * What only the recipient may read — a sign-in or invitation link, whose token lets its holder in.
   * The outbox shows the text with each of these redacted, and keeps them only until delivery.
   */
  secrets?: string[];
  /** A support circle's mail: instance admins see only how many there are, nothing of them. */
  confidential?: boolean;
  /**
   * Headers the delivery passes on (List-Unsubscribe, List-Unsubscribe-Post). Their values are
   * redacted like the text in what is kept after delivery.
   */
  headers?: Record<string, string>;
}

/** Stands in the shown text for a secret. */
export const redacted = '[…]';

/** The text with every secret replaced, longest first (a link may contain a shorter secret). */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  return [...secrets]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
    .reduce((shown, s) => shown.replaceAll(s, redacted), text);
}

/**
 * Every email is written to the outbox in the caller's transaction, so it is never dropped
 * silently. With SMTP configured a job delivers it; without, it stays 'held', and an instance
 * admin sees it in the outbox page — with its secrets redacted, and a circle's mail only counted.
 * The delivered text (`body_text`) never leaves the server through any route.
 */
export async function sendMail(db: Executor, mail: Mail, smtpConfigured: boolean): Promise<void> {
  const shown = redactSecrets(mail.text, mail.secrets);
  const headers = mail.headers ?? {};
  const headersShown = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, redactSecrets(value, mail.secrets)]),
  );
  await db
    .insertInto('outbox_email')
    .values({
      network_id: mail.networkId,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      body_shown: shown,
      confidential: mail.confidential ?? false,
      headers: JSON.stringify(headers),
      headers_shown: JSON.stringify(headersShown),
      status: smtpConfigured ? 'queued' : 'held',
    })
    .execute();
  if (smtpConfigured) {
    await enqueue(db, { networkId: mail.networkId, kind: 'mail.deliver', dedupeKey: 'outbox' });
  }
}

/**
 * Delivers queued outbox messages over SMTP; a failure is recorded on the message and retried.
 * Once a message is sent or given up, its delivered text and headers are replaced by the shown ones,
 * so its secrets leave the database.
 */
export function mailDeliveryJob(smtpUrl: string, from: string): JobHandler {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (db: Kysely<DB>, { networkId }) => {
    const queued = await db
      .selectFrom('outbox_email')
      .selectAll()
      .where('network_id', '=', networkId)
      .where('status', '=', 'queued')
      .orderBy('created_at')
      .limit(50)
      .execute();
    let failures = 0;
    for (const m of queued) {
      try {
        await transport.sendMail({
          from,
          to: m.to_address,
          subject: m.subject,
          text: m.body_text,
          ...(Object.keys(m.headers).length > 0 ? { headers: m.headers } : {}),
        });
        await db
          .updateTable('outbox_email')
          .set({
            status: 'sent',
            sent_at: sql`now()`,
            attempts: m.attempts + 1,
            last_error: null,
            body_text: m.body_shown,
            headers: JSON.stringify(m.headers_shown),
          })
          .where('network_id', '=', networkId)
          .where('id', '=', m.id)
          .execute();
      } catch (err) {
        failures++;
        const givenUp = m.attempts + 1 >= 5;
        await db
          .updateTable('outbox_email')
          .set({
            status: givenUp ? 'failed' : 'queued',
            ...(givenUp ? { body_text: m.body_shown, headers: JSON.stringify(m.headers_shown) } : {}),
            attempts: m.attempts + 1,
            last_error: String(err instanceof Error ? err.message : err).slice(0, 1000),
          })
          .where('network_id', '=', networkId)
          .where('id', '=', m.id)
          .execute();
      }
    }
    // Retry what failed (or did not fit in this batch) in a minute; the dedupe key keeps one pending.
    if (failures > 0 || queued.length === 50) {
      await enqueue(db, {
        networkId,
        kind: 'mail.deliver',
        dedupeKey: 'outbox',
        runAt: new Date(Date.now() + (failures > 0 ? 60_000 : 0)),
      });
    }
  };
}
