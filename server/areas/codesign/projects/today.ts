import { sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  type TodaySection,
  todayFetch,
  wording,
} from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { actingFor } from './repositories/projects.ts';

const say = wording({
  invitationsTitle: { de: 'Einladungen zum Mitgestalten', en: 'Invitations to co-design' },
  invitation: { de: 'Bei „{title}“ mitmachen?', en: 'Take part in “{title}”?' },
  partner: { de: '„{title}“ gemeinsam leiten?', en: 'Run “{title}” together?' },
  partnerDetail: { de: 'Einladung an {organisation}', en: 'Invitation to {organisation}' },
  phasesTitle: { de: 'Neu in Ihren Projekten', en: 'New in your projects' },
  phase: { de: '„{phase}“ hat begonnen', en: '“{phase}” has begun' },
});

/** How far back "a phase of your project began" is news. */
export const phaseNewsDays = 14;

/**
 * Mitgestalten on the personal home: invitations waiting for the person (to take part, and for the
 * organisations they act for to run a project with others), and the phases of their projects that
 * began lately.
 */
export async function projectsToday(
  tx: Executor,
  actor: SignedInActor,
  ctx: TodayContext,
): Promise<TodaySection[]> {
  const orgs = actingFor(actor);
  const invites = await tx
    .selectFrom('codesign_participant as m')
    .innerJoin('codesign_project as p', (j) =>
      j.onRef('p.network_id', '=', 'm.network_id').onRef('p.id', '=', 'm.project_id'),
    )
    .select(['p.id', 'p.title', 'm.created_at'])
    .where('m.network_id', '=', ctx.networkId)
    .where('m.account_id', '=', actor.accountId)
    .where('m.status', '=', 'invited')
    .where('p.status', '=', 'active')
    .orderBy('m.created_at', 'desc')
    .limit(todayFetch)
    .execute();
  const partnerInvites = orgs.length
    ? await tx
        .selectFrom('codesign_project_organisation as po')
        .innerJoin('codesign_project as p', (j) =>
          j.onRef('p.network_id', '=', 'po.network_id').onRef('p.id', '=', 'po.project_id'),
        )
        .innerJoin('organisation as o', (j) =>
          j.onRef('o.network_id', '=', 'po.network_id').onRef('o.id', '=', 'po.organisation_id'),
        )
        .select(['p.id', 'p.title', 'po.created_at', 'o.name as organisation', 'o.id as organisation_id'])
        .where('po.network_id', '=', ctx.networkId)
        .where('po.organisation_id', 'in', orgs)
        .where('po.status', '=', 'invited')
        .where('p.status', '<>', 'closed')
        .orderBy('po.created_at', 'desc')
        .limit(todayFetch)
        .execute()
    : [];
  const since = new Date(ctx.now.getTime() - phaseNewsDays * 86_400_000);
  const began = await tx
    .selectFrom('codesign_event as e')
    .innerJoin('codesign_participant as m', (j) =>
      j.onRef('m.network_id', '=', 'e.network_id').onRef('m.project_id', '=', 'e.project_id'),
    )
    .innerJoin('codesign_project as p', (j) =>
      j.onRef('p.network_id', '=', 'e.network_id').onRef('p.id', '=', 'e.project_id'),
    )
    .select(['e.id', 'e.project_id', 'p.title', 'e.at', sql<string>`e.params->>'phase'`.as('phase')])
    .where('e.network_id', '=', ctx.networkId)
    .where('e.kind', '=', 'projects.phase_began')
    .where('e.at', '>=', since)
    .where('m.account_id', '=', actor.accountId)
    .where('m.status', '=', 'active')
    .where('p.status', '=', 'active')
    // only the phase the project stands in now
    .where(sql<boolean>`e.subject_id = p.current_phase_id`)
    .where((eb) => eb.or([eb('e.actor_id', 'is', null), eb('e.actor_id', '<>', actor.accountId)]))
    .orderBy('e.at', 'desc')
    .limit(todayFetch)
    .execute();
  return [
    ...section({
      id: 'codesign.invitations',
      group: 'todo',
      order: 40,
      title: say(ctx.locale, 'invitationsTitle'),
      items: [
        ...invites.map((i) => ({
          key: `codesign_invitation:${i.id}`,
          title: say(ctx.locale, 'invitation', { title: i.title }),
          when: { at: i.created_at, kind: 'since' as const },
          link: webPaths.codesignProject(i.id),
        })),
        ...partnerInvites.map((i) => ({
          key: `codesign_partner:${i.id}:${i.organisation_id}`,
          title: say(ctx.locale, 'partner', { title: i.title }),
          detail: say(ctx.locale, 'partnerDetail', { organisation: i.organisation }),
          when: { at: i.created_at, kind: 'since' as const },
          link: webPaths.codesignProject(i.id),
        })),
      ],
    }),
    ...section({
      id: 'codesign.phases',
      // news of a project the person takes part in: something they have coming, not the network's
      // unanswered business (which is the coordinator's and keeps the suggestions away)
      group: 'upcoming',
      order: 50,
      title: say(ctx.locale, 'phasesTitle'),
      items: began.map((e) => ({
        key: `codesign_phase_began:${e.id}`,
        title: say(ctx.locale, 'phase', { phase: e.phase }),
        detail: e.title,
        when: { at: e.at, kind: 'on' as const },
        link: webPaths.codesignProject(e.project_id),
      })),
    }),
  ];
}
