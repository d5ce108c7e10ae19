import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { enqueue } from '../../../platform/jobs.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { takeExpiringPosts } from '../repositories/exchange.ts';

export const reminderDays = 3;
export const reminderJob = 'exchange.remind_expiring';

/** Schedules the renewal reminder for a post that now expires at `expiresAt` (in the caller's transaction). */
export async function scheduleReminder(db: Executor, networkId: string, postId: string, expiresAt: Date) {
  await enqueue(db, {
    networkId,
    kind: reminderJob,
    runAt: new Date(Math.max(Date.now(), expiresAt.getTime() - reminderDays * 24 * 60 * 60 * 1000)),
    dedupeKey: `${postId}:${expiresAt.toISOString()}`,
  });
}

/**
 * Tells the authors of posts that expire within three days that they can renew them.
 *
 * Guarantees: each post's author is reminded at most once per expiry (reminded_at is set in the same
 * transaction as the notification; renewing clears it), and running the job twice is harmless.
 */
export async function remindExpiringPosts(db: Kysely<DB>, networkId: string): Promise<number> {
  return executeTx(db, async (tx) => {
    const posts = await takeExpiringPosts(tx, networkId, reminderDays);
    for (const p of posts) {
      await notify(tx, {
        networkId,
        accountId: p.author_id,
        kind: 'exchange.post_expiring',
        params: { title: p.title, expiresAt: p.expires_at.toISOString() },
        link: webPaths.exchangePost(p.id),
      });
    }
    return posts.length;
  });
}
