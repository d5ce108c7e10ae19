import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../../../auth/tokens.ts';
import { executeTx } from '../../../../db/tx.ts';
import { optionalBody } from '../../../../http/body.ts';
import { eventUid, feedToken, feedUrl, newCalendar, sendCalendar } from '../../../../http/calendar.ts';
import { clientIp } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { createNeeds, scheduleUnclaimedAlert } from '../../commands/careCalendar.ts';
import { claimNeed, completeNeed } from '../../commands/claimNeed.ts';
import { type CircleAccess, circlePolicy, needAbilities, organises } from '../../policies/circle.ts';
import {
  countUnclaimed,
  deleteNeeds,
  findFeed,
  findNeed,
  listNeeds,
  loadPerHelper,
  type NeedRow,
  replaceFeed,
  revokeFeed,
  unclaimNeed,
  updateNeed,
} from '../../repositories/circles-needs.ts';
import { CircleParams, loadCircle, loadForChange, logRead, openCircle, tags } from './access.ts';
import {
  FeedParams,
  FeedView,
  LoadView,
  NeedCreate,
  NeedDeleteQuery,
  NeedDone,
  NeedListQuery,
  NeedParams,
  NeedUpdate,
  NeedView,
} from './schema.ts';

export const loadWeeks = 8;
const day = 24 * 3600_000;

export function presentNeed(n: NeedRow, access: CircleAccess, accountId: string) {
  const mine = n.claimed_by === accountId;
  const open = n.done_at === null;
  return {
    id: n.id,
    seriesId: n.series_id,
    kind: n.kind,
    title: n.title,
    start: n.starts_at.toISOString(),
    end: n.ends_at.toISOString(),
    place: n.place,
    notes: n.notes,
    visibility: n.visibility,
    claimedBy: n.claimed_by ? { id: n.claimed_by, name: n.claimed_by_name ?? '' } : null,
    doneAt: n.done_at ? n.done_at.toISOString() : null,
    thanks: n.thanks,
    credit:
      n.credit_minutes !== null && n.credit_status !== null
        ? { minutes: n.credit_minutes, reversed: n.credit_status === 'reversed' }
        : null,
    abilities: needAbilities(access, { open, claimed: n.claimed_by !== null, mine }),
  };
}

/** The need if the member may see it (its visibility), else 404. */
async function visibleNeed(
  ex: Parameters<typeof findNeed>[0],
  networkId: string,
  circleId: string,
  needId: string,
  access: CircleAccess,
) {
  const n = await findNeed(ex, networkId, circleId, needId);
  if (!n || !circlePolicy.seeItem(access, n.visibility)) throw notFound();
  return n;
}

const invalidTimes = () =>
  new Problem(422, 'validation', { fields: [{ field: '/end', code: 'circle.end_before_start' }] });

/** Care calendar: needs, claims, reminders and alerts, the spread of the load. */
export async function needRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Params: Static<typeof CircleParams>; Querystring: Static<typeof NeedListQuery> }>(
    '/:id/needs',
    {
      schema: {
        tags,
        summary: 'The care calendar (default: from today for four weeks), only needs I may see',
        params: CircleParams,
        querystring: NeedListQuery,
        response: { 200: Type.Object({ items: Type.Array(NeedView) }), ...problems },
      },
    },
    async (req) => {
      const from = req.query.from ? new Date(req.query.from) : new Date(Date.now() - day);
      const to = req.query.to ? new Date(req.query.to) : new Date(from.getTime() + 28 * day);
      if (to.getTime() - from.getTime() > 366 * day || to <= from)
        throw new Problem(400, 'validation', {
          fields: [{ field: 'querystring:/to', code: 'field.invalid' }],
        });
      const { l, rows } = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewNeeds);
        const rows = await listNeeds(tx, networkId, req.params.id, {
          from,
          to,
          ...(req.query.unclaimed ? { unclaimed: true } : {}),
        });
        return { l, rows };
      });
      return {
        items: rows
          .filter((n) => circlePolicy.seeItem(l.access, n.visibility))
          .map((n) => presentNeed(n, l.access, l.accountId)),
      };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof NeedCreate> }>(
    '/:id/needs',
    {
      schema: {
        tags,
        summary: 'Add a need (optionally weekly); answers with every need written',
        params: CircleParams,
        body: NeedCreate,
        response: { 201: Type.Object({ items: Type.Array(NeedView) }), ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const start = new Date(b.start);
      const end = new Date(b.end);
      if (end <= start || end.getTime() - start.getTime() > day) throw invalidTimes();
      const { l, rows } = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.manageNeeds,
        );
        const ids = await createNeeds(
          tx,
          { networkId, circleId: req.params.id, actorId: l.accountId, alertHours: l.circle.alert_hours },
          {
            kind: b.kind,
            title: b.title,
            start,
            end,
            place: b.place ?? '',
            notes: b.notes ?? '',
            visibility: b.visibility ?? 'all_members',
          },
          b.weekly,
        );
        const rows: NeedRow[] = [];
        for (const id of ids) {
          const n = await findNeed(tx, networkId, req.params.id, id);
          if (n) rows.push(n);
        }
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.need_created',
          entityType: 'circle',
          entityId: req.params.id,
          details: { count: ids.length },
          ip: clientIp(req),
        });
        return { l, rows };
      });
      return reply.code(201).send({ items: rows.map((n) => presentNeed(n, l.access, l.accountId)) });
    },
  );

  app.patch<{ Params: Static<typeof NeedParams>; Body: Static<typeof NeedUpdate> }>(
    '/:id/needs/:needId',
    {
      schema: {
        tags,
        summary: 'Change one need',
        params: NeedParams,
        body: NeedUpdate,
        response: { 200: NeedView, ...problems },
      },
    },
    async (req) => {
      const b = req.body;
      return executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.manageNeeds,
        );
        const n = await visibleNeed(tx, networkId, req.params.id, req.params.needId, l.access);
        const start = b.start ? new Date(b.start) : n.starts_at;
        const end = b.end ? new Date(b.end) : n.ends_at;
        if (end <= start || end.getTime() - start.getTime() > day) throw invalidTimes();
        const { start: _s, end: _e, ...rest } = b;
        await updateNeed(tx, networkId, req.params.id, n.id, {
          ...rest,
          ...(b.start ? { start } : {}),
          ...(b.end ? { end } : {}),
        });
        if (b.start && !n.claimed_by)
          await scheduleUnclaimedAlert(tx, networkId, { id: n.id, starts_at: start }, l.circle.alert_hours);
        const after = await findNeed(tx, networkId, req.params.id, n.id);
        if (!after) throw notFound();
        return presentNeed(after, l.access, l.accountId);
      });
    },
  );

  app.delete<{ Params: Static<typeof NeedParams>; Querystring: Static<typeof NeedDeleteQuery> }>(
    '/:id/needs/:needId',
    {
      schema: {
        tags,
        summary: 'Delete a need (with ?following=true also the later ones of its weekly series)',
        params: NeedParams,
        querystring: NeedDeleteQuery,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.manageNeeds,
        );
        const n = await visibleNeed(tx, networkId, req.params.id, req.params.needId, l.access);
        await deleteNeeds(tx, networkId, req.params.id, n, Boolean(req.query.following));
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof NeedParams> }>(
    '/:id/needs/:needId/claim',
    {
      schema: {
        tags,
        summary: 'Take on a need (409 when someone else was quicker)',
        params: NeedParams,
        response: { 200: NeedView, ...problems },
      },
    },
    async (req) => {
      return executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.claim,
        );
        await visibleNeed(tx, networkId, req.params.id, req.params.needId, l.access);
        await claimNeed(
          tx,
          { networkId, circleId: req.params.id, actorId: l.accountId, ip: clientIp(req) },
          req.params.needId,
        );
        const after = await findNeed(tx, networkId, req.params.id, req.params.needId);
        if (!after) throw notFound();
        return presentNeed(after, l.access, l.accountId);
      });
    },
  );

  app.post<{ Params: Static<typeof NeedParams> }>(
    '/:id/needs/:needId/unclaim',
    {
      schema: {
        tags,
        summary: 'Give a need back (my own claim; owners and coordinators any claim)',
        params: NeedParams,
        response: { 200: NeedView, ...problems },
      },
    },
    async (req) => {
      return executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.claim,
        );
        const n = await visibleNeed(tx, networkId, req.params.id, req.params.needId, l.access);
        if (n.claimed_by !== l.accountId && !organises(l.access)) throw new Problem(403, 'forbidden');
        if (
          !(await unclaimNeed(tx, networkId, req.params.id, n.id, organises(l.access) ? null : l.accountId))
        )
          throw new Problem(409, n.done_at ? 'circle.need_done' : 'circle.need_not_claimed');
        await scheduleUnclaimedAlert(tx, networkId, n, l.circle.alert_hours);
        const after = await findNeed(tx, networkId, req.params.id, n.id);
        if (!after) throw notFound();
        return presentNeed(after, l.access, l.accountId);
      });
    },
  );

  app.post<{ Params: Static<typeof NeedParams>; Body: Static<typeof NeedDone> }>(
    '/:id/needs/:needId/done',
    {
      schema: {
        tags,
        summary:
          'Mark a claimed need done, with an optional thank-you and (owners and coordinators) an optional time credit to the helper',
        params: NeedParams,
        body: NeedDone,
        response: { 200: NeedView, ...problems },
      },
      preValidation: optionalBody,
    },
    async (req) => {
      return executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewNeeds,
          circlePolicy.claim,
        );
        const n = await visibleNeed(tx, networkId, req.params.id, req.params.needId, l.access);
        if (n.claimed_by && n.claimed_by !== l.accountId && !organises(l.access))
          throw new Problem(403, 'forbidden');
        const credit = req.body?.credit;
        if (credit && !circlePolicy.giveCredit(l.access)) throw new Problem(403, 'forbidden');
        await completeNeed(
          tx,
          {
            networkId,
            circleId: req.params.id,
            actor: req.actor,
            actorId: l.accountId,
            ip: clientIp(req),
            personAccountId: l.circle.person_account_id,
            link: webPaths.circle(req.params.id),
          },
          n.id,
          req.body?.thanks ?? '',
          credit,
        );
        const after = await findNeed(tx, networkId, req.params.id, n.id);
        if (!after) throw notFound();
        return presentNeed(after, l.access, l.accountId);
      });
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/load',
    {
      schema: {
        tags,
        summary: `How the helping load is spread over the last ${loadWeeks} weeks; a warning when one person carries more than half`,
        params: CircleParams,
        response: { 200: LoadView, ...problems },
      },
    },
    async (req) => {
      const { rows, unclaimed } = await executeTx(db, async (tx) => {
        await loadCircle(app, req, tx, req.params.id, circlePolicy.viewLoad);
        return {
          rows: await loadPerHelper(tx, networkId, req.params.id, loadWeeks),
          unclaimed: await countUnclaimed(tx, networkId, req.params.id, 7),
        };
      });
      const total = rows.reduce((s, r) => s + Number(r.count), 0);
      const helpers = rows.map((r) => ({
        accountId: r.account_id ?? '',
        name: r.name,
        count: Number(r.count),
        share: total === 0 ? 0 : Number(r.count) / total,
      }));
      const top = helpers[0];
      return {
        weeks: loadWeeks,
        total,
        helpers,
        warning:
          top && top.share > 0.5 ? { accountId: top.accountId, name: top.name, share: top.share } : null,
        unclaimedNextWeek: unclaimed,
      };
    },
  );
}

/** A member's secret calendar URL for the circle's needs they may see. */
export async function feedRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.post<{ Params: Static<typeof CircleParams> }>(
    '/:id/feed',
    {
      schema: {
        tags,
        summary: 'A new secret iCalendar URL for this circle’s needs (the previous one stops working)',
        params: CircleParams,
        response: { 201: FeedView, ...problems },
      },
    },
    async (req, reply) => {
      const token = newSecret();
      await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.viewNeeds, circlePolicy.feed);
        await replaceFeed(tx, networkId, req.params.id, l.accountId, hashSecret(token));
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.feed_created',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
      });
      return reply.code(201).send({ url: feedUrl(app.deps.config.publicUrl, '/circles', token) });
    },
  );

  app.delete<{ Params: Static<typeof CircleParams> }>(
    '/:id/feed',
    {
      schema: {
        tags,
        summary: 'Revoke my calendar URL for this circle',
        params: CircleParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.view);
        await revokeFeed(tx, networkId, req.params.id, l.accountId);
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof FeedParams> }>(
    '/feeds/:file',
    {
      schema: {
        tags,
        summary:
          'iCalendar feed behind a secret URL: the needs of one circle its member may see, while they are a member and the circle is live',
        params: FeedParams,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const feed = await findFeed(db, networkId, hashSecret(feedToken(req.params.file)));
      if (!feed) throw notFound();
      const l = await openCircle(
        db,
        networkId,
        feed.circle_id,
        feed.account_id,
        (a) => circlePolicy.feed(a) && circlePolicy.viewNeeds(a),
      );
      const { circle, access } = l;
      // a professional's calendar app reading the feed is a professional reading the circle
      await logRead(db, l, { networkId, circleId: feed.circle_id, what: '/feeds', ip: clientIp(req) });
      const rows = await listNeeds(db, networkId, feed.circle_id, {
        from: new Date(Date.now() - 30 * day),
        to: new Date(Date.now() + 120 * day),
      });
      const cal = newCalendar(circle.person_label, 'Kreise', req.locale);
      for (const n of rows) {
        if (!circlePolicy.seeItem(access, n.visibility)) continue;
        cal.createEvent({
          id: eventUid(app.deps.config.publicUrl, 'circle-need', n.id),
          start: n.starts_at,
          end: n.ends_at,
          summary: n.title,
          description: n.notes || undefined,
          location: n.place || undefined,
          url: `${app.deps.config.publicUrl}${webPaths.circle(feed.circle_id)}`,
        });
      }
      return sendCalendar(reply, cal);
    },
  );
}
