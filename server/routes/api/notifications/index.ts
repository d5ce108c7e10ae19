import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden, notFound } from '../../../http/problem.ts';
import { IdParams, NoContent, PageQuery, problems, Timestamp } from '../../../http/schemas.ts';
import { notificationPolicy } from '../../../policies/notification.ts';
import { findNotification, listNotifications, markRead } from '../../../repositories/notifications.ts';

const NotificationQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);

export const NotificationItem = Type.Object({
  id: Type.String(),
  /** a message key of the web client's catalogue; params fill it */
  kind: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  readAt: Type.Union([Timestamp, Type.Null()]),
});

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationItem),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  unreadCount: Type.Integer(),
});

/**
 * A person's own in-app notifications. Marking them read is personal reading state, not a change
 * to shared records, so it is not written to the audit log (it would drown the log).
 */
export async function notificationRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['notifications'];

  app.get<{ Querystring: Static<typeof NotificationQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      if (!notificationPolicy.listOwn(req.actor)) throw forbidden();
      const page = paging(req.query);
      const found = await listNotifications(db, networkId, accountId, {
        unreadOnly: req.query.unread === true,
        ...page,
        withoutCircles: req.session?.assisted === true,
      });
      return {
        items: found.rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          params: n.params,
          link: n.link,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at?.toISOString() ?? null,
        })),
        total: found.total,
        ...page,
        unreadCount: found.unreadCount,
      };
    },
  );

  app.post(
    '/read-all',
    {
      schema: { tags, summary: 'Mark all my notifications read', response: { 204: NoContent, ...problems } },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      if (!notificationPolicy.listOwn(req.actor)) throw forbidden();
      await markRead(db, networkId, accountId);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      const n = await findNotification(db, networkId, req.params.id);
      // someone else's notification is answered like a missing one
      if (!n || !notificationPolicy.markRead(req.actor, { accountId: n.account_id })) throw notFound();
      await markRead(db, networkId, accountId, n.id);
      return reply.code(204).send();
    },
  );
}
