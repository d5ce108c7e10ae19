import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { countAttempt } from '../../../auth/throttle.ts';
import { hashSecret, newSecret } from '../../../auth/tokens.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { clientIp } from '../../../http/context.ts';
import { Problem } from '../../../http/problem.ts';
import { NoContent, problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { t } from '../../../i18n/messages.ts';
import { audit } from '../../../platform/audit.ts';
import { sendMail } from '../../../platform/mail.ts';
import { createAccount, findAccountByEmail, normaliseEmail } from '../../../repositories/accounts.ts';
import { insertRegistrationToken } from '../../../repositories/oneTimeTokens.ts';
import { createLoginToken, loginLink, loginLinkMinutes } from './index.ts';
import { Registration } from './schema.ts';

/** How long a registration's link works: a day, since a newcomer may read the email later. */
export const registrationMinutes = 24 * 60;

/**
 * Opens the account a registration's link stands for, in the transaction that used the link up: a
 * new account with the name given, its address shown to be the person's by the link itself. If the
 * address has an account by now (registered twice, or invited meanwhile), the link signs into that
 * one instead — never a second account for one address.
 */
export async function openAccount(
  tx: Executor,
  networkId: string,
  token: { email: string; display_name: string | null },
  req: FastifyRequest,
): Promise<{ account_id: string }> {
  const existing = await findAccountByEmail(tx, networkId, token.email);
  if (existing) return { account_id: existing.id };
  const account = await createAccount(tx, {
    networkId,
    email: token.email,
    displayName: token.display_name ?? token.email,
    locale: req.locale,
    emailVerified: true,
  });
  await audit(tx, {
    networkId,
    actorId: account.id,
    action: 'account.registered',
    entityType: 'account',
    entityId: account.id,
    ip: clientIp(req),
  });
  return { account_id: account.id };
}

/**
 * POST /session/register: anyone opens an account with a name and an email address. Nothing is
 * created until the emailed link is used (openAccount); the answer is the same whether or not the
 * address has an account — one that has gets a sign-in link instead — and requests count against
 * the same limit as sign-in links, so neither can be used to find out who is registered or to flood
 * a mailbox.
 */
export async function registrationRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.post<{ Body: Static<typeof Registration> }>(
    '/',
    {
      schema: {
        tags: ['session'],
        summary:
          'Open an account: an emailed link creates it (answers the same whether or not the address has an account; one that has gets a sign-in link)',
        body: Registration,
        response: { 202: NoContent, ...problems },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      const displayName = requiredText(req.body.displayName, '/displayName');
      if (!(await countAttempt(db, networkId, email, clientIp(req), 'link')))
        throw new Problem(429, 'auth.throttled');
      const smtp = Boolean(app.deps.config.smtpUrl);
      await executeTx(db, async (tx) => {
        const account = await findAccountByEmail(tx, networkId, email);
        if (account?.blocked_at) return;
        if (account) {
          const { token } = await createLoginToken(tx, networkId, { id: account.id, email });
          const params = {
            name: account.display_name,
            network: app.deps.network.name,
            minutes: loginLinkMinutes,
            link: loginLink(app.deps.config.publicUrl, token, req.body.next),
          };
          await sendMail(
            tx,
            {
              networkId,
              to: email,
              subject: t(account.locale, 'email.register_existing.subject', params),
              text: t(account.locale, 'email.register_existing.body', params),
              secrets: [token],
            },
            smtp,
          );
          return;
        }
        const token = newSecret();
        await insertRegistrationToken(tx, networkId, {
          tokenHash: hashSecret(token),
          email,
          displayName,
          minutes: registrationMinutes,
        });
        const params = {
          name: displayName,
          network: app.deps.network.name,
          hours: registrationMinutes / 60,
          link: loginLink(app.deps.config.publicUrl, token, req.body.next),
        };
        await sendMail(
          tx,
          {
            networkId,
            to: email,
            subject: t(req.locale, 'email.register.subject', params),
            text: t(req.locale, 'email.register.body', params),
            secrets: [token],
          },
          smtp,
        );
      });
      return reply.code(202).send();
    },
  );
}
