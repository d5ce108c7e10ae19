import { randomUUID } from 'node:crypto';
import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { areas } from '../../../../../db/schema.ts';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../../../http/problem.ts';
import {
  IdParams,
  literals,
  Page,
  PageQuery,
  problems,
  Timestamp,
  Uuid,
} from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import {
  confirmationDays,
  cooldownDays,
  inCooldown,
  loggedByHand,
  recordInteraction,
  scheduleExpiry,
  startCooldown,
} from '../../../../../platform/interactions.ts';
import { notify } from '../../../../../platform/notifications.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { interactionAbilities, interactionPolicy } from '../../policies/interaction.ts';
import {
  confirmInteraction,
  deleteInteraction,
  findInteraction,
  listInteractionsOf,
  partyName,
} from '../../repositories/interactions.ts';

const Area = literals(areas);
const Mode = Type.Union([Type.Literal('online'), Type.Literal('offline')]);
const PartyTypeSchema = Type.Union([Type.Literal('person'), Type.Literal('organisation')]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('confirmed')]);

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

export const InteractionView = Type.Object({
  id: Type.String(),
  area: Area,
  kind: Type.String(),
  mode: Mode,
  with: Type.Object({ type: PartyTypeSchema, id: Type.String(), name: Type.String() }),
  occurredAt: Timestamp,
  /** 'pending': logged by hand with a person who has not confirmed it; it counts nowhere yet */
  status: Status,
  /** who logged it by hand; null when an activity recorded it (a loan, a shift, a transfer …) */
  loggedBy: Type.Union([Type.Literal('me'), Type.Literal('them'), Type.Null()]),
  abilities: Type.Object({ confirm: Type.Boolean(), remove: Type.Boolean() }),
});

const MineQuery = Type.Object(
  { status: Type.Optional(Status), ...PageQuery },
  { additionalProperties: false },
);

/** Allow for clocks a little ahead of the server's. */
const futureToleranceMs = 5 * 60_000;

type Row = Awaited<ReturnType<typeof listInteractionsOf>>['rows'][number];

/**
 * A person logs an interaction with another person or an organisation, online or offline (a
 * meeting, a phone call): one more edge in the community graph that area 6 measures. One with a
 * person waits for that person: they confirm it or decline it, and until then it counts nowhere;
 * unanswered, it goes after 30 days. Each interaction is seen only by the people who took part.
 */
export async function interactionRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['interactions'];

  function present(r: Row, actor: Actor, accountId: string) {
    return {
      id: r.id,
      area: r.area,
      kind: r.kind,
      mode: r.mode,
      with: { type: r.with_type, id: r.with_id, name: r.with_name },
      occurredAt: r.occurred_at.toISOString(),
      status: r.status,
      loggedBy:
        r.source_type !== loggedByHand
          ? null
          : r.a_type === 'person' && r.a_id === accountId
            ? ('me' as const)
            : ('them' as const),
      abilities: interactionAbilities(actor, r),
    };
  }

  /** One interaction the person took part in, as they see it. */
  async function readBack(
    tx: Parameters<typeof listInteractionsOf>[0],
    accountId: string,
    f: { id?: string; sourceId?: string },
  ) {
    const { rows } = await listInteractionsOf(tx, networkId, accountId, { limit: 1, offset: 0, ...f });
    const row = rows[0];
    if (!row) throw notFound();
    return row;
  }

  app.post<{ Body: Static<typeof InteractionCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: `Log an interaction of mine with an organisation, or with a person who then confirms it (pending until then, gone after ${confirmationDays} days unanswered). After that person removed one I logged with them (declined it or took back a confirmation), I cannot log another with them for ${cooldownDays} days (409 interaction.declined_recently)`,
        body: InteractionCreate,
        response: { 201: InteractionView, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      if (!interactionPolicy.record(req.actor)) throw forbidden();
      const b = req.body;
      if (b.with.type === 'person' && b.with.id === accountId) {
        throw new Problem(422, 'interaction.self', {
          fields: [{ field: '/with/id', code: 'interaction.self' }],
        });
      }
      const occurredAt = b.occurredAt ? new Date(b.occurredAt) : new Date();
      if (occurredAt.getTime() > Date.now() + futureToleranceMs) {
        throw new Problem(422, 'interaction.future', {
          fields: [{ field: '/occurredAt', code: 'interaction.future' }],
        });
      }
      const kind = b.kind.trim();
      // a source id marks it as logged by hand and lets us read back exactly this row
      const sourceId = randomUUID();
      const created = await executeTx(db, async (tx) => {
        const withName = await partyName(tx, networkId, b.with);
        if (!withName) {
          throw new Problem(422, 'interaction.unknown_party', {
            fields: [{ field: '/with/id', code: 'interaction.unknown_party' }],
          });
        }
        const inserted = await recordInteraction(tx, {
          networkId,
          area: b.area,
          kind,
          mode: b.mode,
          a: { type: 'person', id: accountId },
          b: b.with,
          occurredAt,
          source: { type: loggedByHand, id: sourceId },
        });
        // the only conflict a fresh source id can meet: the one pending interaction a pair may have
        if (!inserted) {
          throw new Problem(409, 'interaction.pending_exists', {
            params: { name: withName },
            // a form shows it at the party it concerns
            fields: [{ field: '/with/id', code: 'interaction.pending_exists', params: { name: withName } }],
          });
        }
        // checked after the insert: one racing the person's "no" waits on the pending row that "no"
        // deletes, so this read sees the cool-down committed with it
        if (b.with.type === 'person' && (await inCooldown(tx, networkId, accountId, b.with.id))) {
          throw new Problem(409, 'interaction.declined_recently', {
            params: { name: withName, days: cooldownDays },
            fields: [
              {
                field: '/with/id',
                code: 'interaction.declined_recently',
                params: { name: withName, days: cooldownDays },
              },
            ],
          });
        }
        const row = await readBack(tx, accountId, { sourceId });
        if (row.status === 'pending') {
          await scheduleExpiry(tx, networkId, row.id);
          await notify(tx, {
            networkId,
            accountId: b.with.id,
            kind: 'interaction.confirmation_requested',
            params: { name: (await partyName(tx, networkId, { type: 'person', id: accountId })) ?? '', kind },
            link: webPaths.interactions(),
          });
        }
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'interaction.recorded',
          entityType: 'interaction',
          entityId: row.id,
          details: { area: b.area, kind, mode: b.mode, with: b.with, status: row.status },
          ip: clientIp(req),
        });
        return row;
      });
      return reply.code(201).send(present(created, req.actor, accountId));
    },
  );

  app.get<{ Querystring: Static<typeof MineQuery> }>(
    '/mine',
    {
      schema: {
        tags,
        summary:
          'Interactions I took part in, newest first, with those waiting for confirmation (status narrows it)',
        querystring: MineQuery,
        response: { 200: Page(InteractionView), ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      if (!interactionPolicy.listOwn(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { rows, total } = await listInteractionsOf(db, networkId, accountId, {
        ...page,
        ...(req.query.status ? { status: req.query.status } : {}),
        withoutCircles: req.session?.assisted === true,
      });
      return { items: rows.map((r) => present(r, req.actor, accountId)), total, ...page };
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm an interaction someone logged with me: from now on it counts',
        params: IdParams,
        response: { 200: InteractionView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const row = await executeTx(db, async (tx) => {
        const i = await findInteraction(tx, networkId, req.params.id);
        if (!i || !interactionPolicy.view(req.actor, i)) throw notFound();
        if (i.status === 'confirmed') return readBack(tx, accountId, { id: i.id });
        if (!interactionPolicy.confirm(req.actor, i)) throw new Problem(403, 'interaction.confirm_own');
        // declined or withdrawn a moment ago: gone, like any missing one
        if (!(await confirmInteraction(tx, networkId, i.id, accountId))) throw notFound();
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'interaction.confirmed',
          entityType: 'interaction',
          entityId: i.id,
          ip: clientIp(req),
        });
        return readBack(tx, accountId, { id: i.id });
      });
      return present(row, req.actor, accountId);
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: `Remove an interaction logged by hand that I took part in: decline one logged with me, withdraw my own, or take back a confirmation (the one who logged it with me then cannot log another with me for ${cooldownDays} days)`,
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      await executeTx(db, async (tx) => {
        const i = await findInteraction(tx, networkId, req.params.id);
        if (!i || !interactionPolicy.view(req.actor, i)) throw notFound();
        if (!interactionPolicy.remove(req.actor, i)) throw new Problem(409, 'interaction.not_by_hand');
        if (!(await deleteInteraction(tx, networkId, i.id))) throw notFound();
        // the person said no to one logged with them: the one who logged it does not ask again soon
        const declined = i.b_type === 'person' && i.b_id === accountId && i.a_type === 'person';
        if (declined) await startCooldown(tx, networkId, i.a_id, accountId);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'interaction.removed',
          entityType: 'interaction',
          entityId: i.id,
          // declined or taken back by the other person, or withdrawn by the one who logged it
          details: {
            status: i.status,
            by: i.a_type === 'person' && i.a_id === accountId ? 'logger' : 'other',
          },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
