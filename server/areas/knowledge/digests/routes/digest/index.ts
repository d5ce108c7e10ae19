import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../../../../http/context.ts';
import { Problem } from '../../../../../http/problem.ts';
import { problems } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import { digestHour } from '../../commands/sendDigest.ts';
import { digestSetting, saveDigestSetting, unsubscribeByToken } from '../../repositories/settings.ts';
import { DigestSettingBody, DigestSettingView, UnsubscribeBody, UnsubscribeQuery } from './schema.ts';

const sendsAt = `${String(Math.floor(digestHour / 60)).padStart(2, '0')}:${String(digestHour % 60).padStart(2, '0')}`;

/**
 * The digest (Wissen): a person's choice of off (the default), daily or weekly on a weekday — opt-in,
 * so every change is in the audit log — and the one-click unsubscribe. Unsubscribing needs no session:
 * the link in every digest carries the person's secret token; an unknown token gets the same answer,
 * so the route says nothing about who has one.
 */
export async function digestRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  // a mail client's one-click unsubscribe posts a form, URL-encoded or multipart (RFC 8058 3.1);
  // only this part's routes take one
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (req, body, done) => {
    const fields = formFields(req.headers['content-type'] ?? '', body as string);
    if (fields) done(null, fields);
    else done(new Problem(400, 'bad_request'), undefined);
  });

  app.get(
    '/settings',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'How often my digest comes',
        response: { 200: DigestSettingView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const s = await digestSetting(db, networkId, accountId);
      return { frequency: s.frequency, weekday: s.weekday, sendsAt };
    },
  );

  app.put<{ Body: Static<typeof DigestSettingBody> }>(
    '/settings',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Choose the digest: off, daily, or weekly on a weekday',
        body: DigestSettingBody,
        response: { 200: DigestSettingView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const { frequency } = req.body;
      const weekday = req.body.weekday ?? null;
      if (frequency === 'weekly' && weekday === null)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/weekday', code: 'digest.weekday_required' }],
        });
      await db.transaction().execute(async (tx) => {
        const before = await saveDigestSetting(tx, networkId, accountId, { frequency, weekday });
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'digest.updated',
          entityType: 'digest_setting',
          entityId: accountId,
          details: { from: before, to: frequency, ...(frequency === 'weekly' ? { weekday } : {}) },
          ip: req.ip,
        });
      });
      const s = await digestSetting(db, networkId, accountId);
      return { frequency: s.frequency, weekday: s.weekday, sendsAt };
    },
  );

  app.post<{
    Body: Static<typeof UnsubscribeBody> | undefined;
    Querystring: Static<typeof UnsubscribeQuery>;
  }>(
    '/unsubscribe',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Turn the digest off with the token of its link (no sign-in; RFC 8058 one-click)',
        consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
        querystring: UnsubscribeQuery,
        body: UnsubscribeBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const token = req.body?.token ?? req.query.token;
      if (!token)
        throw new Problem(422, 'validation', { fields: [{ field: '/token', code: 'field.required' }] });
      await db.transaction().execute(async (tx) => {
        const done = await unsubscribeByToken(tx, networkId, token);
        if (done?.wasOn)
          await audit(tx, {
            networkId,
            actorId: done.accountId,
            action: 'digest.unsubscribed',
            entityType: 'digest_setting',
            entityId: done.accountId,
            details: { via: req.body?.['List-Unsubscribe'] === 'One-Click' ? 'one_click' : 'page' },
            ip: req.ip,
          });
      });
      return reply.code(204).send();
    },
  );
}

/**
 * The text fields of a small multipart/form-data body (a one-click unsubscribe sends one field), or
 * null when it is not one: no boundary, no closing delimiter, a part without a name.
 */
export function formFields(contentType: string, body: string): Record<string, string> | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delimiter = `--${boundary}`;
  const end = body.indexOf(`${delimiter}--`);
  if (end < 0) return null;
  const fields: Record<string, string> = {};
  for (const part of body.slice(0, end).split(delimiter).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const name = /\bname="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name === undefined) return null;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
}
