import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { membershipRoles } from '../../../db/schema.ts';
import { notFound } from '../../../http/problem.ts';
import { IdParams, literals, problems } from '../../../http/schemas.ts';
import { accountPolicy } from '../../../policies/account.ts';
import { getProfile, membershipsOf } from '../../../repositories/accounts.ts';
import { presentMembership } from '../organisations/index.ts';

export const PersonView = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  bio: Type.String(),
  skills: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  memberships: Type.Array(
    Type.Object({
      organisationId: Type.String(),
      name: Type.String(),
      slug: Type.String(),
      role: literals(membershipRoles),
    }),
  ),
});

/**
 * Profiles of people in the network, for its signed-in members only. The email address is never
 * part of it (and the response schema would drop it if it were).
 */
export async function peopleRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Params: Static<typeof IdParams> }>(
    '/:id',
    {
      schema: {
        tags: ['people'],
        summary: "A person's public profile (signed-in members)",
        params: IdParams,
        response: { 200: PersonView, ...problems },
      },
    },
    async (req) => {
      // anonymous visitors do not learn whether a person exists
      if (!accountPolicy.viewProfile(req.actor, { id: req.params.id })) throw notFound();
      const p = await getProfile(db, networkId, req.params.id); // blocked people are not found
      if (!p) throw notFound();
      const memberships = await membershipsOf(db, networkId, p.id);
      return {
        id: p.id,
        displayName: p.display_name,
        bio: p.bio,
        skills: p.skills,
        interests: p.interests,
        languages: p.languages,
        memberships: memberships.map(presentMembership),
      };
    },
  );
}
