import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sectors } from '../../../../../db/schema.ts';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../../http/context.ts';
import { notFound } from '../../../../../http/problem.ts';
import { literals, problems, Timestamp } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import { analyticsPolicy } from '../../policies/analytics.ts';
import { egoNetwork } from '../../repositories/ego.ts';
import { isOptedOut, publicBodiesOf, setOptOut } from '../../repositories/people.ts';

export const EgoView = Type.Object({
  since: Timestamp,
  optOut: Type.Boolean(),
  /** whether I may see the town's network (a coordinator): the page links to it */
  coordinator: Type.Boolean(),
  interactions: Type.Object({ total: Type.Integer(), online: Type.Integer(), offline: Type.Integer() }),
  /** the people I met (counted, never named) */
  people: Type.Integer(),
  peopleOptedOut: Type.Integer(),
  groups: Type.Array(
    Type.Object({
      type: literals(['organisation', 'community'] as const),
      id: Type.String(),
      name: Type.String(),
      slug: Type.String(),
      sector: Type.Union([literals(sectors), Type.Null()]),
      district: Type.Union([Type.String(), Type.Null()]),
      direct: Type.Integer(),
      viaPeople: Type.Integer(),
    }),
  ),
  diversity: Type.Object({
    sectors: Type.Array(literals(sectors)),
    districts: Type.Array(Type.String()),
  }),
});

const OptOutBody = Type.Object({ optOut: Type.Boolean() }, { additionalProperties: false });
const OptOutView = Type.Object({ optOut: Type.Boolean() });

/**
 * One's own network (/raeume/netzwerk/ich), for oneself only: anyone signed in sees their own and
 * no one else's (there is no route that names another person). And the choice not to be counted.
 */
export async function meRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['places'];

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary:
          'My own network over the last twelve months: the organisations and communities I met, directly or through people (never named), and how diverse my contacts are',
        response: { 200: EgoView, ...problems },
      },
    },
    async (req) => {
      if (!analyticsPolicy.seeOwn(req.actor)) throw notFound();
      const accountId = requireAccount(req);
      const [ego, optOut, districts, bodies] = await Promise.all([
        egoNetwork(db, networkId, accountId),
        isOptedOut(db, networkId, accountId),
        db.selectFrom('district').select(['id', 'name']).where('network_id', '=', networkId).execute(),
        publicBodiesOf(db, networkId, req.actor),
      ]);
      const names = new Map(districts.map((d) => [d.id, d.name]));
      const groups = ego.groups.map((g) => ({
        type: g.type,
        id: g.id,
        name: g.name,
        slug: g.slug,
        sector: g.sector,
        district: g.districtId ? (names.get(g.districtId) ?? null) : null,
        direct: g.direct,
        viaPeople: g.viaPeople,
      }));
      return {
        since: ego.since.toISOString(),
        optOut,
        coordinator: analyticsPolicy.seeNetwork(req.actor, bodies),
        interactions: ego.interactions,
        people: ego.people,
        peopleOptedOut: ego.peopleOptedOut,
        groups,
        diversity: {
          sectors: sectors.filter((s) => groups.some((g) => g.sector === s)),
          districts: [...new Set(groups.flatMap((g) => (g.district ? [g.district] : [])))].sort(),
        },
      };
    },
  );

  app.put<{ Body: Static<typeof OptOutBody> }>(
    '/me/opt-out',
    {
      schema: {
        tags,
        summary:
          'Opt out of the network analytics (or back in): my interactions then add no tie between organisations and count only in anonymous totals',
        body: OptOutBody,
        response: { 200: OptOutView, ...problems },
      },
    },
    async (req) => {
      if (!analyticsPolicy.seeOwn(req.actor)) throw notFound();
      const accountId = requireAccount(req);
      const { optOut } = req.body;
      await executeTx(db, async (tx) => {
        if (await setOptOut(tx, networkId, accountId, optOut))
          await audit(tx, {
            networkId,
            actorId: accountId,
            action: optOut ? 'analytics.opted_out' : 'analytics.opted_in',
            entityType: 'account',
            entityId: accountId,
            ip: clientIp(req),
          });
      });
      return { optOut };
    },
  );
}
