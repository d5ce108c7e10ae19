import { sql } from 'kysely';
import type { Executor } from '../../db/tx.ts';
import { hiddenSql } from '../../platform/moderation.ts';

/**
 * What this network shows the fediverse, read straight from the tables with the one rule of this
 * file: **only public things**. An actor is an organisation, or a community that anyone may join
 * and is not archived; an event is one of theirs that is public and not cancelled; a news post is a
 * published, public post of an organisation; an opportunity (Mitmachen) is a published one, sent by
 * the organisation that leads it, with the times of its coming shifts (never who signed up); none
 * that a moderator hid. Nothing else is ever read here — no circles, maps, care
 * needs, time bank, rosters, members-only or signed-in-only things, and no person — so nothing else
 * can be sent or fetched (test/integration/activitypub/never-federate.test.ts walks it all).
 */

export interface LocalActor {
  kind: 'organisation' | 'community';
  id: string;
  slug: string;
  name: string;
  summary: string;
}

export async function localActorById(
  db: Executor,
  networkId: string,
  id: string,
): Promise<LocalActor | null> {
  if (!isUuid(id)) return null;
  const org = await db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name', 'description'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (org)
    return { kind: 'organisation', id: org.id, slug: org.slug, name: org.name, summary: org.description };
  const c = await openCommunities(db, networkId).where('id', '=', id).executeTakeFirst();
  return c ? { kind: 'community', id: c.id, slug: c.slug, name: c.name, summary: c.summary } : null;
}

/** The actor a WebFinger name (`<slug>@host`) stands for: an organisation's slug first, then a community's. */
export async function localActorBySlug(
  db: Executor,
  networkId: string,
  slug: string,
): Promise<string | null> {
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', networkId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (org) return org.id;
  const c = await openCommunities(db, networkId).where('slug', '=', slug).executeTakeFirst();
  return c?.id ?? null;
}

function openCommunities(db: Executor, networkId: string) {
  return db
    .selectFrom('community')
    .select(['id', 'slug', 'name', 'summary'])
    .where('network_id', '=', networkId)
    .where('joining', '=', 'open')
    .where('archived_at', 'is', null);
}

export interface PublicEvent {
  id: string;
  actorId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  onlineUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The event if it is public, not cancelled and hosted by an actor (an organisation or an open community). */
export async function publicEvent(db: Executor, networkId: string, id: string): Promise<PublicEvent | null> {
  if (!isUuid(id)) return null;
  const rows = await publicEvents(db, networkId).where('e.id', '=', id).execute();
  return rows[0] ?? null;
}

/** An actor's public events, newest first (its outbox). */
export async function publicEventsOf(db: Executor, networkId: string, actorId: string, limit = 50) {
  return publicEvents(db, networkId)
    .where((eb) => eb.or([eb('e.organisation_id', '=', actorId), eb('e.community_id', '=', actorId)]))
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}

function publicEvents(db: Executor, networkId: string) {
  return (
    db
      .selectFrom('place_event as e')
      .leftJoin('community as c', (j) =>
        j.onRef('c.network_id', '=', 'e.network_id').onRef('c.id', '=', 'e.community_id'),
      )
      .select((eb) => [
        'e.id',
        eb.fn.coalesce('e.organisation_id', 'e.community_id').$castTo<string>().as('actorId'),
        'e.title',
        'e.description',
        'e.starts_at as startsAt',
        'e.ends_at as endsAt',
        'e.venue',
        'e.online_url as onlineUrl',
        'e.created_at as createdAt',
        'e.updated_at as updatedAt',
      ])
      .where('e.network_id', '=', networkId)
      .where('e.visibility', '=', 'public')
      .where('e.status', '=', 'scheduled')
      // what a moderator hid is not shown here, so it is not sent elsewhere either
      .where(sql<boolean>`NOT ${hiddenSql('place_event', 'e')}`)
      .where((eb) =>
        eb.or([
          eb('e.organisation_id', 'is not', null),
          eb.and([eb('c.joining', '=', 'open'), eb('c.archived_at', 'is', null)]),
        ]),
      )
  );
}

export interface PublicPost {
  id: string;
  actorId: string;
  title: string;
  body: string;
  publishedAt: Date;
  updatedAt: Date;
}

/** The news post if it is published and public. */
export async function publicPost(db: Executor, networkId: string, id: string): Promise<PublicPost | null> {
  if (!isUuid(id)) return null;
  const rows = await publicPosts(db, networkId).where('p.id', '=', id).execute();
  return rows[0] ?? null;
}

export async function publicPostsOf(db: Executor, networkId: string, actorId: string, limit = 50) {
  return publicPosts(db, networkId)
    .where('p.organisation_id', '=', actorId)
    .orderBy('p.published_at', 'desc')
    .limit(limit)
    .execute();
}

function publicPosts(db: Executor, networkId: string) {
  return db
    .selectFrom('news_post as p')
    .select([
      'p.id',
      'p.organisation_id as actorId',
      'p.title',
      'p.body',
      'p.published_at as publishedAt',
      'p.updated_at as updatedAt',
    ])
    .$narrowType<{ publishedAt: Date }>()
    .where('p.network_id', '=', networkId)
    .where('p.status', '=', 'published')
    .where('p.visibility', '=', 'public')
    .where('p.published_at', 'is not', null)
    .where(sql<boolean>`NOT ${hiddenSql('news_post', 'p')}`);
}

export interface PublicOpportunity {
  id: string;
  /** the lead organisation: a joint opportunity is sent once, by the organisation that leads it */
  actorId: string;
  title: string;
  description: string;
  place: string;
  createdAt: Date;
  updatedAt: Date;
  /** the coming shifts' times (no shift id, no capacity, nobody who signed up), soonest first */
  nextDates: { startsAt: Date; endsAt: Date }[];
}

/**
 * The opportunity if it is published (Mitmachen has no members-only opportunities: a published one
 * is public to anonymous visitors; drafts and closed ones are not sent).
 */
export async function publicOpportunity(
  db: Executor,
  networkId: string,
  id: string,
): Promise<PublicOpportunity | null> {
  if (!isUuid(id)) return null;
  const [row] = await publicOpportunities(db, networkId).where('op.id', '=', id).execute();
  return row ? withDates(db, networkId, row) : null;
}

export async function publicOpportunitiesOf(db: Executor, networkId: string, actorId: string, limit = 50) {
  const rows = await publicOpportunities(db, networkId)
    .where('oo.organisation_id', '=', actorId)
    .orderBy('op.created_at', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(rows.map((r) => withDates(db, networkId, r)));
}

function publicOpportunities(db: Executor, networkId: string) {
  return db
    .selectFrom('opportunity as op')
    .innerJoin('opportunity_organisation as oo', (j) =>
      j
        .onRef('oo.network_id', '=', 'op.network_id')
        .onRef('oo.opportunity_id', '=', 'op.id')
        .on('oo.is_lead', '=', true),
    )
    .select([
      'op.id',
      'oo.organisation_id as actorId',
      'op.title',
      'op.description',
      'op.place',
      'op.created_at as createdAt',
      'op.updated_at as updatedAt',
    ])
    .where('op.network_id', '=', networkId)
    .where('op.status', '=', 'published');
}

async function withDates(
  db: Executor,
  networkId: string,
  row: Omit<PublicOpportunity, 'nextDates'>,
): Promise<PublicOpportunity> {
  const shifts = await db
    .selectFrom('shift')
    .select(['starts_at as startsAt', 'ends_at as endsAt'])
    .where('network_id', '=', networkId)
    .where('opportunity_id', '=', row.id)
    .where('ends_at', '>', new Date())
    .orderBy('starts_at')
    .limit(5)
    .execute();
  return { ...row, nextDates: shifts };
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
