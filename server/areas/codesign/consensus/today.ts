import { sql } from 'kysely';
import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';

const say = wording({
  title: {
    de: 'Überprüfung fällig: Hat der Beschluss funktioniert?',
    en: 'Review due: did the decision work?',
  },
  item: { de: '„{title}“ gemeinsam überprüfen', en: 'Review “{title}” together' },
});

/**
 * Consensus on the home: to the facilitators of a project (its organisers and the participants it
 * made facilitators), each decision whose review date has come and that nobody has noted as
 * reviewed yet, oldest first.
 */
export const consensusToday: TodaySource = async (tx, actor, ctx) => {
  const today = ctx.now.toISOString().slice(0, 10);
  const facilitates = sql<boolean>`(
    EXISTS (SELECT 1 FROM codesign_participant me
      WHERE me.network_id = p.network_id AND me.project_id = p.project_id
        AND me.account_id = ${actor.accountId} AND me.role = 'facilitator' AND me.status = 'active'
        AND pr.status <> 'draft')
    OR EXISTS (SELECT 1 FROM codesign_project_organisation o
      JOIN membership m ON m.network_id = o.network_id AND m.organisation_id = o.organisation_id
      WHERE o.network_id = p.network_id AND o.project_id = p.project_id AND o.status = 'accepted'
        AND m.account_id = ${actor.accountId} AND m.role IN ('admin', 'staff')))`;
  const base = tx
    .selectFrom('codesign_proposal as p')
    .innerJoin('codesign_project as pr', (j) =>
      j.onRef('pr.network_id', '=', 'p.network_id').onRef('pr.id', '=', 'p.project_id'),
    )
    .where('p.network_id', '=', ctx.networkId)
    .where('p.review_on', '<=', today)
    .where('p.reviewed_at', 'is', null)
    .where(facilitates);
  const [rows, count] = await Promise.all([
    base
      .select(['p.id', 'p.title', 'p.project_id', 'p.tool_id', 'p.review_on', 'pr.title as project_title'])
      .orderBy('p.review_on')
      .orderBy('p.id')
      .limit(todayFetch)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return section({
    id: 'codesign.consensusReviews',
    group: 'todo',
    order: 50,
    title: say(ctx.locale, 'title'),
    items: rows.map((r) => ({
      key: `codesign_proposal:${r.id}`,
      title: say(ctx.locale, 'item', { title: r.title }),
      detail: r.project_title,
      when: { at: new Date(`${r.review_on}T00:00:00Z`), kind: 'since' as const },
      link: webPaths.consensusTool(r.project_id, r.tool_id),
    })),
    total: Number(count.n),
  });
};
