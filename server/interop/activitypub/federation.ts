import {
  createFederation,
  exportJwk,
  type Federation,
  generateCryptoKeyPair,
  importJwk,
  type RequestContext,
} from '@fedify/fedify';
import {
  Accept,
  Article,
  Create,
  Delete,
  Endpoints,
  Event,
  Follow,
  Group,
  Note,
  Organization,
  Place,
  PUBLIC_COLLECTION,
  Tombstone,
  Undo,
  Update,
} from '@fedify/fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { formatSlot } from '../../platform/localTime.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { onIncoming } from './inbox.ts';
import { DbKvStore } from './kv.ts';
import {
  isUuid,
  type LocalActor,
  localActorById,
  localActorBySlug,
  type PublicEvent,
  type PublicOpportunity,
  type PublicPost,
  publicEvent,
  publicEventsOf,
  publicOpportunitiesOf,
  publicOpportunity,
  publicPost,
  publicPostsOf,
} from './local.ts';
import { DbMessageQueue } from './queue.ts';

/** What every Fedify callback gets: this server's database and network. */
export interface FedData {
  db: Kysely<DB>;
  networkId: string;
  config: Config;
}

export type Fed = Federation<FedData>;

/** The paths Fedify answers (the HTTP adapter hands it these and nothing else). */
export const federationPaths = {
  actor: '/ap/actors/{identifier}',
  inbox: '/ap/actors/{identifier}/inbox',
  sharedInbox: '/ap/inbox',
  outbox: '/ap/actors/{identifier}/outbox',
  followers: '/ap/actors/{identifier}/followers',
  event: '/ap/events/{id}',
  news: '/ap/news/{id}',
  opportunity: '/ap/opportunities/{id}',
  nodeinfo: '/nodeinfo/2.1',
} as const;

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

const federations = new WeakMap<Kysely<DB>, Fed>();

/** The one Fedify instance of this database (the app's routes and the job worker share it). */
export function federationFor(db: Kysely<DB>, networkId: string, config: Config): Fed {
  let fed = federations.get(db);
  if (!fed) {
    fed = buildFederation(db, networkId, config);
    federations.set(db, fed);
  }
  return fed;
}

function buildFederation(db: Kysely<DB>, networkId: string, config: Config): Fed {
  const queue = new DbMessageQueue(db, networkId);
  const federation = createFederation<FedData>({
    kv: new DbKvStore(db, networkId),
    // deliveries go through the platform's job queue; incoming activities are handled in the request
    queue: { outbox: queue, fanout: queue },
    manuallyStartQueue: true,
    origin: config.publicUrl,
    // SSRF: Fedify refuses loopback, private and link-local addresses unless a test allows them
    allowPrivateAddress: config.federation.allowPrivateAddress,
    skipSignatureVerification: false,
    userAgent: { software: 'Knotenpunkt', url: new URL(config.publicUrl) },
  });

  federation
    .setActorDispatcher(federationPaths.actor, async (ctx, identifier) => {
      const actor = await localActorById(ctx.data.db, ctx.data.networkId, identifier);
      if (!actor) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return actorObject(ctx, actor, keys);
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const actor = await localActorById(ctx.data.db, ctx.data.networkId, identifier);
      if (!actor) return [];
      return [await keyPairOf(ctx.data.db, ctx.data.networkId, identifier)];
    })
    .mapHandle(async (ctx, username) => localActorBySlug(ctx.data.db, ctx.data.networkId, username));

  federation
    .setFollowersDispatcher(federationPaths.followers, async (ctx, identifier) => {
      if (!(await localActorById(ctx.data.db, ctx.data.networkId, identifier))) return null;
      const rows = await ctx.data.db
        .selectFrom('ap_follower')
        .select(['follower_uri', 'inbox', 'shared_inbox'])
        .where('network_id', '=', ctx.data.networkId)
        .where('actor_id', '=', identifier)
        .orderBy('created_at')
        .execute();
      return {
        items: rows.map((r) => ({
          id: new URL(r.follower_uri),
          inboxId: new URL(r.inbox),
          endpoints: { sharedInbox: r.shared_inbox ? new URL(r.shared_inbox) : null },
        })),
      };
    })
    .setCounter(async (ctx, identifier) => {
      const row = await ctx.data.db
        .selectFrom('ap_follower')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('network_id', '=', ctx.data.networkId)
        .where('actor_id', '=', identifier)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    });

  federation.setOutboxDispatcher(federationPaths.outbox, async (ctx, identifier) => {
    const { db: d, networkId: n } = ctx.data;
    if (!(await localActorById(d, n, identifier))) return null;
    const events = await publicEventsOf(d, n, identifier);
    const posts = await publicPostsOf(d, n, identifier);
    const opportunities = await publicOpportunitiesOf(d, n, identifier);
    const items = [
      ...events.map((e) => createOf(ctx, eventObject(ctx, e), identifier, e.createdAt)),
      ...posts.map((p) => createOf(ctx, postObject(ctx, p), identifier, p.publishedAt)),
      ...opportunities.map((o) => createOf(ctx, opportunityObject(ctx, o), identifier, o.createdAt)),
    ];
    return { items };
  });

  federation.setObjectDispatcher(Event, federationPaths.event, async (ctx, values) => {
    const e = await publicEvent(ctx.data.db, ctx.data.networkId, values.id);
    return e ? eventObject(ctx, e) : null;
  });
  federation.setObjectDispatcher(Article, federationPaths.news, async (ctx, values) => {
    const p = await publicPost(ctx.data.db, ctx.data.networkId, values.id);
    return p ? postObject(ctx, p) : null;
  });
  federation.setObjectDispatcher(Note, federationPaths.opportunity, async (ctx, values) => {
    const o = await publicOpportunity(ctx.data.db, ctx.data.networkId, values.id);
    return o ? opportunityObject(ctx, o) : null;
  });

  federation.setNodeInfoDispatcher(federationPaths.nodeinfo, async (ctx) => {
    const posts = await ctx.data.db
      .selectFrom('news_post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('network_id', '=', ctx.data.networkId)
      .where('status', '=', 'published')
      .where('visibility', '=', 'public')
      .executeTakeFirst();
    return {
      software: { name: 'knotenpunkt', version: '1.0.0' },
      protocols: ['activitypub'],
      openRegistrations: false,
      // people are not actors here: only organisations and communities federate
      usage: { users: {}, localPosts: Number(posts?.n ?? 0), localComments: 0 },
    };
  });

  onIncoming(federation);
  return federation;
}

/** An actor's signing key pair: made the first time it is needed, kept in ap_key_pair. */
async function keyPairOf(db: Kysely<DB>, networkId: string, actorId: string): Promise<CryptoKeyPair> {
  const find = () =>
    db
      .selectFrom('ap_key_pair')
      .select(['public_jwk', 'private_jwk'])
      .where('network_id', '=', networkId)
      .where('actor_id', '=', actorId)
      .executeTakeFirst();
  let row = await find();
  if (!row) {
    const pair = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    await db
      .insertInto('ap_key_pair')
      .values({
        network_id: networkId,
        actor_id: actorId,
        public_jwk: JSON.stringify(await exportJwk(pair.publicKey)),
        private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
      })
      // two servers making the first pair at once: the first one written wins for both
      .onConflict((oc) => oc.doNothing())
      .execute();
    row = await find();
  }
  if (!row) throw new Error('no key pair');
  return {
    publicKey: await importJwk(row.public_jwk as JsonWebKey, 'public'),
    privateKey: await importJwk(row.private_jwk as JsonWebKey, 'private'),
  };
}

type Ctx = RequestContext<FedData> | import('@fedify/fedify').Context<FedData>;

function actorObject(
  ctx: Ctx,
  actor: LocalActor,
  keys: Awaited<ReturnType<Ctx['getActorKeyPairs']>>,
): Group | Organization {
  const values = {
    id: ctx.getActorUri(actor.id),
    preferredUsername: actor.slug,
    name: actor.name,
    summary: actor.summary || null,
    url: new URL(
      actor.kind === 'organisation' ? webPaths.organisation(actor.slug) : webPaths.community(actor.slug),
      ctx.origin,
    ),
    inbox: ctx.getInboxUri(actor.id),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    outbox: ctx.getOutboxUri(actor.id),
    followers: ctx.getFollowersUri(actor.id),
    manuallyApprovesFollowers: false,
    discoverable: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  };
  return actor.kind === 'organisation' ? new Organization(values) : new Group(values);
}

export function eventObject(ctx: Ctx, e: PublicEvent): Event {
  return new Event({
    id: ctx.getObjectUri(Event, { id: e.id }),
    attribution: ctx.getActorUri(e.actorId),
    name: e.title,
    content: renderMarkdown(e.description),
    mediaType: 'text/html',
    startTime: instant(e.startsAt),
    endTime: instant(e.endsAt),
    location: e.venue ? new Place({ name: e.venue }) : null,
    url: new URL(webPaths.placesEvent(e.id), ctx.origin),
    published: instant(e.createdAt),
    updated: instant(e.updatedAt),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(e.actorId),
  });
}

export function postObject(ctx: Ctx, p: PublicPost): Article {
  return new Article({
    id: ctx.getObjectUri(Article, { id: p.id }),
    attribution: ctx.getActorUri(p.actorId),
    name: p.title,
    content: renderMarkdown(p.body),
    mediaType: 'text/html',
    url: new URL(webPaths.newsPost(p.id), ctx.origin),
    published: instant(p.publishedAt),
    updated: instant(p.updatedAt),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(p.actorId),
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

/**
 * An opportunity (Mitmachen) as a `Note`, the type Mastodon shows in full (an Article it shortens
 * to its title and a link). Mastodon ignores a Note's `name` and reads `summary` as a content
 * warning, so the title leads the content too; `name` is kept for Knotenpunkt and Mobilizon. The
 * content is written in German, the town's language: the title, the description, where, the next
 * dates and the link to our page.
 */
export function opportunityObject(ctx: Ctx, o: PublicOpportunity): Note {
  const url = new URL(webPaths.opportunity(o.id), ctx.origin);
  const dates = o.nextDates.map((d) => `<li>${escapeHtml(formatSlot(d.startsAt, d.endsAt, 'de'))}</li>`);
  const content = [
    `<p><strong>${escapeHtml(o.title)}</strong></p>`,
    renderMarkdown(o.description),
    o.place ? `<p>Ort: ${escapeHtml(o.place)}</p>` : '',
    dates.length > 0 ? `<p>Nächste Termine:</p><ul>${dates.join('')}</ul>` : '',
    `<p>Mitmachen: <a href="${escapeHtml(url.href)}">${escapeHtml(url.href)}</a></p>`,
  ].join('');
  return new Note({
    id: ctx.getObjectUri(Note, { id: o.id }),
    attribution: ctx.getActorUri(o.actorId),
    name: o.title,
    content,
    mediaType: 'text/html',
    url,
    published: instant(o.createdAt),
    updated: instant(o.updatedAt),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(o.actorId),
  });
}

function createOf(ctx: Ctx, object: Event | Article | Note, actorId: string, at: Date): Create {
  return new Create({
    id: new URL(`${object.id?.href}#create`),
    actor: ctx.getActorUri(actorId),
    object,
    published: instant(at),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(actorId),
  });
}

/** The kinds of local objects that federate, and how each is read. */
export const objectKinds = {
  event: { read: publicEvent, build: eventObject, cls: Event },
  news: { read: publicPost, build: postObject, cls: Article },
  opportunity: { read: publicOpportunity, build: opportunityObject, cls: Note },
} as const;
export type ObjectKind = keyof typeof objectKinds;

export function isObjectKind(kind: unknown): kind is ObjectKind {
  return typeof kind === 'string' && Object.hasOwn(objectKinds, kind);
}

/** The object one kind's row is sent as (each kind's builder with its own row type). */
function objectOf(ctx: Ctx, kind: ObjectKind, row: PublicEvent | PublicPost | PublicOpportunity) {
  if (kind === 'event') return eventObject(ctx, row as PublicEvent);
  if (kind === 'news') return postObject(ctx, row as PublicPost);
  return opportunityObject(ctx, row as PublicOpportunity);
}

/**
 * Sends the current state of one local object to its actor's followers: a Create the first time,
 * an Update after, a Delete once it is no longer public (made members-only, cancelled, unpublished,
 * removed). What was sent is remembered in ap_published, so nothing is deleted that was never sent.
 */
export async function publishObject(fed: Fed, data: FedData, kind: ObjectKind, id: string): Promise<void> {
  if (!isUuid(id)) return;
  const ctx = fed.createContext(new URL(data.config.publicUrl), data);
  const { db, networkId } = data;
  const sent = await db
    .selectFrom('ap_published')
    .select('actor_id')
    .where('network_id', '=', networkId)
    .where('object_kind', '=', kind)
    .where('object_id', '=', id)
    .executeTakeFirst();
  const spec = objectKinds[kind];
  const row = await spec.read(db, networkId, id);
  if (row) {
    const object = objectOf(ctx, kind, row);
    const actor = ctx.getActorUri(row.actorId);
    const activity = sent
      ? new Update({
          id: new URL(`${object.id?.href}#update-${Date.now()}`),
          actor,
          object,
          to: PUBLIC_COLLECTION,
          cc: ctx.getFollowersUri(row.actorId),
        })
      : createOf(ctx, object, row.actorId, new Date());
    await ctx.sendActivity({ identifier: row.actorId }, 'followers', activity, { preferSharedInbox: true });
    await db
      .insertInto('ap_published')
      .values({ network_id: networkId, object_kind: kind, object_id: id, actor_id: row.actorId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return;
  }
  if (!sent) return;
  const objectUri =
    kind === 'event'
      ? ctx.getObjectUri(Event, { id })
      : kind === 'news'
        ? ctx.getObjectUri(Article, { id })
        : ctx.getObjectUri(Note, { id });
  await ctx.sendActivity(
    { identifier: sent.actor_id },
    'followers',
    new Delete({
      id: new URL(`${objectUri.href}#delete-${Date.now()}`),
      actor: ctx.getActorUri(sent.actor_id),
      object: new Tombstone({ id: objectUri }),
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(sent.actor_id),
    }),
    { preferSharedInbox: true },
  );
  await db
    .deleteFrom('ap_published')
    .where('network_id', '=', networkId)
    .where('object_kind', '=', kind)
    .where('object_id', '=', id)
    .execute();
}

/** Sends a Follow from one of our actors to a remote actor (its Accept is handled in inbox.ts). */
export async function sendFollow(
  fed: Fed,
  data: FedData,
  localActorId: string,
  remote: { uri: string; inbox: string; sharedInbox: string | null },
  followUri: string,
): Promise<void> {
  const ctx = fed.createContext(new URL(data.config.publicUrl), data);
  await ctx.sendActivity(
    { identifier: localActorId },
    recipientOf(remote),
    new Follow({ id: new URL(followUri), actor: ctx.getActorUri(localActorId), object: new URL(remote.uri) }),
  );
}

export async function sendUnfollow(
  fed: Fed,
  data: FedData,
  localActorId: string,
  remote: { uri: string; inbox: string; sharedInbox: string | null },
  followUri: string,
): Promise<void> {
  const ctx = fed.createContext(new URL(data.config.publicUrl), data);
  const actor = ctx.getActorUri(localActorId);
  await ctx.sendActivity(
    { identifier: localActorId },
    recipientOf(remote),
    new Undo({
      id: new URL(`${followUri}/undo`),
      actor,
      object: new Follow({ id: new URL(followUri), actor, object: new URL(remote.uri) }),
    }),
  );
}

export function recipientOf(r: { uri: string; inbox: string; sharedInbox: string | null }) {
  return {
    id: new URL(r.uri),
    inboxId: new URL(r.inbox),
    endpoints: { sharedInbox: r.sharedInbox ? new URL(r.sharedInbox) : null },
  };
}

export { Accept };
