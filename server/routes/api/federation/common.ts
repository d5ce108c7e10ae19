import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { Problem } from '../../../http/problem.ts';
import type { FedData } from '../../../interop/activitypub/federation.ts';
import { followRemote, unfollowRemote } from '../../../interop/activitypub/remote.ts';
import { audit } from '../../../platform/audit.ts';

/**
 * What the instance admin's and an organisation's federation routes share: reading follows and
 * followers (all of them, or one actor's), checking what was typed as the one to follow, and
 * following or unfollowing with the audit row in the same transaction.
 */

/** Our follows of remote actors, newest first; only `actorId`'s when given. */
export function followsOf(db: Kysely<DB>, networkId: string, actorId?: string) {
  let q = db
    .selectFrom('ap_following as f')
    .innerJoin('remote_actor as r', (j) =>
      j.onRef('r.network_id', '=', 'f.network_id').onRef('r.id', '=', 'f.remote_actor_id'),
    )
    .select([
      'f.actor_id',
      'f.status',
      'f.created_at',
      'r.id',
      'r.handle',
      'r.name',
      'r.uri',
      'r.url',
      'r.domain',
    ])
    .where('f.network_id', '=', networkId);
  if (actorId) q = q.where('f.actor_id', '=', actorId);
  return q.orderBy('f.created_at', 'desc').limit(500).execute();
}

/** Who follows our actors from elsewhere, newest first; only `actorId`'s followers when given. */
export function followersOf(db: Kysely<DB>, networkId: string, actorId?: string) {
  let q = db
    .selectFrom('ap_follower')
    .select(['actor_id', 'follower_uri', 'domain', 'created_at'])
    .where('network_id', '=', networkId);
  if (actorId) q = q.where('actor_id', '=', actorId);
  return q.orderBy('created_at', 'desc').limit(500).execute();
}

export const remoteOf = (f: Awaited<ReturnType<typeof followsOf>>[number]) => ({
  id: f.id,
  handle: f.handle,
  name: f.name,
  uri: f.uri,
  url: f.url,
  domain: f.domain,
});

/** `@name@host` (the `@` in front optional) or an http(s) address; anything else is a 422 on `/remote`. */
export function remoteInput(input: string): string {
  const remote = input.trim();
  if (!/^@?[^@\s/]+@[^@\s/]+$/.test(remote) && !/^https?:\/\/[^\s]+$/.test(remote))
    throw new Problem(422, 'validation', {
      fields: [{ field: '/remote', code: 'federation.remote_invalid' }],
    });
  return remote;
}

/** Who acts, from where: the audit row's actor and address. */
interface Acting {
  actorId: string;
  ip: string | null;
}

/** One of our actors follows `remote`; the audit row is written in the follow's transaction. */
export function followAudited(data: FedData, localActorId: string, remote: string, by: Acting) {
  return followRemote(data, localActorId, remote, by.actorId, (tx, remoteActorId) =>
    audit(tx, {
      networkId: data.networkId,
      actorId: by.actorId,
      action: 'federation.followed',
      entityType: 'remote_actor',
      entityId: remoteActorId,
      details: { localActor: localActorId, remote },
      ip: by.ip,
    }),
  );
}

/** One of our actors stops following; the audit row is written in the unfollow's transaction. */
export function unfollowAudited(data: FedData, localActorId: string, remoteActorId: string, by: Acting) {
  return unfollowRemote(data, localActorId, remoteActorId, (tx) =>
    audit(tx, {
      networkId: data.networkId,
      actorId: by.actorId,
      action: 'federation.unfollowed',
      entityType: 'remote_actor',
      entityId: remoteActorId,
      details: { localActor: localActorId },
      ip: by.ip,
    }),
  );
}
