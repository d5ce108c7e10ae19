import { duration, section, type TodayContributor, todayFetch, wording } from '../../platform/today.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { timebankPolicy } from './policies/timebank.ts';
import { type RequestToConfirm, requestsToConfirm } from './repositories/today.ts';

const say = wording({
  title: { de: 'Zeitgutschriften, die Sie bestätigen', en: 'Time credits for you to confirm' },
  confirm: { de: '{amount} für {name} bestätigen', en: 'Confirm {amount} for {name}' },
  pool: { de: 'den Gemeinschaftstopf', en: 'the community pool' },
  fromAccount: { de: 'vom Konto: {name}', en: 'from the account: {name}' },
});

const refOf = (t: RequestToConfirm) => ({
  status: t.status,
  payer: {
    owner_type: t.payer_type,
    person_id: t.payer_person_id,
    organisation_id: t.payer_organisation_id,
  },
  payee: {
    owner_type: t.payee_type,
    person_id: t.payee_person_id,
    organisation_id: t.payee_organisation_id,
  },
});

/**
 * Zeitbank on the home: requests for credits waiting for a payer the person acts for (their own
 * account, their organisations', the pool for instance admins) — money moves only with the payer's
 * consent, so these wait for them.
 */
export const timebankToday: TodayContributor = {
  async sections(tx, actor, ctx) {
    const organisationIds = [...actor.roles.entries()]
      .filter(([, role]) => role === 'admin' || role === 'staff')
      .map(([id]) => id);
    const { items, total } = await requestsToConfirm(
      tx,
      ctx.networkId,
      { personId: ctx.accountId, organisationIds, pool: actor.isInstanceAdmin },
      todayFetch,
    );
    return section({
      id: 'timebank.confirm',
      group: 'todo',
      order: 20,
      title: say(ctx.locale, 'title'),
      items: items
        .filter((t) => timebankPolicy.confirm(actor, refOf(t)))
        .map((t) => ({
          key: `transfer:${t.id}`,
          title: say(ctx.locale, 'confirm', {
            amount: duration(ctx.locale, t.minutes),
            name: t.payee_name ?? say(ctx.locale, 'pool'),
          }),
          detail: [
            t.memo,
            t.payer_type !== 'person'
              ? say(ctx.locale, 'fromAccount', { name: t.payer_name ?? say(ctx.locale, 'pool') })
              : '',
          ]
            .filter(Boolean)
            .join(' · '),
          when: { at: t.created_at, kind: 'since' as const },
          link: webPaths.transfer(t.id),
        })),
      total,
      more: webPaths.timebank(),
    });
  },
};
