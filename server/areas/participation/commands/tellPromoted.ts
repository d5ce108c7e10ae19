import type { Config } from '../../../config.ts';
import type { Executor } from '../../../db/tx.ts';
import { t } from '../../../i18n/messages.ts';
import { formatSlot } from '../../../platform/localTime.ts';
import { sendMail } from '../../../platform/mail.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { findAccount } from '../../../repositories/accounts.ts';

/**
 * Tells a person who moved up from a shift's waitlist that they now have a place, in-app and by
 * email, in the promotion's transaction (a withdrawal or a coordinator raising the places). The
 * in-app notice is written at the promotion's `now()`, which is how a withdrawal sent at the same
 * moment finds it unseen (platform/capacity.ts, promotionUnseen).
 */
export async function tellPromoted(
  db: Executor,
  ctx: { networkId: string; config: Pick<Config, 'smtpUrl' | 'publicUrl'> },
  opportunity: { id: string; title: string },
  shift: { starts_at: Date; ends_at: Date },
  accountId: string,
): Promise<void> {
  const person = await findAccount(db, ctx.networkId, accountId);
  const params = {
    title: opportunity.title,
    slot: formatSlot(shift.starts_at, shift.ends_at, person?.locale ?? 'de'),
  };
  await notify(db, {
    networkId: ctx.networkId,
    accountId,
    kind: 'shift.promoted',
    params,
    link: webPaths.opportunity(opportunity.id),
  });
  if (!person) return;
  await sendMail(
    db,
    {
      networkId: ctx.networkId,
      to: person.email,
      subject: t(person.locale, 'email.shift_promoted.subject', params),
      text: t(person.locale, 'email.shift_promoted.body', {
        ...params,
        name: person.display_name,
        link: `${ctx.config.publicUrl}${webPaths.opportunity(opportunity.id)}`,
      }),
    },
    Boolean(ctx.config.smtpUrl),
  );
}
