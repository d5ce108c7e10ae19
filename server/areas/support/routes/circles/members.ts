import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../../../auth/tokens.ts';
import type { CircleRole } from '../../../../db/schema.ts';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp } from '../../../../http/context.ts';
import { accountLanguage, assertPlainLanguageIsGerman } from '../../../../http/language.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems } from '../../../../http/schemas.ts';
import { t } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { isSignedIn } from '../../../../policies/actor.ts';
import {
  createAccount,
  findAccount,
  findAccountByEmail,
  normaliseEmail,
} from '../../../../repositories/accounts.ts';
import { signIn } from '../../../../routes/api/session/index.ts';
import { circlePolicy, memberAbilities } from '../../policies/circle.ts';
import {
  addMember,
  findMember,
  findUsableInvitation,
  insertInvitation,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
  setMemberRole,
  setPersonAccount,
  updateSettings,
  useInvitation,
} from '../../repositories/circles.ts';
import { CircleParams, loadCircle, loadForChange, refusal, tags } from './access.ts';
import {
  InvitationAccept,
  InvitationAccepted,
  InvitationCreate,
  InvitationLookup,
  InvitationParams,
  InvitationPreview,
  InvitationView,
  MemberParams,
  MemberView,
  RoleChange,
  Settings,
  SettingsUpdate,
} from './schema.ts';

export const invitationDays = 14;

/** Members, invitations (by link or email) and joining by a one-time link without a password. */
export async function memberRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const joinLink = (token: string) => `${app.deps.config.publicUrl}/kreise/beitreten#${token}`;

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/members',
    {
      schema: {
        tags,
        summary: 'Who is in the circle, with their roles',
        params: CircleParams,
        response: { 200: Type.Object({ items: Type.Array(MemberView) }), ...problems },
      },
    },
    async (req) => {
      const { l, rows } = await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewMembers);
        return { l, rows: await listMembers(tx, networkId, req.params.id) };
      });
      const organiser = circlePolicy.seeEmails(l.access);
      return {
        items: rows.map((m) => ({
          accountId: m.account_id,
          name: m.display_name,
          ...(organiser ? { email: m.email } : {}),
          role: m.role,
          isPerson: m.account_id === l.circle.person_account_id,
          joinedAt: m.joined_at.toISOString(),
          abilities: memberAbilities(l.access, {
            role: m.role,
            self: m.account_id === l.accountId,
            actorIsPerson: l.accountId === l.circle.person_account_id,
            targetIsPerson: m.account_id === l.circle.person_account_id,
          }),
        })),
      };
    },
  );

  app.patch<{ Params: Static<typeof MemberParams>; Body: Static<typeof RoleChange> }>(
    '/:id/members/:accountId',
    {
      schema: {
        tags,
        summary: 'Change a member’s role (owner only; owners keep theirs)',
        params: MemberParams,
        body: RoleChange,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.view,
          circlePolicy.changeRole,
        );
        const target = await findMember(tx, networkId, req.params.id, req.params.accountId);
        if (!target) throw notFound();
        if (!(await setMemberRole(tx, networkId, req.params.id, req.params.accountId, req.body.role)))
          throw new Problem(409, 'circle.owner_stays');
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.member_role_changed',
          entityType: 'circle',
          entityId: req.params.id,
          details: { accountId: req.params.accountId, role: req.body.role },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof MemberParams> }>(
    '/:id/members/:accountId',
    {
      schema: {
        tags,
        summary:
          'Remove a member (the person at the centre also a proxy), or leave the circle (my own account id)',
        params: MemberParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.view);
        const target = await findMember(tx, networkId, req.params.id, req.params.accountId);
        if (!target) throw notFound();
        const self = target.account_id === l.accountId;
        const person = l.circle.person_account_id;
        const ownerRemoval =
          target.role === 'owner' &&
          circlePolicy.removeOwner(l.access, l.accountId === person, target.account_id === person);
        if (!ownerRemoval && !circlePolicy.removeMember(l.access, target.role, self)) {
          if (l.access.live && target.role === 'owner') throw new Problem(409, 'circle.owner_stays');
          throw refusal(l.access);
        }
        await removeMember(tx, networkId, req.params.id, target.account_id, ownerRemoval);
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: self ? 'circle.member_left' : 'circle.member_removed',
          entityType: 'circle',
          entityId: req.params.id,
          details: { accountId: target.account_id },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.put<{ Params: Static<typeof CircleParams>; Body: Static<typeof SettingsUpdate> }>(
    '/:id/settings',
    {
      schema: {
        tags,
        summary: 'My notification settings for this circle',
        params: CircleParams,
        body: SettingsUpdate,
        response: { 200: Settings, ...problems },
      },
    },
    async (req) => {
      const m = await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.view, circlePolicy.settings);
        return updateSettings(tx, networkId, req.params.id, l.accountId, req.body);
      });
      return {
        notifyNeeds: m.notify_needs,
        notifyUpdates: m.notify_updates,
        notifyReminders: m.notify_reminders,
        notifyEmail: m.notify_email,
        reminderHours: m.reminder_hours,
      };
    },
  );

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Open invitations (their links are not shown again)',
        params: CircleParams,
        response: { 200: Type.Object({ items: Type.Array(InvitationView) }), ...problems },
      },
    },
    async (req) => {
      const rows = await executeTx(db, async (tx) => {
        await loadCircle(app, req, tx, req.params.id, (a) => circlePolicy.invite(a, 'viewer'));
        return listOpenInvitations(tx, networkId, req.params.id);
      });
      return {
        items: rows.map((i) => ({
          id: i.id,
          role: i.role,
          email: i.email,
          createdAt: i.created_at.toISOString(),
          expiresAt: i.expires_at.toISOString(),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof InvitationCreate> }>(
    '/:id/invitations',
    {
      schema: {
        tags,
        summary:
          'Invite someone: with an email the link is emailed; without, the answer holds a one-time link to pass on',
        params: CircleParams,
        body: InvitationCreate,
        response: { 201: InvitationView, ...problems },
      },
    },
    async (req, reply) => {
      const token = newSecret();
      // Without a mail server an emailed invitation only waits in the outbox, so the one who invited
      // gets its link to pass on, as with an invitation by link: in this answer only, never again,
      // and the audit row records that it was shown.
      const mailHeld = Boolean(req.body.email) && !app.deps.config.smtpUrl;
      const inv = await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.view, (a) =>
          circlePolicy.invite(a, req.body.role),
        );
        if (req.body.role === 'person' && l.circle.person_account_id)
          throw new Problem(409, 'circle.person_has_account');
        const email = req.body.email ? normaliseEmail(req.body.email) : null;
        const inv = await insertInvitation(tx, networkId, {
          circleId: req.params.id,
          tokenHash: hashSecret(token),
          role: req.body.role,
          email,
          createdBy: l.accountId,
          days: invitationDays,
        });
        if (email) {
          const inviter = await findAccount(tx, networkId, l.accountId);
          const existing = await findAccountByEmail(tx, networkId, email);
          const locale = existing?.locale ?? req.locale;
          // the email names the inviter, not the person at the centre: mail is not a private channel
          const params = {
            inviter: inviter?.display_name ?? '',
            network: app.deps.network.name,
            days: invitationDays,
            link: joinLink(token),
          };
          await sendMail(
            tx,
            {
              networkId,
              to: email,
              subject: t(locale, 'email.circle_invitation.subject', params),
              text: t(locale, 'email.circle_invitation.body', params),
              secrets: [token],
              confidential: true,
            },
            Boolean(app.deps.config.smtpUrl),
          );
        }
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.member_invited',
          entityType: 'circle',
          entityId: req.params.id,
          details: { role: req.body.role, byEmail: Boolean(email), ...(mailHeld ? { linkShown: true } : {}) },
          ip: clientIp(req),
        });
        return inv;
      });
      return reply.code(201).send({
        id: inv.id,
        role: inv.role,
        email: inv.email,
        createdAt: inv.created_at.toISOString(),
        expiresAt: inv.expires_at.toISOString(),
        ...(inv.email && !mailHeld ? {} : { url: joinLink(token) }),
        ...(mailHeld ? { mailHeld: true } : {}),
      });
    },
  );

  app.delete<{ Params: Static<typeof InvitationParams> }>(
    '/:id/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Revoke an open invitation',
        params: InvitationParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadForChange(app, req, tx, req.params.id, circlePolicy.view, (a) =>
          circlePolicy.invite(a, 'viewer'),
        );
        if (!(await revokeInvitation(tx, networkId, req.params.id, req.params.invitationId)))
          throw notFound();
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.invitation_revoked',
          entityType: 'circle',
          entityId: req.params.id,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Body: Static<typeof InvitationLookup> }>(
    '/invitations/lookup',
    {
      schema: {
        tags,
        summary: 'What a circle invitation link is for (whoever holds the link)',
        body: InvitationLookup,
        response: { 200: InvitationPreview, ...problems },
      },
    },
    async (req) => {
      const inv = await findUsableInvitation(db, networkId, hashSecret(req.body.token));
      if (!inv) throw new Problem(404, 'circle.invitation_invalid');
      const known = inv.email ? await findAccountByEmail(db, networkId, inv.email) : undefined;
      return {
        personLabel: inv.person_label,
        inviterName: inv.inviter_name,
        role: inv.role,
        email: inv.email,
        needsDetails: !isSignedIn(req.actor) && !known,
        expiresAt: inv.expires_at.toISOString(),
      };
    },
  );

  app.post<{ Body: Static<typeof InvitationAccept> }>(
    '/invitations/accept',
    {
      schema: {
        tags,
        summary:
          'Join with a one-time link: signed in, as that account; otherwise the account is found or created and signed in — no password needed',
        body: InvitationAccept,
        response: { 200: InvitationAccepted, ...problems },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      assertPlainLanguageIsGerman(req.body);
      const result = await executeTx(db, async (tx) => {
        const inv = await findUsableInvitation(tx, networkId, hashSecret(req.body.token), true);
        if (!inv) throw new Problem(404, 'circle.invitation_invalid');
        let accountId: string;
        let name: string;
        if (isSignedIn(req.actor) && req.session) {
          if (inv.email && req.session.account.email !== inv.email)
            throw new Problem(409, 'circle.invitation_other_account');
          accountId = req.actor.accountId;
          name = req.session.account.displayName;
        } else {
          // An emailed link proves the address, so it signs that account in. A passed-on link proves
          // nothing about an address: it may create a new account, never enter an existing one.
          const email = inv.email ?? (req.body.email ? normaliseEmail(req.body.email) : null);
          if (!email)
            throw new Problem(400, 'validation', { fields: [{ field: '/email', code: 'field.required' }] });
          const existing = await findAccountByEmail(tx, networkId, email);
          if (existing && !inv.email) throw new Problem(409, 'circle.invitation_sign_in_first');
          if (existing?.blocked_at) throw new Problem(403, 'auth.blocked');
          if (existing) {
            accountId = existing.id;
            name = existing.display_name;
          } else {
            if (!req.body.displayName)
              throw new Problem(400, 'validation', {
                fields: [{ field: '/displayName', code: 'field.required' }],
              });
            const created = await createAccount(tx, {
              networkId,
              email,
              displayName: req.body.displayName,
              passwordHash: null,
              ...accountLanguage(req.body, req.locale),
              emailVerified: Boolean(inv.email),
            });
            accountId = created.id;
            name = created.display_name;
          }
        }
        if (!(await useInvitation(tx, networkId, inv.id, accountId)))
          throw new Problem(404, 'circle.invitation_invalid');
        // the person at the centre or their representative takes the circle over; whoever opened it for
        // them (a professional) cannot make themselves its owner with the link they made
        if (
          (inv.role === 'person' || inv.role === 'representative') &&
          accountId === inv.circle_created_by &&
          accountId !== inv.person_account_id
        )
          throw new Problem(409, 'circle.opener_not_owner');
        let role: CircleRole;
        if (inv.role === 'person') {
          if (inv.person_account_id) throw new Problem(409, 'circle.person_has_account');
          await setPersonAccount(tx, networkId, inv.circle_id, accountId);
          role = 'owner';
        } else if (inv.role === 'representative') {
          role = 'owner';
        } else {
          role = inv.role;
        }
        const before = await findMember(tx, networkId, inv.circle_id, accountId);
        await addMember(tx, networkId, inv.circle_id, accountId, role);
        await audit(tx, {
          networkId,
          actorId: accountId,
          action: 'circle.member_joined',
          entityType: 'circle',
          entityId: inv.circle_id,
          details: { role: inv.role },
          ip: clientIp(req),
        });
        if (inv.created_by !== accountId) {
          const inviter = await findMember(tx, networkId, inv.circle_id, inv.created_by);
          if (inviter)
            await notify(tx, {
              networkId,
              accountId: inv.created_by,
              kind: 'circle.member_joined',
              params: { name },
              link: webPaths.circle(inv.circle_id),
            });
        }
        return { accountId, circleId: inv.circle_id, role: before?.role === 'owner' ? 'owner' : role };
      });
      if (!req.session) await signIn(app, req, reply, result.accountId);
      return { circleId: result.circleId, role: result.role };
    },
  );
}
