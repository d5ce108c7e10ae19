import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { flagReasons } from '../../../db/schema.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { forbidden } from '../../../http/problem.ts';
import { literals, problems, Uuid } from '../../../http/schemas.ts';
import { createFlag } from '../../../platform/moderation.ts';
import { networkPolicy } from '../../../policies/network.ts';

export const FlagCreate = Type.Object(
  {
    /** what kind of thing, as the areas name it: 'organisation', 'person', 'pin', 'comment' … */
    entityType: Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,39}$' }),
    entityId: Uuid,
    reason: literals(flagReasons),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const FlagCreated = Type.Object({ id: Type.String() });

/** Anyone signed in can report content to the instance admins. */
export async function flagRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.post<{ Body: Static<typeof FlagCreate> }>(
    '/',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Report content to the moderators',
        description: 'One open report per person and thing; a second one answers 409.',
        body: FlagCreate,
        response: { 201: FlagCreated, ...problems },
      },
    },
    async (req, reply) => {
      const reporterId = requireAccount(req);
      if (!networkPolicy.flag(req.actor)) throw forbidden();
      const id = await executeTx(db, (tx) =>
        createFlag(tx, { networkId, reporterId, ...req.body, ip: clientIp(req) }),
      );
      return reply.code(201).send({ id });
    },
  );
}
