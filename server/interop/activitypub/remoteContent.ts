import { sql } from 'kysely';
import type { Executor } from '../../db/tx.ts';
import type { RemoteOrigin } from '../../platform/calendar.ts';
import { hiddenSql } from '../../platform/moderation.ts';

/**
 * What arrived from elsewhere, as the town's pages may show it: never what a moderator hid (the same
 * flags and hidden_content as local things, entity types 'remote_event' and 'remote_post'), never
 * anything of a blocked instance. Each item says where it is from and links there.
 */
const notBlocked = sql<boolean>`NOT EXISTS (SELECT 1 FROM ap_blocked_domain b
  WHERE b.network_id = ra.network_id AND (ra.domain = b.domain OR ra.domain LIKE '%.' || b.domain))`;

export async function remoteEventsBetween(
  db: Executor,
  networkId: string,
  from: Date,
  to: Date,
  limit = 200,
) {
  return db
    .selectFrom('remote_event as re')
    .innerJoin('remote_actor as ra', (j) =>
      j.onRef('ra.network_id', '=', 're.network_id').onRef('ra.id', '=', 're.remote_actor_id'),
    )
    .select([
      're.id',
      're.title',
      're.summary',
      're.starts_at',
      're.ends_at',
      're.venue',
      're.url',
      're.uri',
      'ra.name as origin_name',
      'ra.handle as origin_handle',
      'ra.domain as origin_domain',
    ])
    .where('re.network_id', '=', networkId)
    .where('re.ends_at', '>', from)
    .where('re.starts_at', '<', to)
    .where(sql<boolean>`NOT ${hiddenSql('remote_event', 're')}`)
    .where(notBlocked)
    .orderBy('re.starts_at')
    .limit(limit)
    .execute();
}

export async function latestRemotePosts(db: Executor, networkId: string, limit = 20) {
  return db
    .selectFrom('remote_post as rp')
    .innerJoin('remote_actor as ra', (j) =>
      j.onRef('ra.network_id', '=', 'rp.network_id').onRef('ra.id', '=', 'rp.remote_actor_id'),
    )
    .select([
      'rp.id',
      'rp.title',
      'rp.summary',
      'rp.published_at',
      'rp.url',
      'rp.uri',
      'ra.name as origin_name',
      'ra.handle as origin_handle',
      'ra.domain as origin_domain',
    ])
    .where('rp.network_id', '=', networkId)
    .where(sql<boolean>`NOT ${hiddenSql('remote_post', 'rp')}`)
    .where(notBlocked)
    .orderBy('rp.published_at', 'desc')
    .limit(limit)
    .execute();
}

const httpUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * Where a remote thing is from and where its original is (its url, else its ActivityPub id, which is
 * an address too); null when neither is an http(s) address — such a thing is not shown, as there is
 * nowhere to send the reader.
 */
export function remoteOrigin(r: {
  url: string | null;
  uri: string;
  origin_name: string;
  origin_handle: string;
  origin_domain: string;
}): RemoteOrigin | null {
  const url = httpUrl(r.url) ?? httpUrl(r.uri);
  if (!url) return null;
  return {
    originName: r.origin_name || r.origin_handle || r.origin_domain,
    originHandle: r.origin_handle,
    domain: r.origin_domain,
    url,
  };
}
