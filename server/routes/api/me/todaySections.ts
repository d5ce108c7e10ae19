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
import { openInvitationsForAccount } from '../../../repositories/oneTimeTokens.ts';

const say = wording({
  invitationsTitle: { de: 'Einladungen an Sie', en: 'Invitations to you' },
  invitation: {
    de: 'Einladung von {organisation} annehmen',
    en: 'Accept the invitation from {organisation}',
  },
  invitedAs: { de: 'als {role}', en: 'as {role}' },
  invitedBy: { de: 'eingeladen von {name}', en: 'invited by {name}' },
  role_admin: { de: 'Verwaltung', en: 'administrator' },
  role_staff: { de: 'Mitarbeit', en: 'staff' },
  role_volunteer: { de: 'Ehrenamt', en: 'volunteer' },
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
 * The foundation's part of the home: invitations to organisations waiting for the person (not in a
 * session begun with an admin's sign-in link, which may not accept them); for the network's
 * coordinator (the instance admin, who moderates), reports nobody has dealt with; as a suggestion for
 * someone whose profile names no part of town or skill, to add them, so the areas' suggestions fit.
 */
export const foundationToday: TodayContributor = {
  async sections(tx, actor, ctx) {
    return [
      ...(ctx.assisted ? [] : await invitations(tx, ctx)),
      ...(networkPolicy.moderate(actor) ? await openFlags(tx, ctx) : []),
    ];
  },
  suggestions: profileHint,
};

async function invitations(tx: Executor, ctx: TodayContext) {
  const rows = await openInvitationsForAccount(tx, ctx.networkId, ctx.accountId);
  return section({
    id: 'foundation.invitations',
    group: 'todo',
    order: 25,
    title: say(ctx.locale, 'invitationsTitle'),
    items: rows.map((r) => ({
      key: `invitation:${r.org_id}`,
      title: say(ctx.locale, 'invitation', { organisation: r.org_name }),
      detail: [
        say(ctx.locale, 'invitedAs', { role: say(ctx.locale, `role_${r.role ?? 'volunteer'}`) }),
        r.inviter_name ? say(ctx.locale, 'invitedBy', { name: r.inviter_name }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
      when: { at: r.expires_at, kind: 'until' as const },
      link: webPaths.myInvitations(),
    })),
    more: webPaths.myInvitations(),
  });
}

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
