import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { assistedLinkMinutes, createAssistedSignInLink } from '../../../auth/assistedSignIn.ts';
import { deleteAllSessions } from '../../../auth/sessions.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { audit } from '../../../platform/audit.ts';
import { accountPolicy } from '../../../policies/account.ts';
import { listAccounts, setBlocked } from '../../../repositories/admin.ts';
import { loginLink } from '../session/index.ts';
import { AccountItem, AccountQuery, Reason, SignInLink } from './schema.ts';

export async function adminAccountRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['admin', 'moderation'];

  app.get<{ Querystring: Static<typeof AccountQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Every account, by name; q searches name and email (instance admins)',
        querystring: AccountQuery,
        response: { 200: Page(AccountItem), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!accountPolicy.listAll(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { rows, total } = await listAccounts(db, networkId, { q: req.query.q?.trim(), ...page });
      return {
        items: rows.map((a) => ({
          id: a.id,
          displayName: a.display_name,
          email: a.email,
          isInstanceAdmin: a.is_instance_admin,
          blocked: a.blocked_at !== null,
          createdAt: a.created_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof Reason> }>(
    '/:id/block',
    {
      schema: {
        tags,
        summary: 'Block an account: it is signed out everywhere and cannot sign in (instance admins)',
        params: IdParams,
        body: Reason,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const target = { id: req.params.id };
      if (!accountPolicy.listAll(req.actor)) throw forbidden();
      if (target.id === actorId) throw new Problem(422, 'account.block_self');
      if (!accountPolicy.block(req.actor, target)) throw forbidden();
      const reason = requiredText(req.body.reason, '/reason');
      await executeTx(db, async (tx) => {
        if (!(await setBlocked(tx, networkId, target.id, reason))) throw notFound();
        const sessions = await deleteAllSessions(tx, networkId, target.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'account.blocked',
          entityType: 'account',
          entityId: target.id,
          details: { reason, sessionsEnded: sessions },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof Reason> }>(
    '/:id/sign-in-link',
    {
      schema: {
        tags,
        summary: 'Help a person in without email: a one-time sign-in link for them (instance admins)',
        description:
          `The link is shown once, valid for ${assistedLinkMinutes} minutes, to hand over in person or by phone. ` +
          'The step and its reason are audited; the person is told at once (notification and email, without ' +
          'the link) and sees it in their account activity. A session begun with the link sees no support ' +
          'circle and cannot set a password.',
        params: IdParams,
        body: Reason,
        response: { 201: SignInLink, ...problems },
      },
    },
    async (req, reply) => {
      const adminId = requireAccount(req);
      const target = { id: req.params.id };
      if (!accountPolicy.listAll(req.actor)) throw forbidden();
      if (target.id === adminId) throw new Problem(422, 'account.sign_in_link_self');
      if (!accountPolicy.makeSignInLink(req.actor, target)) throw forbidden();
      const reason = requiredText(req.body.reason, '/reason');
      const made = await executeTx(db, (tx) =>
        createAssistedSignInLink(
          tx,
          {
            networkId,
            networkName: app.deps.network.name,
            adminId,
            adminName: req.session?.account.displayName ?? '',
            smtp: Boolean(app.deps.config.smtpUrl),
            ip: clientIp(req),
          },
          target.id,
          reason,
        ),
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        link: loginLink(app.deps.config.publicUrl, made.token),
        expiresAt: made.expiresAt.toISOString(),
      });
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/unblock',
    {
      schema: {
        tags,
        summary: 'Lift the block on an account (instance admins)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const target = { id: req.params.id };
      if (!accountPolicy.unblock(req.actor, target)) throw forbidden();
      await executeTx(db, async (tx) => {
        if (!(await setBlocked(tx, networkId, target.id, null))) throw notFound();
        await audit(tx, {
          networkId,
          actorId,
          action: 'account.unblocked',
          entityType: 'account',
          entityId: target.id,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
