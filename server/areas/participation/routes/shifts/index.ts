import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { commandContext, requireAccount } from '../../../../http/context.ts';
import { type CsvStyle, csvLine, sendCsv } from '../../../../http/csv.ts';
import { forbidden, notFound } from '../../../../http/problem.ts';
import { IdParams, problems } from '../../../../http/schemas.ts';
import { t } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { formatSlot } from '../../../../platform/localTime.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { type Actor, isSignedIn } from '../../../../policies/actor.ts';
import { findAccount } from '../../../../repositories/accounts.ts';
import { changeShift } from '../../commands/changeShift.ts';
import { checkInToShift, markNoShow } from '../../commands/checkInToShift.ts';
import { signUpForShift } from '../../commands/signUpForShift.ts';
import { withdrawFromShift } from '../../commands/withdrawFromShift.ts';
import { opportunityPolicy, refOf } from '../../policies/opportunity.ts';
import { shiftPolicy } from '../../policies/shift.ts';
import { findOpportunity } from '../../repositories/opportunities.ts';
import {
  activeSignupOf,
  findShift,
  findSignup,
  mySignupsOn,
  roster,
  signupsOf,
} from '../../repositories/shifts.ts';
import { ShiftView } from '../opportunities/schema.ts';
import { presentShift } from './present.ts';
import {
  CheckInResult,
  MessageResult,
  MySignupsQuery,
  MySignupView,
  RosterView,
  ShiftMessage,
  ShiftUpdate,
  SignupParams,
  SignupResult,
  WithdrawResult,
} from './schema.ts';

/** The roster: commas, every field quoted. */
const rosterCsv: CsvStyle = { separator: ',', quote: 'always' };

/** Shifts: sign-up with waitlist, withdrawal, check-in, and the coordinator's roster and messages. */
export async function shiftRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const { config } = app.deps;
  const tags = ['shifts'];

  /** The shift and its opportunity, if the actor may see the opportunity. */
  async function load(id: string, actor: Actor) {
    const shift = await findShift(db, networkId, id);
    if (!shift) throw notFound();
    const opportunity = await findOpportunity(db, networkId, shift.opportunity_id);
    if (!opportunity || !opportunityPolicy.view(actor, refOf(opportunity))) throw notFound();
    return { shift, opportunity };
  }

  async function loadForCoordinator(id: string, actor: Actor) {
    const l = await load(id, actor);
    if (!shiftPolicy.viewRoster(actor, refOf(l.opportunity))) throw forbidden();
    return l;
  }

  /** The sign-up must belong to the shift in the path. */
  async function signupOn(shiftId: string, signupId: string) {
    const s = await findSignup(db, networkId, signupId);
    if (!s || s.shift_id !== shiftId) throw notFound();
    return s;
  }

  app.get<{ Querystring: Static<typeof MySignupsQuery> }>(
    '/mine',
    {
      schema: {
        tags,
        summary: 'My shifts (upcoming; past=true: all)',
        querystring: MySignupsQuery,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: MySignupView } } },
          ...problems,
        },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const rows = await signupsOf(db, networkId, accountId, !req.query.past);
      return {
        items: rows.map((r) => ({
          signupId: r.id,
          shiftId: r.shift_id,
          status: r.status,
          startsAt: r.starts_at.toISOString(),
          endsAt: r.ends_at.toISOString(),
          opportunity: { id: r.opportunity_id, title: r.opportunity_title, level: r.level },
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    { schema: { tags, summary: 'One shift', params: IdParams, response: { 200: ShiftView, ...problems } } },
    async (req) => {
      const { shift } = await load(req.params.id, req.actor);
      const mine = isSignedIn(req.actor)
        ? (await mySignupsOn(db, networkId, req.actor.accountId, [shift.id]))[0]
        : undefined;
      return presentShift(
        shift,
        mine ? { id: mine.id, status: mine.status, waitlistPosition: mine.position } : null,
      );
    },
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof ShiftUpdate> }>(
    '/:id',
    {
      schema: {
        tags,
        summary:
          'Change places, waitlist or note (coordinators); places never below those signed up; raised places go to the waitlist, longest waiting first',
        params: IdParams,
        body: ShiftUpdate,
        response: { 200: ShiftView, ...problems },
      },
    },
    async (req) => {
      await changeShift(db, { ...commandContext(req, networkId), config }, req.params.id, req.body);
      const updated = await findShift(db, networkId, req.params.id);
      if (!updated) throw notFound();
      return presentShift(updated, null);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/signup',
    {
      schema: {
        tags,
        summary: 'Sign up: a place if one is free, else the waitlist (409 when full and without waitlist)',
        params: IdParams,
        response: { 201: SignupResult, ...problems },
      },
    },
    async (req, reply) => {
      const r = await signUpForShift(db, commandContext(req, networkId), req.params.id);
      return reply.code(201).send({ signupId: r.signupId, status: r.status, waitlistPosition: r.position });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw my sign-up; the first person on the waitlist gets the place',
        params: IdParams,
        response: { 200: WithdrawResult, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      await load(req.params.id, req.actor);
      const mine = await activeSignupOf(db, networkId, req.params.id, ctx.actorId);
      if (!mine) throw notFound();
      const r = await withdrawFromShift(db, { ...ctx, config }, mine.id);
      return { promoted: r.promotedAccountId !== null };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/check-in',
    {
      schema: {
        tags,
        summary: 'Check myself in (from an hour before the start until the end); records the hours',
        params: IdParams,
        response: { 200: CheckInResult, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      await load(req.params.id, req.actor);
      const mine = await activeSignupOf(db, networkId, req.params.id, ctx.actorId);
      if (!mine) throw notFound();
      return checkInToShift(db, ctx, mine.id, 'self');
    },
  );

  app.post<{ Params: Static<typeof SignupParams> }>(
    '/:id/signups/:signupId/check-in',
    {
      schema: {
        tags,
        summary: 'Check someone in (coordinators; also corrects a no-show)',
        params: SignupParams,
        response: { 200: CheckInResult, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      await loadForCoordinator(req.params.id, req.actor);
      const s = await signupOn(req.params.id, req.params.signupId);
      return checkInToShift(db, ctx, s.id, 'coordinator');
    },
  );

  app.post<{ Params: Static<typeof SignupParams> }>(
    '/:id/signups/:signupId/no-show',
    {
      schema: {
        tags,
        summary: 'Mark someone who did not come (coordinators, once the shift has started)',
        params: SignupParams,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      await loadForCoordinator(req.params.id, req.actor);
      const s = await signupOn(req.params.id, req.params.signupId);
      await markNoShow(db, ctx, s.id);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof SignupParams> }>(
    '/:id/signups/:signupId',
    {
      schema: {
        tags,
        summary: 'Take someone off the shift (coordinators); the waitlist moves up',
        params: SignupParams,
        response: { 200: WithdrawResult, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      await loadForCoordinator(req.params.id, req.actor);
      const s = await signupOn(req.params.id, req.params.signupId);
      const r = await withdrawFromShift(db, { ...ctx, config }, s.id);
      return { promoted: r.promotedAccountId !== null };
    },
  );

  async function rosterOf(id: string, actor: Actor) {
    const { shift, opportunity } = await loadForCoordinator(id, actor);
    const rows = await roster(db, networkId, shift.id);
    let position = 0;
    return {
      shift: {
        id: shift.id,
        opportunityId: opportunity.id,
        opportunityTitle: opportunity.title,
        startsAt: shift.starts_at.toISOString(),
        endsAt: shift.ends_at.toISOString(),
        capacity: shift.capacity,
        signedUp: shift.signed_up,
      },
      items: rows.map((r) => ({
        signupId: r.id,
        accountId: r.account_id,
        name: r.display_name,
        email: r.email,
        status: r.status,
        waitlistPosition: r.status === 'waitlisted' ? ++position : null,
        signedUpAt: r.created_at.toISOString(),
        checkedInAt: r.checked_in_at ? r.checked_in_at.toISOString() : null,
      })),
      locales: rows.map((r) => r.locale),
    };
  }

  app.get<{ Params: { id: string } }>(
    '/:id/roster',
    {
      schema: {
        tags,
        summary: 'Who is on the shift and on its waitlist (coordinators)',
        params: IdParams,
        response: { 200: RosterView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const { locales: _, ...view } = await rosterOf(req.params.id, req.actor);
      return view;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/roster.csv',
    {
      schema: {
        tags,
        summary: 'The roster as CSV (coordinators)',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (req, reply) => {
      requireAccount(req);
      const r = await rosterOf(req.params.id, req.actor);
      const de = req.locale === 'de';
      const header = de
        ? ['Name', 'E-Mail', 'Status', 'Warteliste', 'Angemeldet', 'Eingecheckt']
        : ['Name', 'Email', 'Status', 'Waitlist', 'Signed up', 'Checked in'];
      const lines = [csvLine(rosterCsv, header)];
      for (const i of r.items) {
        lines.push(
          csvLine(rosterCsv, [
            i.name,
            i.email,
            i.status,
            i.waitlistPosition?.toString() ?? '',
            i.signedUpAt,
            i.checkedInAt ?? '',
          ]),
        );
      }
      const day = r.shift.startsAt.slice(0, 10);
      return sendCsv(reply, `roster-${day}-${r.shift.id.slice(0, 8)}.csv`, lines);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ShiftMessage> }>(
    '/:id/message',
    {
      schema: {
        tags,
        summary: 'Write to everyone signed up (in-app and by email; coordinators)',
        params: IdParams,
        body: ShiftMessage,
        response: { 200: MessageResult, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      const { shift, opportunity } = await load(req.params.id, req.actor);
      if (!shiftPolicy.message(req.actor, refOf(opportunity))) throw forbidden();
      const recipients = (await roster(db, networkId, shift.id)).filter(
        (r) =>
          r.status === 'signed_up' ||
          r.status === 'checked_in' ||
          (req.body.includeWaitlist && r.status === 'waitlisted'),
      );
      await executeTx(db, async (tx) => {
        const sender = await findAccount(tx, networkId, ctx.actorId);
        for (const r of recipients) {
          const slot = formatSlot(shift.starts_at, shift.ends_at, r.locale);
          await notify(tx, {
            networkId,
            accountId: r.account_id,
            kind: 'shift.message',
            params: { title: opportunity.title, subject: req.body.subject, slot },
            link: webPaths.opportunity(opportunity.id),
          });
          await sendMail(
            tx,
            {
              networkId,
              to: r.email,
              subject: req.body.subject,
              text: t(r.locale, 'email.shift_message.body', {
                title: opportunity.title,
                slot,
                sender: sender?.display_name ?? '',
                body: req.body.body,
                link: `${config.publicUrl}${webPaths.opportunity(opportunity.id)}`,
              }),
            },
            Boolean(config.smtpUrl),
          );
        }
        await audit(tx, {
          networkId,
          actorId: ctx.actorId,
          action: 'shift.messaged',
          entityType: 'shift',
          entityId: shift.id,
          details: { recipients: recipients.length, subject: req.body.subject },
          ip: ctx.ip,
        });
      });
      return { recipients: recipients.length };
    },
  );
}
