import type { Executor } from '../../../db/tx.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  todayFetch,
  wording,
} from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { actsFor } from '../../../policies/actor.ts';
import { listWaiting } from './repositories/dossiers.ts';

const say = wording({
  waitingTitle: { de: 'Dossiers, die auf Ihre Bearbeitung warten', en: 'Dossiers waiting for your handling' },
  waiting: { de: '„{title}“ bearbeiten', en: 'Handle “{title}”' },
  sent: {
    de: 'von {sender} · noch nicht als eingegangen vermerkt',
    en: 'from {sender} · not yet marked received',
  },
  received: {
    de: 'von {sender} · eingegangen, noch ohne Termin',
    en: 'from {sender} · received, no meeting yet',
  },
  onAgenda: {
    de: 'von {sender} · {committee}, Antwort steht aus',
    en: 'from {sender} · {committee}, answer pending',
  },
});

/**
 * The personal home: for staff and admins of a public body, the dossiers sent to it that wait for
 * its handling (to mark received, to put on an agenda, to answer), the longest-waiting first.
 */
export async function dossierToday(tx: Executor, actor: SignedInActor, ctx: TodayContext) {
  const orgs = [...actor.roles.keys()].filter((id) => actsFor(actor, id));
  const rows = await listWaiting(tx, ctx.networkId, orgs, todayFetch);
  return section({
    id: 'knowledge.dossiers',
    group: 'todo',
    order: 30,
    title: say(ctx.locale, 'waitingTitle'),
    items: rows.map((d) => {
      const sender = d.organisation_name ?? '';
      const detail =
        d.status === 'sent'
          ? say(ctx.locale, 'sent', { sender })
          : d.status === 'received'
            ? say(ctx.locale, 'received', { sender })
            : say(ctx.locale, 'onAgenda', { sender, committee: d.committee ?? '' });
      return {
        key: `dossier:${d.id}`,
        title: say(ctx.locale, 'waiting', { title: d.title }),
        detail: sender ? detail : detail.replace(/^[^·]*· /, ''),
        when: { at: new Date(d.sent_at ?? d.created_at), kind: 'since' as const },
        link: webPaths.dossier(d.id),
      };
    }),
    more: webPaths.dossierInbox(),
  });
}
