import { randomUUID } from 'node:crypto';
import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { areas } from '../../../db/schema.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { forbidden, Problem } from '../../../http/problem.ts';
import { Page, PageQuery, problems, Timestamp, Uuid } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { recordInteraction } from '../../../platform/interactions.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { listInteractionsOf, partyName } from '../../../repositories/interactions.ts';

const Area = Type.Union(areas.map((a) => Type.Literal(a)));
const Mode = Type.Union([Type.Literal('online'), Type.Literal('offline')]);
const PartyTypeSchema = Type.Union([Type.Literal('person'), Type.Literal('organisation')]);

const InteractionCreate = Type.Object(
  {
    area: Area,
    kind: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    mode: Mode,
    with: Type.Object({ type: PartyTypeSchema, id: Uuid }, { additionalProperties: false }),
    occurredAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

const InteractionView = Type.Object({
  id: Type.String(),
  area: Area,
  kind: Type.String(),
  mode: Mode,
  with: Type.Object({ type: PartyTypeSchema, id: Type.String(), name: Type.String() }),
  occurredAt: Timestamp,
});

const MineQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** Allow for clocks a little ahead of the server's. */
const futureToleranceMs = 5 * 60_000;

/**
 * A person logs an interaction with another person or an organisation, online or offline (a
 * meeting, a phone call): one more edge in the community graph that area 6 measures.
 */
export async function interactionRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['interactions'];

  function present(r: Awaited<ReturnType<typeof listInteractionsOf>>['rows'][number]) {
    return {
      id: r.id,
      area: r.area,
      kind: r.kind,
      mode: r.mode,
      with: { type: r.with_type, id: r.with_id, name: r.with_name },
      occurredAt: r.occurred_at.toISOString(),
    };
  }

  app.post<{ Body: Static<typeof InteractionCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Log an interaction of mine with a person or an organisation',
        body: InteractionCreate,
        response: { 201: InteractionView, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      if (!networkPolicy.recordInteraction(req.actor)) throw forbidden();
      const b = req.body;
      if (b.with.type === 'person' && b.with.id === accountId) throw new Problem(422, 'interaction.self');
      const occurredAt = b.occurredAt ? new Date(b.occurredAt) : new Date();
      if (occurredAt.getTime() > Date.now() + futureToleranceMs) {
        throw new Problem(422, 'interaction.future', {
          fields: [{ field: '/occurredAt', code: 'interaction.future' }],
        });
      }
      // a source id marks it as logged by hand and lets us read back exactly this row
      const sourceId = randomUUID();
      const created = await executeTx(db, async (tx) => {
        if (!(await partyName(tx, networkId, b.with))) {
          throw new Problem(422, 'interaction.unknown_party', {
            fields: [{ field: '/with/id', code: 'interaction.unknown_party' }],
          });
        }
        await recordInteraction(tx, {
          networkId,
          area: b.area,
          kind: b.kind.trim(),
          mode: b.mode,
          a: { type: 'person', id: accountId },
          b: b.with,
          occurredAt,
          source: { type: 'manual', id: sourceId },
        });
        const { rows } = await listInteractionsOf(tx, networkId, accountId, {
          limit: 1,
          offset: 0,
          sourceId,
        });
        const row = rows[0]!;
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'interaction.recorded',
          entityType: 'interaction',
          entityId: row.id,
          details: { area: b.area, kind: b.kind, mode: b.mode, with: b.with },
          ip: clientIp(req),
        });
        return row;
      });
      return reply.code(201).send(present(created));
    },
  );

  app.get<{ Querystring: Static<typeof MineQuery> }>(
    '/mine',
    {
      schema: {
        tags,
        summary: 'Interactions I took part in, newest first',
        querystring: MineQuery,
        response: { 200: Page(InteractionView), ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const limit = req.query.limit ?? 20;
      const offset = req.query.offset ?? 0;
      const { rows, total } = await listInteractionsOf(db, networkId, accountId, { limit, offset });
      return { items: rows.map(present), total, limit, offset };
    },
  );
}
