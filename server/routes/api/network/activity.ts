import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { areas } from '../../../areas/index.ts';
import type { ActivityFigure, AreaId } from '../../../areas/manifest.ts';
import type { Executor } from '../../../db/tx.ts';
import { problems } from '../../../http/schemas.ts';
import { localParts, zonedTime } from '../../../platform/localTime.ts';
import { protectCell, wholeMonths } from '../../../platform/smallCells.ts';

const Figure = Type.Object({
  /** the network the figure belongs to, or `network` for the town as a whole */
  area: Type.String(),
  key: Type.String(),
  /** null exactly when `suppressed`: fewer than five people stand behind it */
  value: Type.Union([Type.Integer(), Type.Null()]),
  suppressed: Type.Boolean(),
});

export const ActivityView = Type.Object({
  /** the last whole calendar month, which the figures of things done refer to (local dates, inclusive) */
  month: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
  figures: Type.Array(Figure),
});

/** The last whole calendar month before `now`, in the network's local time. */
export function lastWholeMonth(now: Date) {
  const p = localParts(now);
  const [year, month] = p.month === 1 ? [p.year - 1, 12] : [p.year, p.month - 1];
  const firstDay = `${year}-${String(month).padStart(2, '0')}-01`;
  return {
    from: zonedTime(year, month, 1, 0),
    to: zonedTime(p.year, p.month, 1, 0),
    firstDay,
    lastDay: wholeMonths({ from: firstDay, to: firstDay }).to,
  };
}

/**
 * The town's activity in numbers, for anyone: the foundation's two figures and every area's own
 * (its manifest's `activity`), each through platform/smallCells.ts — a figure that rests on one to
 * four people shows no number, only that it is small. Things done are counted for the last whole
 * month, never a sliding window, so two readings a day apart cannot be subtracted to reveal what one
 * person did yesterday.
 */
export async function networkActivity(db: Executor, networkId: string, now = new Date()) {
  const month = lastWholeMonth(now);
  const [organisations, people] = await Promise.all([
    db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('network_id', '=', networkId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('network_id', '=', networkId)
      .where('blocked_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const parts: [AreaId | 'network', ActivityFigure[]][] = [
    [
      'network',
      [
        { key: 'organisations', value: Number(organisations.n), people: 0 },
        { key: 'people', value: Number(people.n), people: Number(people.n) },
      ],
    ],
  ];
  // one after the other: the embedded database answers one query at a time anyway
  for (const area of areas)
    if (area.activity) parts.push([area.id, await area.activity(db, networkId, month)]);
  return {
    month: { from: month.firstDay, to: month.lastDay },
    figures: parts.flatMap(([area, figures]) =>
      figures.map((f) => {
        const cell = protectCell(f.people, { value: f.value });
        return { area, key: f.key, value: cell.value, suppressed: cell.suppressed };
      }),
    ),
  };
}

/** How long one server keeps the figures before counting again (they change slowly; anyone may ask). */
export const activityCacheSeconds = 60;

/** GET /api/v1/network/activity: the public figures of the front page. */
export async function networkActivityRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  let cached: { at: number; value: Awaited<ReturnType<typeof networkActivity>> } | null = null;

  app.get(
    '/',
    {
      schema: {
        tags: ['network'],
        summary:
          "The town's current activity in numbers (public; figures about fewer than five people are withheld)",
        response: { 200: ActivityView, ...problems },
      },
    },
    async (_req, reply) => {
      const now = Date.now();
      if (!cached || now - cached.at > activityCacheSeconds * 1000)
        cached = { at: now, value: await networkActivity(db, networkId) };
      reply.header('cache-control', `public, max-age=${activityCacheSeconds}`);
      return cached.value;
    },
  );
}
