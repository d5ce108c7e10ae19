import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { optionalBody } from '../../../../http/body.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { forbidden, notFound, Problem, unauthenticated } from '../../../../http/problem.ts';
import { IdParams, Page, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { findDisplayName } from '../../../../repositories/accounts.ts';
import { scheduleReminder } from '../../commands/remindExpiringPosts.ts';
import { exchangeAbilities, exchangePolicy } from '../../policies/exchange.ts';
import {
  closePost,
  type ExchangePostRow,
  findPost,
  insertMessage,
  insertPost,
  listPosts,
  matchesFor,
  messagesFor,
  renewPost,
  updatePost,
} from '../../repositories/exchange.ts';
import { indexPost } from '../../search.ts';
import {
  MessageCreate,
  MessageView,
  PostCreate,
  PostListQuery,
  PostUpdate,
  PostView,
  Renew,
} from './schema.ts';

export const defaultDays = 30;

function present(p: ExchangePostRow & { score?: number }, actor: Actor) {
  return {
    id: p.id,
    kind: p.kind,
    category: p.category,
    title: p.title,
    description: p.description,
    author: { id: p.author_id, name: p.author_name },
    organisation: p.organisation_id ? { id: p.organisation_id, name: p.organisation_name ?? '' } : null,
    districtId: p.district_id,
    timeCreditMinutes: p.time_credit_minutes,
    status: p.status,
    expiresAt: p.expires_at.toISOString(),
    createdAt: p.created_at.toISOString(),
    ...(p.score !== undefined ? { score: Math.round(p.score * 1000) / 1000 } : {}),
    abilities: exchangeAbilities(actor, p),
  };
}

/** Offers and wants (Tauschring): posts that expire unless renewed, suggestions, and messages. */
export async function exchangeRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['exchange'];

  async function load(id: string, actor: Actor) {
    if (!exchangePolicy.list(actor)) throw unauthenticated();
    const p = await findPost(db, networkId, id);
    if (!p || !exchangePolicy.view(actor, p)) throw notFound();
    return p;
  }

  app.get<{ Querystring: Static<typeof PostListQuery> }>(
    '/posts',
    {
      schema: {
        tags,
        summary: 'Open offers and wants (or mine=true: my own, also closed and expired)',
        querystring: PostListQuery,
        response: { 200: Page(PostView), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      if (!exchangePolicy.list(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { mine, ...f } = req.query;
      const { items, total } = await listPosts(db, networkId, {
        ...f,
        authorId: mine ? actorId : undefined,
        ...page,
      });
      return { items: items.map((p) => present(p, req.actor)), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof PostCreate> }>(
    '/posts',
    {
      schema: {
        tags,
        summary: 'Post an offer or a want',
        body: PostCreate,
        response: { 201: PostView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const { organisationId, days, ...fields } = req.body;
      if (!exchangePolicy.create(req.actor, organisationId)) throw forbidden();
      const id = await executeTx(db, async (tx) => {
        const row = await insertPost(
          tx,
          networkId,
          actorId,
          organisationId ?? null,
          fields,
          days ?? defaultDays,
        );
        await scheduleReminder(tx, networkId, row.id, row.expires_at);
        await indexPost(tx, networkId, row.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'exchange.post_created',
          entityType: 'exchange_post',
          entityId: row.id,
          ip: clientIp(req),
        });
        return row.id;
      });
      return reply.code(201).send(present(await load(id, req.actor), req.actor));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/posts/:id',
    { schema: { tags, summary: 'One post', params: IdParams, response: { 200: PostView, ...problems } } },
    async (req) => present(await load(req.params.id, req.actor), req.actor),
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof PostUpdate> }>(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Change a post',
        params: IdParams,
        body: PostUpdate,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const p = await load(req.params.id, req.actor);
      if (!exchangePolicy.update(req.actor, p)) throw forbidden();
      await executeTx(db, async (tx) => {
        await updatePost(tx, networkId, p.id, req.body);
        await indexPost(tx, networkId, p.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'exchange.post_updated',
          entityType: 'exchange_post',
          entityId: p.id,
          details: { fields: Object.keys(req.body) },
          ip: clientIp(req),
        });
      });
      return present(await load(p.id, req.actor), req.actor);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof Renew> }>(
    '/posts/:id/renew',
    {
      schema: {
        tags,
        summary: 'Keep a post up for another 30 days (or `days`), also after it expired or was closed',
        params: IdParams,
        body: Renew,
        response: { 200: PostView, ...problems },
      },
      preValidation: optionalBody,
    },
    async (req) => {
      const actorId = requireAccount(req);
      const p = await load(req.params.id, req.actor);
      if (!exchangePolicy.renew(req.actor, p)) throw forbidden();
      await executeTx(db, async (tx) => {
        const { expires_at } = await renewPost(tx, networkId, p.id, req.body.days ?? defaultDays);
        await scheduleReminder(tx, networkId, p.id, expires_at);
        await indexPost(tx, networkId, p.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'exchange.post_renewed',
          entityType: 'exchange_post',
          entityId: p.id,
          ip: clientIp(req),
        });
      });
      return present(await load(p.id, req.actor), req.actor);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/posts/:id/close',
    {
      schema: {
        tags,
        summary: 'Take a post down (found what was wanted, or moderation)',
        params: IdParams,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const p = await load(req.params.id, req.actor);
      if (!exchangePolicy.close(req.actor, p)) throw forbidden();
      await executeTx(db, async (tx) => {
        await closePost(tx, networkId, p.id);
        await indexPost(tx, networkId, p.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'exchange.post_closed',
          entityType: 'exchange_post',
          entityId: p.id,
          ip: clientIp(req),
        });
      });
      return present(await load(p.id, req.actor), req.actor);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/posts/:id/matches',
    {
      schema: {
        tags,
        summary: 'Suggestions: open posts of the other kind that fit this one, best first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PostView) }), ...problems },
      },
    },
    async (req) => {
      const p = await load(req.params.id, req.actor);
      const rows = await matchesFor(db, networkId, p, 10);
      return { items: rows.map((r) => present(r, req.actor)) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/posts/:id/messages',
    {
      schema: {
        tags,
        summary: 'My conversation about a post (the author sees all of them)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MessageView) }), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const p = await load(req.params.id, req.actor);
      const rows = await messagesFor(db, networkId, p.id, actorId);
      return {
        items: rows.map((m) => ({
          id: m.id,
          from: { id: m.sender_id, name: m.sender_name },
          toId: m.recipient_id,
          body: m.body,
          createdAt: m.created_at.toISOString(),
        })),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof MessageCreate> }>(
    '/posts/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write to the author about a post (or, as the author, answer someone who wrote)',
        params: IdParams,
        body: MessageCreate,
        response: { 201: MessageView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const p = await load(req.params.id, req.actor);
      let recipient: string;
      if (actorId === p.author_id) {
        if (!exchangePolicy.reply(req.actor, p) || !req.body.to) throw forbidden();
        recipient = req.body.to;
        // the author answers only people who wrote about this post
        const wrote = await messagesFor(db, networkId, p.id, recipient);
        if (!wrote.some((m) => m.sender_id === recipient)) throw notFound();
      } else {
        if (!exchangePolicy.answer(req.actor, p)) throw new Problem(409, 'exchange.post_closed');
        recipient = p.author_id;
      }
      const me = await findDisplayName(db, networkId, actorId);
      const row = await executeTx(db, async (tx) => {
        const m = await insertMessage(tx, networkId, {
          postId: p.id,
          senderId: actorId,
          recipientId: recipient,
          body: req.body.body,
        });
        await notify(tx, {
          networkId,
          accountId: recipient,
          kind: 'exchange.message',
          params: { from: me.display_name, title: p.title },
          link: webPaths.exchangePost(p.id),
        });
        return m;
      });
      return reply.code(201).send({
        id: row.id,
        from: { id: actorId, name: me.display_name },
        toId: recipient,
        body: req.body.body,
        createdAt: row.created_at.toISOString(),
      });
    },
  );
}
