import type { Config } from '../../../config.ts';
import type { Executor } from '../../../db/tx.ts';
import { t } from '../../../i18n/messages.ts';
import { formatSlot } from '../../../platform/localTime.ts';
import { sendMail } from '../../../platform/mail.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { findAccount } from '../../../repositories/accounts.ts';

/** What a person is told about a place on a shift, with the email texts of each. */
const emails = {
  /** they moved up from the waitlist and now have a place */
  'shift.promoted': 'email.shift_promoted',
  /** the place that had just come to them is gone: they withdrew before they saw that notice */
  'shift.promotion_void': 'email.shift_promotion_void',
} as const;

/**
 * Tells a person about their place on a shift, in-app and by email, in the transaction that moved
 * it: a promotion from the waitlist (a withdrawal or a coordinator raising the places), or its
 * correction. A promotion's in-app notice is written at the promotion's `now()`, which is how a
 * withdrawal sent at the same moment finds it unseen (platform/capacity.ts, promotionUnseen).
 */
export async function tellPlace(
  db: Executor,
  ctx: { networkId: string; config: Pick<Config, 'smtpUrl' | 'publicUrl'> },
  opportunity: { id: string; title: string },
  shift: { starts_at: Date; ends_at: Date },
  accountId: string,
  kind: keyof typeof emails,
): Promise<void> {
  const person = await findAccount(db, ctx.networkId, accountId);
  const params = {
    title: opportunity.title,
    slot: formatSlot(shift.starts_at, shift.ends_at, person?.locale ?? 'de'),
  };
  await notify(db, {
    networkId: ctx.networkId,
    accountId,
    kind,
    params,
    link: webPaths.opportunity(opportunity.id),
  });
  if (!person) return;
  await sendMail(
    db,
    {
      networkId: ctx.networkId,
      to: person.email,
      subject: t(person.locale, `${emails[kind]}.subject`, params),
      text: t(person.locale, `${emails[kind]}.body`, {
        ...params,
        name: person.display_name,
        link: `${ctx.config.publicUrl}${webPaths.opportunity(opportunity.id)}`,
      }),
    },
    Boolean(ctx.config.smtpUrl),
  );
}
