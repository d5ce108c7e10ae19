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
import { openTasksOf } from './repositories/commitments.ts';

const say = wording({
  title: { de: 'Ihre Aufgaben aus Mitgestalten', en: 'Your tasks from co-design projects' },
  task: { de: '„{title}“ erledigen', en: 'Do “{title}”' },
  overdue: { de: 'Überfällig · {project}', en: 'Overdue · {project}' },
});

/** Mitgestalten on the personal home: the tasks the person is responsible for, overdue first. */
export async function commitmentsToday(
  tx: Executor,
  actor: SignedInActor,
  ctx: TodayContext,
): Promise<TodaySection[]> {
  const { items, total } = await openTasksOf(tx, ctx.networkId, actor.accountId, todayFetch);
  const day = ctx.now.toISOString().slice(0, 10);
  return section({
    id: 'codesign.commitments',
    group: 'todo',
    order: 50,
    title: say(ctx.locale, 'title'),
    total,
    items: items.map((c) => {
      const due = c.due_on as string | null;
      const overdue = due !== null && due < day;
      return {
        key: `codesign_commitment:${c.id}`,
        title: say(ctx.locale, 'task', { title: c.title }),
        detail: overdue ? say(ctx.locale, 'overdue', { project: c.project_title }) : c.project_title,
        ...(due ? { when: { at: new Date(`${due}T12:00:00Z`), kind: 'until' as const } } : {}),
        link: webPaths.codesignCommitment(c.project_id, c.id),
      };
    }),
  });
}
