import type { Executor } from '../db/tx.ts';
import { notFound, Problem } from '../http/problem.ts';
import { t } from '../i18n/messages.ts';
import { auditInsert } from '../platform/audit.ts';
import { networkTimeZone } from '../platform/localTime.ts';
import { sendMail } from '../platform/mail.ts';
import { notificationInsert } from '../platform/notifications.ts';
import { webPaths } from '../platform/webPaths.ts';
import { findAccount } from '../repositories/accounts.ts';
import { createLoginToken } from '../routes/api/session/index.ts';

/** Long enough to read a link out on the phone or write it down; short enough to be of no later use. */
export const assistedLinkMinutes = 30;

export interface AssistedSignInContext {
  networkId: string;
  networkName: string;
  adminId: string;
  adminName: string;
  smtp: boolean;
  ip: string | null;
}

/**
 * An instance admin helps a person in who cannot receive email: a one-time sign-in link for that
 * person, handed to the admin once (it is never stored, only its hash), to pass on by hand.
 *
 * Guarantees, all in the caller's transaction: the step is in the audit log with the admin and
 * their reason; the person is told at once — an in-app notification and an email naming the admin,
 * the time and the reason (no link in it) — and sees it, and every sign-in with the link, in their
 * own account activity. The session the link begins is assisted: support circles stay closed in it
 * and it cannot set a password (LoadedSession.assisted), so the help never silently opens care data,
 * nor turns into a key of the admin's own. A blocked account gets no link (422).
 */
export async function createAssistedSignInLink(
  tx: Executor,
  ctx: AssistedSignInContext,
  targetId: string,
  reason: string,
): Promise<{ token: string; expiresAt: Date }> {
  const target = await findAccount(tx, ctx.networkId, targetId);
  if (!target) throw notFound();
  if (target.blocked_at) throw new Problem(422, 'account.sign_in_link_blocked');
  const { token, createdAt, expiresAt } = await createLoginToken(
    tx,
    ctx.networkId,
    { id: target.id, email: target.email },
    assistedLinkMinutes,
    { assisted: true, createdBy: ctx.adminId },
  );
  const at = new Intl.DateTimeFormat(target.locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: networkTimeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(createdAt);
  const params = {
    name: target.display_name,
    admin: ctx.adminName,
    network: ctx.networkName,
    reason,
    at,
    minutes: assistedLinkMinutes,
  };
  await auditInsert(tx, {
    networkId: ctx.networkId,
    actorId: ctx.adminId,
    action: 'account.sign_in_link_created',
    entityType: 'account',
    entityId: target.id,
    details: { reason, expiresAt: expiresAt.toISOString() },
    ip: ctx.ip,
  }).execute();
  await notificationInsert(tx, [
    {
      networkId: ctx.networkId,
      accountId: target.id,
      kind: 'account.sign_in_link_created',
      params: { name: ctx.adminName, reason },
      link: webPaths.accountActivity(),
    },
  ])?.execute();
  await sendMail(
    tx,
    {
      networkId: ctx.networkId,
      to: target.email,
      subject: t(target.locale, 'email.sign_in_link_created.subject', params),
      text: t(target.locale, 'email.sign_in_link_created.body', params),
    },
    ctx.smtp,
  );
  return { token, expiresAt };
}
