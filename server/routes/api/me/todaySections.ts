import type { Executor } from '../../../db/tx.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  type TodayContributor,
  todayFetch,
  wording,
} from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { getProfile } from '../../../repositories/accounts.ts';

const say = wording({
  flagsTitle: { de: 'Meldungen, die niemand geprüft hat', en: 'Reports nobody has looked at' },
  flag: { de: 'Meldung prüfen: „{name}“', en: 'Check the report: “{name}”' },
  flagUnnamed: { de: 'Meldung prüfen', en: 'Check the report' },
  reason_spam: { de: 'Werbung oder Spam', en: 'advertising or spam' },
  reason_abuse: { de: 'beleidigend oder bedrohlich', en: 'abusive or threatening' },
  reason_privacy: { de: 'verletzt die Privatsphäre', en: 'violates privacy' },
  reason_illegal: { de: 'möglicherweise rechtswidrig', en: 'possibly illegal' },
  reason_other: { de: 'anderer Grund', en: 'another reason' },
  profileTitle: { de: 'Damit wir Passendes finden', en: 'So that we can find what suits you' },
  profile: {
    de: 'Ihren Stadtteil und was Sie gern tun eintragen',
    en: 'Add your part of town and what you like doing',
  },
  profileDetail: {
    de: 'Dann zeigen wir Ihnen Aufgaben und Angebote in Ihrer Nähe.',
    en: 'Then we show you tasks and offers near you.',
  },
});

/**
 * The foundation's part of the home: for the network's coordinator (the instance admin, who
 * moderates), reports nobody has dealt with; as a suggestion for someone whose profile names no part
 * of town or skill, to add them, so the suggestions of the areas can fit.
 */
export const foundationToday: TodayContributor = {
  async sections(tx, actor, ctx) {
    return networkPolicy.moderate(actor) ? openFlags(tx, ctx) : [];
  },
  suggestions: profileHint,
};

async function openFlags(tx: Executor, ctx: TodayContext) {
  const q = tx
    .selectFrom('flag as f')
    .leftJoin('search_document as s', (j) =>
      j
        .onRef('s.network_id', '=', 'f.network_id')
        .onRef('s.entity_type', '=', 'f.entity_type')
        .onRef('s.entity_id', '=', 'f.entity_id'),
    )
    .where('f.network_id', '=', ctx.networkId)
    .where('f.status', '=', 'open');
  const [rows, count] = await Promise.all([
    q
      .select(['f.id', 'f.reason', 'f.created_at', 's.title'])
      .orderBy('f.created_at')
      .orderBy('f.id')
      .limit(todayFetch)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return section({
    id: 'foundation.flags',
    group: 'network',
    order: 10,
    title: say(ctx.locale, 'flagsTitle'),
    items: rows.map((f) => ({
      key: `flag:${f.id}`,
      title: f.title ? say(ctx.locale, 'flag', { name: f.title }) : say(ctx.locale, 'flagUnnamed'),
      detail: say(ctx.locale, `reason_${f.reason}`),
      when: { at: f.created_at, kind: 'since' as const },
      link: webPaths.moderation(),
    })),
    total: Number(count.n),
    more: webPaths.moderation(),
  });
}

async function profileHint(tx: Executor, _actor: SignedInActor, ctx: TodayContext) {
  const p = await getProfile(tx, ctx.networkId, ctx.accountId);
  if (!p || (p.district_ids.length > 0 && p.skills.length > 0)) return [];
  return section({
    id: 'foundation.profile',
    group: 'suggestion',
    order: 90,
    title: say(ctx.locale, 'profileTitle'),
    items: [
      {
        key: 'profile',
        title: say(ctx.locale, 'profile'),
        detail: say(ctx.locale, 'profileDetail'),
        link: webPaths.profile(),
      },
    ],
  });
}
