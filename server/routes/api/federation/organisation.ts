import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { notFound } from '../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../http/schemas.ts';
import type { FedData } from '../../../interop/activitypub/federation.ts';
import { organisationPolicy } from '../../../policies/organisation.ts';
import { findOrganisation } from '../../../repositories/organisations.ts';
import { followAudited, followersOf, followsOf, remoteInput, remoteOf, unfollowAudited } from './common.ts';
import { OrganisationFederation, OrganisationFollowBody, OrganisationFollowParams } from './schema.ts';

/**
 * An organisation's own federation, on its admin page: whom it follows on other instances (their
 * public events and posts then appear in our calendar and news, marked as from elsewhere), who
 * follows it, following by handle or address and unfollowing — each write with its audit row in the
 * follow's transaction, as on the instance admin's routes (index.ts). 404 while federation is off
 * and to everyone the organisation policy does not let administer its federation.
 */
export async function organisationFederationRoutes(app: FastifyInstance) {
  const { config } = app.deps;
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const data: FedData = { db, networkId, config };
  const tags = ['federation'];
  const host = new URL(config.publicUrl).host;

  /** The organisation and the acting account, or 404 (federation off, no such organisation, not allowed). */
  const allowed = async (req: FastifyRequest, id: string) => {
    if (!config.federation.enabled) throw notFound();
    const org = await findOrganisation(db, networkId, id);
    if (!org || !organisationPolicy.administerFederation(req.actor, org)) throw notFound();
    return { org, actorId: requireAccount(req) };
  };

  app.get<{ Params: Static<typeof IdParams> }>(
    '/organisations/:id/federation',
    {
      schema: {
        tags,
        summary: 'Whom the organisation follows on other instances, and who follows it (its admins)',
        description:
          'Only its public events, news and published opportunities federate. 404 while federation is off.',
        params: IdParams,
        response: { 200: OrganisationFederation, ...problems },
      },
    },
    async (req) => {
      const { org } = await allowed(req, req.params.id);
      const follows = await followsOf(db, networkId, org.id);
      const followers = await followersOf(db, networkId, org.id);
      return {
        handle: `@${org.slug}@${host}`,
        follows: follows.map((f) => ({
          remote: remoteOf(f),
          status: f.status,
          createdAt: f.created_at.toISOString(),
        })),
        followers: followers.map((f) => ({
          follower: f.follower_uri,
          domain: f.domain,
          createdAt: f.created_at.toISOString(),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof OrganisationFollowBody> }>(
    '/organisations/:id/federation/follows',
    {
      schema: {
        tags,
        summary: 'The organisation follows a group on another instance (its admins)',
        description:
          'Looked up by its handle (`@name@host`) or address and asked with a Follow; pending until it ' +
          'accepts. 422 when nothing followable is found there, it is on this server, or its server is blocked.',
        params: IdParams,
        body: OrganisationFollowBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const { org, actorId } = await allowed(req, req.params.id);
      const remote = remoteInput(req.body.remote);
      await followAudited(data, org.id, remote, { actorId, ip: clientIp(req) });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof OrganisationFollowParams> }>(
    '/organisations/:id/federation/follows/:remoteActorId',
    {
      schema: {
        tags,
        summary: 'The organisation stops following: an Undo goes to the other side (its admins)',
        params: OrganisationFollowParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const { org, actorId } = await allowed(req, req.params.id);
      const { remoteActorId } = req.params;
      await unfollowAudited(data, org.id, remoteActorId, { actorId, ip: clientIp(req) });
      return reply.code(204).send();
    },
  );
}
