import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { interactionPolicy } from './policies/interaction.ts';
import { listInteractionsOf } from './repositories/interactions.ts';

const say = wording({
  title: { de: 'Begegnungen, die Sie bestätigen', en: 'Interactions for you to confirm' },
  confirm: { de: 'Begegnung mit {name} bestätigen', en: 'Confirm your interaction with {name}' },
});

/**
 * Räume & Brücken on the home: interactions someone logged with the person, waiting for their consent
 * (nobody is put into the community graph by someone else's hand). A circle's are left out in a
 * session begun with an admin's sign-in link, as on the page itself.
 */
export const interactionsToday: TodaySource = async (tx, actor, ctx) => {
  const { rows, total } = await listInteractionsOf(tx, ctx.networkId, ctx.accountId, {
    limit: 50,
    offset: 0,
    status: 'pending',
    withoutCircles: ctx.assisted,
  });
  const mine = rows.filter((i) => interactionPolicy.confirm(actor, i));
  // those the person logged themselves wait for the other side: counted out of the total
  const theirs = Number(total) - (rows.length - mine.length);
  return section({
    id: 'places.confirm',
    group: 'todo',
    order: 40,
    title: say(ctx.locale, 'title'),
    items: mine.slice(0, todayFetch).map((i) => ({
      key: `interaction:${i.id}`,
      title: say(ctx.locale, 'confirm', { name: i.with_name }),
      when: { at: i.occurred_at, kind: 'on' as const },
      link: webPaths.interactions(),
    })),
    total: theirs,
    more: webPaths.interactions(),
  });
};
