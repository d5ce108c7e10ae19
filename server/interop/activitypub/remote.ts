import { randomUUID } from 'node:crypto';
import { type Actor, getActorHandle, isActor } from '@fedify/fedify/vocab';
import { sql } from 'kysely';
import type { Executor } from '../../db/tx.ts';
import { executeTx } from '../../db/tx.ts';
import { Problem } from '../../http/problem.ts';
import { type FedData, federationFor, sendFollow, sendUnfollow } from './federation.ts';
import { plain } from './inbox.ts';
import { localActorById } from './local.ts';

/** The host of an instance as written in a block: lower case, without port. */
export function domainOf(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

export async function isBlockedDomain(db: Executor, networkId: string, hostname: string): Promise<boolean> {
  const host = domainOf(hostname);
  const row = await db
    .selectFrom('ap_blocked_domain')
    .select('domain')
    .where('network_id', '=', networkId)
    .where((eb) =>
      // a block of example.org covers its subdomains too
      eb.or([eb('domain', '=', host), sql<boolean>`${host} LIKE '%.' || domain`]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers (or refreshes) a remote actor; its id in remote_actor. */
export async function upsertRemoteActor(db: Executor, networkId: string, actor: Actor): Promise<string> {
  if (!actor.id || !actor.inboxId) throw new Problem(422, 'federation.not_an_actor');
  const handle = await getActorHandle(actor).catch(() => '');
  const url = actor.url instanceof URL ? actor.url.href : (actor.url?.href?.href ?? null);
  const values = {
    domain: domainOf(actor.id.hostname),
    handle: handle.slice(0, 400),
    name: plain(actor.name ?? actor.preferredUsername ?? '', 300),
    url: url && /^https?:\/\//.test(url) ? url.slice(0, 2000) : null,
    inbox: actor.inboxId.href,
    shared_inbox: actor.endpoints?.sharedInbox?.href ?? null,
    updated_at: new Date(),
  };
  const row = await db
    .insertInto('remote_actor')
    .values({ network_id: networkId, uri: actor.id.href, ...values })
    .onConflict((oc) => oc.columns(['network_id', 'uri']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * One of our actors follows a remote group or organisation, named by its handle (`@group@other.town`)
 * or its address: looked up (never on a private address unless a test allows it), remembered, and
 * asked with a Follow; it is confirmed when the other side's Accept arrives.
 */
export async function followRemote(
  data: FedData,
  localActorId: string,
  handleOrUrl: string,
  createdBy: string | null,
  /** written in the same transaction as the follow (the route's audit row) */
  within?: (tx: Executor, remoteActorId: string) => Promise<void>,
): Promise<{ remoteActorId: string }> {
  const fed = federationFor(data.db, data.networkId, data.config);
  const local = await localActorById(data.db, data.networkId, localActorId);
  if (!local) throw new Problem(404, 'not_found');
  const ctx = fed.createContext(new URL(data.config.publicUrl), data);
  const target = handleOrUrl.trim().replace(/^acct:/, '');
  let actor: unknown = null;
  try {
    actor = await ctx.lookupObject(target);
  } catch {
    actor = null;
  }
  if (!actor || !isActor(actor) || !actor.id || !actor.inboxId)
    throw new Problem(422, 'federation.not_found_remote');
  if (actor.id.origin === new URL(data.config.publicUrl).origin)
    throw new Problem(422, 'federation.is_local');
  if (await isBlockedDomain(data.db, data.networkId, actor.id.hostname))
    throw new Problem(422, 'federation.blocked');
  const remoteActor = actor;
  const followUri = `${ctx.getActorUri(localActorId).href}#follows/${randomUUID()}`;
  const remoteActorId = await executeTx(data.db, async (tx) => {
    const id = await upsertRemoteActor(tx, data.networkId, remoteActor);
    await tx
      .insertInto('ap_following')
      .values({
        network_id: data.networkId,
        actor_id: localActorId,
        remote_actor_id: id,
        follow_uri: followUri,
        created_by: createdBy,
      })
      .onConflict((oc) =>
        oc.columns(['network_id', 'actor_id', 'remote_actor_id']).doUpdateSet({ follow_uri: followUri }),
      )
      .execute();
    await within?.(tx, id);
    return id;
  });
  await sendFollow(
    fed,
    data,
    localActorId,
    {
      uri: remoteActor.id!.href,
      inbox: remoteActor.inboxId!.href,
      sharedInbox: remoteActor.endpoints?.sharedInbox?.href ?? null,
    },
    followUri,
  );
  return { remoteActorId };
}

/** Stops following: an Undo to the other side; what it sent goes unless another of ours follows it. */
export async function unfollowRemote(
  data: FedData,
  localActorId: string,
  remoteActorId: string,
  /** written in the same transaction as the unfollow (the route's audit row) */
  within?: (tx: Executor) => Promise<void>,
): Promise<void> {
  const { db, networkId } = data;
  const row = await db
    .selectFrom('ap_following as f')
    .innerJoin('remote_actor as r', (j) =>
      j.onRef('r.network_id', '=', 'f.network_id').onRef('r.id', '=', 'f.remote_actor_id'),
    )
    .select(['f.follow_uri', 'r.uri', 'r.inbox', 'r.shared_inbox'])
    .where('f.network_id', '=', networkId)
    .where('f.actor_id', '=', localActorId)
    .where('f.remote_actor_id', '=', remoteActorId)
    .executeTakeFirst();
  if (!row) throw new Problem(404, 'not_found');
  await executeTx(db, async (tx) => {
    await tx
      .deleteFrom('ap_following')
      .where('network_id', '=', networkId)
      .where('actor_id', '=', localActorId)
      .where('remote_actor_id', '=', remoteActorId)
      .execute();
    const others = await tx
      .selectFrom('ap_following')
      .select('actor_id')
      .where('network_id', '=', networkId)
      .where('remote_actor_id', '=', remoteActorId)
      .executeTakeFirst();
    if (!others)
      for (const table of ['remote_event', 'remote_post'] as const)
        await tx
          .deleteFrom(table)
          .where('network_id', '=', networkId)
          .where('remote_actor_id', '=', remoteActorId)
          .execute();
    await within?.(tx);
  });
  const fed = federationFor(db, networkId, data.config);
  await sendUnfollow(
    fed,
    data,
    localActorId,
    { uri: row.uri, inbox: row.inbox, sharedInbox: row.shared_inbox },
    row.follow_uri,
  );
}

/** The admin blocks an instance: its followers go, and what it sent is hidden (kept for the record). */
export async function blockDomain(db: Executor, networkId: string, domain: string, by: string | null) {
  const d = domainOf(domain.trim());
  if (!/^[a-z0-9.-]{1,300}$/.test(d) || (!d.includes('.') && d !== 'localhost'))
    throw new Problem(422, 'validation', { fields: [{ field: '/domain', code: 'field.invalid' }] });
  await executeTx(db, async (tx) => {
    await tx
      .insertInto('ap_blocked_domain')
      .values({ network_id: networkId, domain: d, blocked_by: by })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .deleteFrom('ap_follower')
      .where('network_id', '=', networkId)
      .where((eb) => eb.or([eb('domain', '=', d), eb('domain', 'like', `%.${d}`)]))
      .execute();
  });
  return d;
}

export async function unblockDomain(db: Executor, networkId: string, domain: string) {
  await db
    .deleteFrom('ap_blocked_domain')
    .where('network_id', '=', networkId)
    .where('domain', '=', domainOf(domain))
    .execute();
}
