import type { Config } from '../../../../config.ts';
import type { Executor } from '../../../../db/tx.ts';
import { t } from '../../../../i18n/messages.ts';
import { formatSlot } from '../../../../platform/localTime.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { findAccount } from '../../../../repositories/accounts.ts';

export type MailConfig = Pick<Config, 'smtpUrl' | 'publicUrl'>;

interface EventFacts {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
}

/** In-app and by email, about the person's own place: `promoted` or `promotion_void`. */
async function tellAboutPlace(
  tx: Executor,
  networkId: string,
  config: MailConfig,
  event: EventFacts,
  accountId: string,
  what: 'promoted' | 'promotion_void',
) {
  await notify(tx, {
    networkId,
    accountId,
    kind: `place_event.${what}`,
    params: { title: event.title, startsAt: event.starts_at.toISOString() },
    link: webPaths.placesEvent(event.id),
  });
  const person = await findAccount(tx, networkId, accountId);
  if (!person) return;
  const params = { title: event.title, slot: formatSlot(event.starts_at, event.ends_at, person.locale) };
  await sendMail(
    tx,
    {
      networkId,
      to: person.email,
      subject: t(person.locale, `email.place_event_${what}.subject`, params),
      text: t(person.locale, `email.place_event_${what}.body`, {
        ...params,
        name: person.display_name,
        link: `${config.publicUrl}${webPaths.placesEvent(event.id)}`,
      }),
    },
    Boolean(config.smtpUrl),
  );
}

/**
 * Tells a person a place became theirs (in-app and by email): the first on the waitlist when someone
 * withdrew or the host made room. In the caller's transaction.
 */
export const tellPromoted = (
  tx: Executor,
  networkId: string,
  config: MailConfig,
  event: EventFacts,
  accountId: string,
) => tellAboutPlace(tx, networkId, config, event, accountId, 'promoted');

/**
 * Tells a person the place they were just told of is gone (in-app and by email): they withdrew before
 * they saw it (platform/capacity.ts promotionUnseen). In the withdrawal's transaction.
 */
export const tellPromotionVoid = (
  tx: Executor,
  networkId: string,
  config: MailConfig,
  event: EventFacts,
  accountId: string,
) => tellAboutPlace(tx, networkId, config, event, accountId, 'promotion_void');

/** Tells a registered person (with a place or waiting) the event is cancelled, in-app and by email. */
export async function tellCancelled(
  tx: Executor,
  networkId: string,
  config: MailConfig,
  event: EventFacts,
  person: { account_id: string; email: string; display_name: string; locale: 'de' | 'en' },
  reason: string,
) {
  await notify(tx, {
    networkId,
    accountId: person.account_id,
    kind: 'place_event.cancelled',
    params: { title: event.title, startsAt: event.starts_at.toISOString() },
    link: webPaths.placesEvent(event.id),
  });
  const params = { title: event.title, slot: formatSlot(event.starts_at, event.ends_at, person.locale) };
  await sendMail(
    tx,
    {
      networkId,
      to: person.email,
      subject: t(person.locale, 'email.place_event_cancelled.subject', params),
      text: t(person.locale, 'email.place_event_cancelled.body', {
        ...params,
        name: person.display_name,
        reason: reason ? `\n${reason}\n` : '',
        link: `${config.publicUrl}${webPaths.placesEvent(event.id)}`,
      }),
    },
    Boolean(config.smtpUrl),
  );
}
