import { t } from '../../../i18n/messages.ts';
import type { TodaySource } from '../../../platform/today.ts';
import { webPaths } from './area.ts';
import { countFollows } from './repositories/follows.ts';
import { digestSetting } from './repositories/settings.ts';

/**
 * A suggestion for the personal home, when nothing needs the person: they follow things but get no
 * digest — one tap to the page where they can choose one (it stays off until they do).
 */
export const digestSuggestions: TodaySource = async (tx, actor, ctx) => {
  const follows = await countFollows(tx, ctx.networkId, actor.accountId);
  if (follows === 0) return [];
  const setting = await digestSetting(tx, ctx.networkId, actor.accountId);
  if (setting.frequency !== 'off') return [];
  return [
    {
      id: 'knowledge.digest',
      group: 'suggestion',
      title: t(ctx.locale, 'digest.today.title'),
      items: [
        {
          key: 'digest:choose',
          title: t(ctx.locale, 'digest.today.item'),
          detail: t(ctx.locale, follows === 1 ? 'digest.today.detail.one' : 'digest.today.detail.other', {
            count: follows,
          }),
          link: webPaths.followPreferences(),
        },
      ],
      total: 1,
      order: 60,
    },
  ];
};
