import { randomUUID } from 'node:crypto';
import type { Federation, InboxContext } from '@fedify/fedify';
import {
  Accept,
  type Actor,
  type Object as APObject,
  Article,
  Create,
  Delete,
  Event,
  Follow,
  isActor,
  Note,
  Reject,
  Undo,
  Update,
} from '@fedify/fedify/vocab';
import type { Executor } from '../../db/tx.ts';
import type { FedData } from './federation.ts';
import { localActorById } from './local.ts';
import { isBlockedDomain, upsertRemoteActor } from './remote.ts';

type Ctx = InboxContext<FedData>;

/**
 * What we do with incoming activities (Fedify has checked the HTTP signature and that the signer is
 * the activity's actor before any of this runs). Everything from a blocked instance is dropped.
 *
 * - Follow of one of our actors: remembered and accepted at once (our content is public anyway).
 * - Undo of such a Follow: forgotten.
 * - Accept/Reject of a Follow we sent: the following is confirmed or dropped.
 * - Create/Update of an Event, Article or Note: kept only when one of our actors follows its sender
 *   and the object lives on the sender's own server (nobody can put words into another's mouth).
 * - Delete: the sender's object goes.
 */
export function onIncoming(federation: Federation<FedData>) {
  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .on(Follow, async (ctx, follow) => {
      if (!follow.id || !follow.actorId || !follow.objectId) return;
      if (await blocked(ctx, follow.actorId)) return;
      const target = ctx.parseUri(follow.objectId);
      if (target?.type !== 'actor') return;
      const local = await localActorById(ctx.data.db, ctx.data.networkId, target.identifier);
      if (!local) return;
      const follower = await follow.getActor(ctx);
      if (!follower || !isActor(follower) || !follower.id || !follower.inboxId) return;
      if (follower.id.href !== follow.actorId.href) return;
      await ctx.data.db
        .insertInto('ap_follower')
        .values({
          network_id: ctx.data.networkId,
          actor_id: local.id,
          follower_uri: follower.id.href,
          inbox: follower.inboxId.href,
          shared_inbox: follower.endpoints?.sharedInbox?.href ?? null,
          domain: follower.id.hostname.toLowerCase(),
        })
        .onConflict((oc) =>
          oc.columns(['network_id', 'actor_id', 'follower_uri']).doUpdateSet({
            inbox: follower.inboxId!.href,
            shared_inbox: follower.endpoints?.sharedInbox?.href ?? null,
          }),
        )
        .execute();
      await ctx.sendActivity(
        { identifier: local.id },
        follower,
        new Accept({
          id: new URL(`${ctx.getActorUri(local.id).href}#accepts/${randomUUID()}`),
          actor: ctx.getActorUri(local.id),
          object: follow,
        }),
      );
    })
    .on(Undo, async (ctx, undo) => {
      if (!undo.actorId || (await blocked(ctx, undo.actorId))) return;
      const object = await undo.getObject(ctx);
      if (!(object instanceof Follow) || !object.objectId) return;
      if (object.actorId?.href !== undo.actorId.href) return;
      const target = ctx.parseUri(object.objectId);
      if (target?.type !== 'actor') return;
      await ctx.data.db
        .deleteFrom('ap_follower')
        .where('network_id', '=', ctx.data.networkId)
        .where('actor_id', '=', target.identifier)
        .where('follower_uri', '=', undo.actorId.href)
        .execute();
    })
    .on(Accept, async (ctx, accept) => {
      if (!accept.actorId || (await blocked(ctx, accept.actorId))) return;
      await answerToFollow(ctx, accept.actorId, accept.objectId, 'accepted');
    })
    .on(Reject, async (ctx, reject) => {
      if (!reject.actorId || (await blocked(ctx, reject.actorId))) return;
      await answerToFollow(ctx, reject.actorId, reject.objectId, 'rejected');
    })
    .on(Create, async (ctx, create) => {
      await keepObject(ctx, create);
    })
    .on(Update, async (ctx, update) => {
      await keepObject(ctx, update);
    })
    .on(Delete, async (ctx, del) => {
      if (!del.actorId || !del.objectId || (await blocked(ctx, del.actorId))) return;
      const sender = await followedSender(ctx.data.db, ctx.data.networkId, del.actorId.href);
      if (!sender) return;
      for (const table of ['remote_event', 'remote_post'] as const)
        await ctx.data.db
          .deleteFrom(table)
          .where('network_id', '=', ctx.data.networkId)
          .where('remote_actor_id', '=', sender.id)
          .where('uri', '=', del.objectId.href)
          .execute();
    });
}

async function blocked(ctx: Ctx, actorId: URL): Promise<boolean> {
  return isBlockedDomain(ctx.data.db, ctx.data.networkId, actorId.hostname);
}

/** The remote actor if one of our actors follows it (asked or confirmed). */
async function followedSender(db: Executor, networkId: string, uri: string) {
  return db
    .selectFrom('remote_actor as r')
    .select(['r.id', 'r.uri'])
    .where('r.network_id', '=', networkId)
    .where('r.uri', '=', uri)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('ap_following as f')
          .select('f.actor_id')
          .whereRef('f.network_id', '=', 'r.network_id')
          .whereRef('f.remote_actor_id', '=', 'r.id'),
      ),
    )
    .executeTakeFirst();
}

async function answerToFollow(ctx: Ctx, actorId: URL, followId: URL | null, answer: 'accepted' | 'rejected') {
  if (!followId) return;
  const { db, networkId } = ctx.data;
  const remote = await db
    .selectFrom('remote_actor')
    .select('id')
    .where('network_id', '=', networkId)
    .where('uri', '=', actorId.href)
    .executeTakeFirst();
  if (!remote) return;
  const q = db
    .selectFrom('ap_following')
    .select('actor_id')
    .where('network_id', '=', networkId)
    .where('remote_actor_id', '=', remote.id)
    .where('follow_uri', '=', followId.href);
  if (!(await q.executeTakeFirst())) return;
  if (answer === 'accepted')
    await db
      .updateTable('ap_following')
      .set({ status: 'accepted' })
      .where('network_id', '=', networkId)
      .where('remote_actor_id', '=', remote.id)
      .where('follow_uri', '=', followId.href)
      .execute();
  else
    await db
      .deleteFrom('ap_following')
      .where('network_id', '=', networkId)
      .where('remote_actor_id', '=', remote.id)
      .where('follow_uri', '=', followId.href)
      .execute();
}

/** Text of a name or summary: no markup, bounded. */
export function plain(v: unknown, max: number): string {
  const s = v == null ? '' : String(v);
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

const sameOrigin = (a: URL, b: URL) => a.origin === b.origin;

async function keepObject(ctx: Ctx, activity: Create | Update) {
  if (!activity.actorId || (await blocked(ctx, activity.actorId))) return;
  const { db, networkId } = ctx.data;
  const sender = await followedSender(db, networkId, activity.actorId.href);
  if (!sender) return;
  const object: APObject | null = await activity.getObject(ctx);
  if (!object?.id || !sameOrigin(object.id, activity.actorId)) return;
  if (object.attributionId && object.attributionId.href !== activity.actorId.href) return;
  const url = object.url instanceof URL ? object.url.href : (object.url?.href?.href ?? null);
  const safeUrl = url && /^https?:\/\//.test(url) ? url.slice(0, 2000) : null;
  if (object instanceof Event) {
    if (!object.startTime) return;
    const startsAt = new Date(object.startTime.epochMilliseconds);
    const endsAt = object.endTime ? new Date(object.endTime.epochMilliseconds) : startsAt;
    if (endsAt < startsAt) return;
    const title = plain(object.name, 300);
    if (!title) return;
    const location = await object.getLocation(ctx).catch(() => null);
    const values = {
      title,
      summary: plain(object.summary ?? object.content, 5000),
      starts_at: startsAt,
      ends_at: endsAt,
      venue: plain(location && 'name' in location ? location.name : '', 300),
      url: safeUrl,
      updated_at: new Date(),
    };
    await db
      .insertInto('remote_event')
      .values({ network_id: networkId, remote_actor_id: sender.id, uri: object.id.href, ...values })
      .onConflict((oc) => oc.columns(['network_id', 'uri']).doUpdateSet(values))
      .execute();
    return;
  }
  if (object instanceof Article || object instanceof Note) {
    const title = plain(object.name, 300) || plain(object.summary ?? object.content, 120);
    if (!title) return;
    const published = object.published ? new Date(object.published.epochMilliseconds) : new Date();
    const values = {
      title,
      summary: plain(object.content ?? object.summary, 5000),
      published_at: published,
      url: safeUrl,
      updated_at: new Date(),
    };
    await db
      .insertInto('remote_post')
      .values({ network_id: networkId, remote_actor_id: sender.id, uri: object.id.href, ...values })
      .onConflict((oc) => oc.columns(['network_id', 'uri']).doUpdateSet(values))
      .execute();
  }
}

export type { Actor };
export { upsertRemoteActor };
