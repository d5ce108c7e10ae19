import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { areas } from '../../../areas/index.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { literals, problems, Timestamp } from '../../../http/schemas.ts';
import {
  type SignedInActor,
  type TodayContext,
  type TodayContributor,
  type TodaySection,
  todayGroups,
} from '../../../platform/today.ts';
import { foundationToday } from './todaySections.ts';

const TodayItemView = Type.Object({
  key: Type.String(),
  /** the link's text: what to do, in plain words */
  title: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()]),
  when: Type.Union([Type.Object({ at: Timestamp, kind: literals(['on', 'since', 'until']) }), Type.Null()]),
  /** a page of the web client (a WebPath) */
  link: Type.String(),
  /** my unread notifications this item stands for: the client marks them read when it is opened */
  notificationIds: Type.Array(Type.String()),
});

const TodaySectionView = Type.Object({
  id: Type.String(),
  group: literals(todayGroups),
  title: Type.String(),
  items: Type.Array(TodayItemView),
  /** how many there are in all; more than `items` when the rest is behind `more` */
  total: Type.Integer(),
  more: Type.Union([Type.String(), Type.Null()]),
});

export const TodayView = Type.Object({
  /** by group (todo, upcoming, network, suggestion), then by order; empty sections are left out */
  sections: Type.Array(TodaySectionView),
});

/** The foundation first, then every area that contributes, in the order of the list of areas. */
const contributors: TodayContributor[] = [
  foundationToday,
  ...areas.flatMap((a) => (a.today ? [a.today] : [])),
];

const groupRank = new Map(todayGroups.map((g, i) => [g, i]));

function present(s: TodaySection) {
  return {
    id: s.id,
    group: s.group,
    title: s.title,
    items: s.items.map((i) => ({
      key: i.key,
      title: i.title,
      detail: i.detail || null,
      when: i.when ? { at: i.when.at.toISOString(), kind: i.when.kind } : null,
      link: i.link,
      notificationIds: i.notificationIds ?? [],
    })),
    total: s.total,
    more: s.more ?? null,
  };
}

/**
 * GET /me/today, the personal home: what needs me today and what I have coming, in sections each area
 * contributes (platform/today.ts); when nothing needs me, suggestions. One read in one transaction,
 * so the sections agree with each other.
 */
export async function todayRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get(
    '/',
    {
      schema: {
        tags: ['me'],
        summary:
          'My home: what needs me today (claims, approvals, confirmations, answers), what I have coming, ' +
          'and suggestions when nothing does; sections contributed by each area, worded in my language',
        response: { 200: TodayView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const actor = req.actor as SignedInActor;
      const ctx: TodayContext = {
        networkId,
        accountId,
        locale: req.locale,
        assisted: req.session?.assisted === true,
        now: new Date(),
        ip: clientIp(req),
      };
      const sections = await executeTx(db, async (tx) => {
        const found: TodaySection[] = [];
        for (const c of contributors) found.push(...(await c.sections(tx, actor, ctx)));
        if (!found.some((s) => s.group === 'todo' || s.group === 'network'))
          for (const c of contributors)
            if (c.suggestions) found.push(...(await c.suggestions(tx, actor, ctx)));
        return found;
      });
      return {
        sections: sections
          .filter((s) => s.items.length > 0)
          .sort((a, b) => groupRank.get(a.group)! - groupRank.get(b.group)! || a.order - b.order)
          .map(present),
      };
    },
  );
}
