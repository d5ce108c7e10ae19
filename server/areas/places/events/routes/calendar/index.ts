import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../../../../auth/tokens.ts';
import type { Config } from '../../../../../config.ts';
import { type Executor, executeTx } from '../../../../../db/tx.ts';
import { entriesCalendar, feedToken, feedUrl, sendCalendar } from '../../../../../http/calendar.ts';
import { clientIp, requireAccount } from '../../../../../http/context.ts';
import { notFound, Problem } from '../../../../../http/problem.ts';
import { NoContent, problems } from '../../../../../http/schemas.ts';
import { type Locale, t } from '../../../../../i18n/messages.ts';
import { audit } from '../../../../../platform/audit.ts';
import { byStart, type CalendarEntry, calendarSources, passes } from '../../../../../platform/calendar.ts';
import { localDate, zonedTime } from '../../../../../platform/localTime.ts';
import { type Actor, anonymous } from '../../../../../policies/actor.ts';
import { communitiesWithEvents } from '../../repositories/events.ts';
import { activeFeedOf, feedOwner, replaceFeed, revokeFeed } from '../../repositories/registrations.ts';
import {
  CalendarPage,
  CalendarQuery,
  CommunityOptions,
  FeedParams,
  FeedQuery,
  FeedState,
  FeedView,
} from './schema.ts';

/** Entries one area may give for one answer; more, and the answer says it is capped. */
const perSource = 500;
/** The longest range one answer covers, in days. */
export const maxRangeDays = 92;
const day = 86_400_000;

type Filters = Static<typeof FeedQuery>;

/** Local midnight at the start of a YYYY-MM-DD day, `plus` days later. */
function midnight(date: string, plus = 0): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return zonedTime(y, m, d + plus, 0);
}

/** The day after `date` + n, as YYYY-MM-DD. */
function addDays(date: string, n: number): string {
  return localDate(midnight(date, n));
}

/**
 * Every area's entries the reader may see in [from, to) that pass the filters, earliest first: each
 * area's source decides what the reader may see (platform/calendar.ts), and every entry is checked
 * against the filters once more here.
 */
async function gather(
  db: Executor,
  config: Config,
  actor: Actor,
  q: Filters & { networkId: string; from: Date; to: Date; locale: Locale; ours?: boolean },
) {
  const query = {
    networkId: q.networkId,
    from: q.from,
    to: q.to,
    ...(q.district ? { districtId: q.district } : {}),
    ...(q.community ? { communityId: q.community } : {}),
    ...(q.accessible ? { accessible: true } : {}),
    ...(q.free ? { free: true } : {}),
    ...(q.online ? { online: true } : {}),
    limit: perSource,
    locale: q.locale,
  };
  const out: CalendarEntry[] = [];
  let capped = false;
  for (const { area, source } of calendarSources(config)) {
    if (q.area && area !== q.area) continue;
    const entries = await source.entries(db, actor, query);
    if (entries.length >= perSource) capped = true;
    out.push(...entries.filter((e) => passes(e, query) && !(q.ours && e.remote)));
  }
  return { entries: out.sort(byStart), capped };
}

function present(e: CalendarEntry) {
  return {
    key: e.key,
    area: e.area,
    kind: e.kind,
    id: e.id,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    allDay: e.allDay,
    host: e.host,
    district: e.districtId ? { id: e.districtId, name: e.districtName ?? '' } : null,
    place: e.place,
    online: e.online,
    accessible: e.accessible,
    free: e.free,
    price: e.price,
    cancelled: e.cancelled,
    capacity: e.capacity,
    freePlaces: e.freePlaces,
    registration: e.registration,
    // a remote entry links to its original, never to a page of ours
    link: e.remote ? e.remote.url : (e.link ?? ''),
    remote: e.remote ?? null,
  };
}

/**
 * The one calendar across all areas (GET …/calendar: a page of entries for a range of local days with
 * its filters), the same as an iCalendar feed per filter (…/calendar.ics: what anyone may see, never
 * more, since the address is shared), and each person's own feed of what they registered for behind
 * a secret URL (…/feed to make or revoke it; only its hash is kept), served by …/feeds/<secret>.ics.
 */
export async function calendarRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const { publicUrl } = app.deps.config;
  const tags = ['events'];

  /** The feed of entries (http/calendar.ts). */
  const calendarOf = (name: string, entries: CalendarEntry[], locale: Locale) =>
    entriesCalendar(publicUrl, { name, product: 'Räume & Brücken', locale }, entries);

  app.get<{ Querystring: Static<typeof CalendarQuery> }>(
    '/calendar',
    {
      schema: {
        tags,
        summary:
          'The calendar across all areas: events, shifts and meetings the reader may see, by local days, with filters',
        querystring: CalendarQuery,
        response: { 200: CalendarPage, ...problems },
      },
    },
    async (req) => {
      const fromDay = req.query.from ?? localDate(new Date());
      const toDay = req.query.to ?? addDays(fromDay, 30);
      const from = midnight(fromDay);
      const to = midnight(toDay, 1);
      if (to <= from)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/to', code: 'place_event.ends_before_start' }],
        });
      if (to.getTime() - from.getTime() > (maxRangeDays + 1) * day)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/to', code: 'place_event.range_too_long' }],
        });
      const limit = req.query.limit ?? 20;
      const offset = req.query.offset ?? 0;
      const { entries, capped } = await gather(db, app.deps.config, req.actor, {
        ...req.query,
        networkId,
        from,
        to,
        locale: req.locale,
      });
      return {
        items: entries.slice(offset, offset + limit).map(present),
        total: entries.length,
        limit,
        offset,
        from: fromDay,
        to: toDay,
        capped,
      };
    },
  );

  app.get<{ Querystring: Static<typeof FeedQuery> }>(
    '/calendar.ics',
    {
      schema: {
        tags,
        summary:
          'The calendar as an iCalendar feed for the same filters: what anyone may see (the address is shared), from a week ago to three months ahead',
        querystring: FeedQuery,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const now = Date.now();
      // Our events only: the feed is copied into people's calendar apps, where a remote event would
      // look like one of the town's, lose its "from elsewhere" mark and its report button, and stay
      // after a moderator hid it until the app refreshes. The calendar page shows them, marked.
      const { entries } = await gather(db, app.deps.config, anonymous, {
        ...req.query,
        ours: true,
        networkId,
        from: new Date(now - 7 * day),
        to: new Date(now + maxRangeDays * day),
        locale: req.locale,
      });
      return sendCalendar(
        reply,
        calendarOf(
          t(req.locale, 'place_event.feed_name', { network: app.deps.network.name }),
          entries,
          req.locale,
        ),
      );
    },
  );

  app.get(
    '/communities',
    {
      schema: {
        tags,
        summary: 'Communities with events the reader may see from today on (the calendar’s community filter)',
        response: { 200: CommunityOptions, ...problems },
      },
    },
    async (req) => ({
      items: await communitiesWithEvents(db, networkId, req.actor, midnight(localDate(new Date()))),
    }),
  );

  app.get(
    '/feed',
    {
      schema: {
        tags,
        summary: 'Whether I have a secret calendar URL of what I registered for',
        response: { 200: FeedState, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const feed = await activeFeedOf(db, networkId, accountId);
      return { active: !!feed, createdAt: feed?.created_at.toISOString() ?? null };
    },
  );

  app.post(
    '/feed',
    {
      schema: {
        tags,
        summary:
          'A new secret calendar URL of what I registered for, in every area (the previous one stops working)',
        response: { 201: FeedView, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      const token = newSecret();
      await executeTx(db, async (tx) => {
        await replaceFeed(tx, networkId, accountId, hashSecret(token));
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'place_event.feed_created',
          entityType: 'account',
          entityId: accountId,
          ip: clientIp(req),
        });
      });
      return reply.code(201).send({ url: feedUrl(publicUrl, '/places/events', token) });
    },
  );

  app.delete(
    '/feed',
    {
      schema: {
        tags,
        summary: 'Revoke my calendar URL',
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      await executeTx(db, async (tx) => {
        await revokeFeed(tx, networkId, accountId);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'place_event.feed_revoked',
          entityType: 'account',
          entityId: accountId,
          ip: clientIp(req),
        });
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
          'My calendar behind a secret URL (no sign-in: calendar apps cannot sign in): what I registered or signed up for in every area',
        params: FeedParams,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const owner = await feedOwner(db, networkId, hashSecret(feedToken(req.params.file)));
      if (!owner) throw notFound();
      const now = Date.now();
      const q = {
        networkId,
        accountId: owner.account_id,
        from: new Date(now - 30 * day),
        to: new Date(now + 365 * day),
        limit: perSource,
        locale: owner.locale,
      };
      const entries: CalendarEntry[] = [];
      for (const { source } of calendarSources(app.deps.config))
        if (source.mine) entries.push(...(await source.mine(db, q)));
      return sendCalendar(
        reply,
        calendarOf(
          t(owner.locale, 'place_event.my_feed_name', { network: app.deps.network.name }),
          entries.sort(byStart),
          owner.locale,
        ),
      );
    },
  );
}
