import { sql } from 'kysely';
import { areaNotificationKinds } from '../areas/lists.ts';
import type { Executor } from '../db/tx.ts';
import type { WebPath } from './webPaths.ts';

/**
 * Every kind of in-app notification the server writes, with the params each one carries. The web
 * client words them (notification.kinds.<kind, dots as underscores> in
 * web/src/features/notifications/i18n/*.json, German and English);
 * test/browser/notification-texts.test.ts fails when a kind here has no text there or a text uses a
 * param not listed here, and `notify` only takes a kind listed here with all its params.
 *
 * Conventions the client relies on: params ending in `At` are ISO instants (shown as local date and
 * time), `minutes` is a duration in minutes, `count` picks the plural form, `role` is a membership
 * role (`membershipRoles`, worded by the client), `reported` names what a person reported as it was
 * named to them (empty when it had no name). Everything else is shown as it is — so a time the server
 * has already worded for the recipient (`slot`, `when`) is a string — except an empty `from`/`by`,
 * which names the community pool (the one time-bank account without an owner).
 */
const foundationKinds = {
  'invitation.accepted': ['name', 'organisation'],
  'membership.role_changed': ['organisation', 'role'],
  'membership.removed': ['organisation'],
  /** An instance admin made a sign-in link for the person (name: the admin; reason: theirs). */
  'account.sign_in_link_created': ['name', 'reason'],
  /** A report the person filed was dealt with: the thing is hidden now, or it stays as it was. */
  'flag.hidden': ['reported', 'reportedAt'],
  'flag.dismissed': ['reported', 'reportedAt'],
  /** Someone asked the organisation for help (to its admins; name: who asked). */
  'enquiry.received': ['name', 'organisation', 'subject'],
} as const satisfies Record<string, readonly string[]>;

/** Every kind: the foundation's and each area's (its area.ts, joined in server/areas/lists.ts). */
export const notificationKinds = { ...foundationKinds, ...areaNotificationKinds } as const;

export type NotificationKind = keyof typeof notificationKinds;

export type NotificationParams<K extends NotificationKind> = {
  [P in (typeof notificationKinds)[K][number]]: string | number;
};

/**
 * What a notification says and where it leads, whoever it goes to: one member per kind. A report's
 * outcome (`flag.*`) has nothing to open — the reported thing may be hidden now, and a person has
 * no page of their reports — so its link is null; every other kind leads somewhere.
 */
export type NotificationMessage = {
  [K in NotificationKind]: {
    kind: K;
    params: NotificationParams<K>;
    link: K extends `flag.${string}` ? null : WebPath;
  };
}[NotificationKind];

export type NewNotification = NotificationMessage & { networkId: string; accountId: string };

export async function notify(db: Executor, n: NewNotification): Promise<void> {
  await notificationInsert(db, [n])?.execute();
}

/**
 * From this many rows on, notifications go in as five arrays (`unnest`) instead of a VALUES list:
 * a statement may bind at most 65 535 parameters, which a VALUES list of five columns reaches at
 * 13 107 rows — a sweep or a post to every follower of a big network did, and failed whole.
 */
const bulkFrom = 1000;

/** Notifications as one query (null for none), to write with others in one statement (see insertTogether). */
export function notificationInsert(db: Executor, ns: NewNotification[]) {
  if (ns.length === 0) return null;
  if (ns.length >= bulkFrom) {
    return db
      .insertInto('notification')
      .columns(['network_id', 'account_id', 'kind', 'params', 'link'])
      .expression(
        sql`SELECT * FROM unnest(${ns.map((n) => n.networkId)}::uuid[], ${ns.map((n) => n.accountId)}::uuid[],
          ${ns.map((n) => n.kind)}::text[], ${ns.map((n) => JSON.stringify(n.params))}::jsonb[],
          ${ns.map((n) => n.link)}::text[])`,
      );
  }
  return db.insertInto('notification').values(
    ns.map((n) => ({
      network_id: n.networkId,
      account_id: n.accountId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      link: n.link,
    })),
  );
}
