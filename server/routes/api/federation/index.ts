import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { notFound } from '../../../http/problem.ts';
import { NoContent, problems } from '../../../http/schemas.ts';
import type { FedData } from '../../../interop/activitypub/federation.ts';
import { type LocalActor, localActorById } from '../../../interop/activitypub/local.ts';
import { blockDomain, domainOf, unblockDomain } from '../../../interop/activitypub/remote.ts';
import { audit } from '../../../platform/audit.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { followAudited, followersOf, followsOf, remoteInput, remoteOf, unfollowAudited } from './common.ts';
import { BlockBody, BlockParams, FederationOverview, FollowBody, FollowParams } from './schema.ts';

/**
 * The instance admin's view of ActivityPub federation (server/interop/activitypub): whom our
 * organisations and communities follow, who follows them, and which instances are blocked.
 * Answers 404 when federation is off (as the OIDC routes do when no provider is configured) and to
 * everyone but an instance admin.
 */
export async function federationRoutes(app: FastifyInstance) {
  const { config } = app.deps;
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const data: FedData = { db, networkId, config };
  const tags = ['federation'];
  const host = new URL(config.publicUrl).host;

  /** The admin's account id, or 404 for everyone else and whenever federation is off. */
  const admin = (req: FastifyRequest): string => {
    if (!config.federation.enabled || !networkPolicy.administerFederation(req.actor)) throw notFound();
    return requireAccount(req);
  };
  const ref = (a: LocalActor) => ({ id: a.id, kind: a.kind, name: a.name, handle: `@${a.slug}@${host}` });

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Federation: our follows, our followers and blocked instances (instance admins)',
        description:
          'Only public events, news and published opportunities federate; circles, the time bank and anything for members only never do.',
        response: { 200: FederationOverview, ...problems },
      },
    },
    async (req) => {
      admin(req);
      const follows = await followsOf(db, networkId);
      const followers = await followersOf(db, networkId);
      const blocks = await db
        .selectFrom('ap_blocked_domain')
        .select(['domain', 'created_at'])
        .where('network_id', '=', networkId)
        .orderBy('domain')
        .execute();
      const actors = new Map<string, LocalActor | null>();
      for (const id of new Set([...follows, ...followers].map((r) => r.actor_id)))
        actors.set(id, await localActorById(db, networkId, id));
      const local = (id: string) => {
        const a = actors.get(id);
        return a ? ref(a) : null;
      };
      return {
        enabled: true,
        handleForm: `@name@${host}`,
        follows: follows.flatMap((f) => {
          const localActor = local(f.actor_id);
          if (!localActor) return [];
          return [
            {
              localActor,
              remote: remoteOf(f),
              status: f.status,
              createdAt: f.created_at.toISOString(),
            },
          ];
        }),
        followers: followers.flatMap((f) => {
          const localActor = local(f.actor_id);
          if (!localActor) return [];
          return [
            { localActor, follower: f.follower_uri, domain: f.domain, createdAt: f.created_at.toISOString() },
          ];
        }),
        blocks: blocks.map((b) => ({ domain: b.domain, createdAt: b.created_at.toISOString() })),
      };
    },
  );

  app.post<{ Body: Static<typeof FollowBody> }>(
    '/follows',
    {
      schema: {
        tags,
        summary: 'One of our organisations or communities follows a group on another instance',
        description:
          'The other side is looked up by its handle (`@name@host`) or address and asked with a Follow; ' +
          'the follow is pending until it accepts. 422 when nothing followable is found there.',
        body: FollowBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = admin(req);
      const remote = remoteInput(req.body.remote);
      await followAudited(data, req.body.localActor, remote, { actorId, ip: clientIp(req) });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof FollowParams> }>(
    '/follows/:localActorId/:remoteActorId',
    {
      schema: {
        tags,
        summary: 'Stop following: an Undo goes to the other side, what it sent is removed',
        params: FollowParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = admin(req);
      const { localActorId, remoteActorId } = req.params;
      await unfollowAudited(data, localActorId, remoteActorId, { actorId, ip: clientIp(req) });
      return reply.code(204).send();
    },
  );

  app.post<{ Body: Static<typeof BlockBody> }>(
    '/blocks',
    {
      schema: {
        tags,
        summary: 'Block another instance (and its subdomains): its followers go, its activities are refused',
        body: BlockBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = admin(req);
      await executeTx(db, async (tx) => {
        const domain = await blockDomain(tx, networkId, req.body.domain, actorId);
        await audit(tx, {
          networkId,
          actorId,
          action: 'federation.blocked',
          entityType: 'ap_blocked_domain',
          details: { domain },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof BlockParams> }>(
    '/blocks/:domain',
    {
      schema: {
        tags,
        summary: 'Lift the block of an instance',
        params: BlockParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = admin(req);
      const domain = domainOf(req.params.domain.trim());
      await executeTx(db, async (tx) => {
        const row = await tx
          .selectFrom('ap_blocked_domain')
          .select('domain')
          .where('network_id', '=', networkId)
          .where('domain', '=', domain)
          .executeTakeFirst();
        if (!row) throw notFound();
        await unblockDomain(tx, networkId, domain);
        await audit(tx, {
          networkId,
          actorId,
          action: 'federation.unblocked',
          entityType: 'ap_blocked_domain',
          details: { domain },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
