import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { optionalBody } from '../../../../http/body.ts';
import { commandContext, requireAccount } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { IdParams, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { localDate } from '../../../../platform/localTime.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { findAccount } from '../../../../repositories/accounts.ts';
import {
  buildCertificate,
  type Certificate,
  renderCertificateHtml,
  renderCertificatePdf,
} from '../../certificates/volunteerCertificate.ts';
import { confirmHours } from '../../commands/confirmHours.ts';
import { hoursAbilities, hoursPolicy } from '../../policies/hours.ts';
import {
  confirmedHoursOf,
  creditRate,
  findHours,
  type HoursRow,
  insertHours,
  listHours,
  setCreditRate,
} from '../../repositories/hours.ts';
import { existingOrganisations, findOpportunity } from '../../repositories/opportunities.ts';
import {
  CertificateView,
  Decision,
  HoursListQuery,
  HoursLog,
  HoursPage,
  HoursView,
  OrganisationParams,
  Settings,
} from './schema.ts';

function present(h: HoursRow, actor: Actor) {
  return {
    id: h.id,
    volunteer: { id: h.account_id, name: h.volunteer_name },
    organisation: { id: h.organisation_id, name: h.organisation_name },
    opportunityId: h.opportunity_id,
    shiftId: h.shift_id,
    level: h.level,
    activity: h.activity,
    date: h.occurred_on,
    minutes: h.minutes,
    source: h.source,
    status: h.status,
    decidedAt: h.decided_at ? h.decided_at.toISOString() : null,
    decisionNote: h.decision_note,
    creditMinutes: h.credit_minutes,
    abilities: hoursAbilities(actor, h),
  };
}

export function localToday(): string {
  return localDate(new Date());
}

/** Volunteer hours: my history across organisations, logging, the coordinators' decisions, the certificate. */
export async function hoursRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['hours'];

  async function load(id: string, actor: Actor) {
    const h = await findHours(db, networkId, id);
    if (!h || !hoursPolicy.view(actor, h)) throw notFound();
    return h;
  }

  app.get<{ Querystring: Static<typeof HoursListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'My hours across all organisations, newest first',
        querystring: HoursListQuery,
        response: { 200: HoursPage, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const page = paging(req.query);
      const { items, total } = await listHours(db, networkId, {
        accountId,
        status: req.query.status,
        ...page,
      });
      return { items: items.map((h) => present(h, req.actor)), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof HoursLog> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Log hours I gave to an organisation; a coordinator of it confirms or rejects them',
        body: HoursLog,
        response: { 201: HoursView, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      if (!hoursPolicy.log(req.actor)) throw forbidden();
      const b = req.body;
      if (b.date > localToday())
        throw new Problem(422, 'hours.in_future', { fields: [{ field: '/date', code: 'field.invalid' }] });
      const id = await executeTx(db, async (tx) => {
        if ((await existingOrganisations(tx, networkId, [b.organisationId])).length === 0)
          throw new Problem(422, 'validation', {
            fields: [{ field: '/organisationId', code: 'field.invalid' }],
          });
        if (b.opportunityId) {
          const o = await findOpportunity(tx, networkId, b.opportunityId);
          if (!o || o.status === 'draft' || !o.organisations.some((x) => x.id === b.organisationId))
            throw new Problem(422, 'validation', {
              fields: [{ field: '/opportunityId', code: 'field.invalid' }],
            });
        }
        const row = await insertHours(tx, networkId, {
          accountId: ctx.actorId,
          organisationId: b.organisationId,
          opportunityId: b.opportunityId ?? null,
          shiftId: null,
          signupId: null,
          activity: b.activity.trim(),
          occurredOn: b.date,
          minutes: b.minutes,
          source: 'logged',
        });
        if (!row) throw new Error('hours entry not inserted');
        await audit(tx, {
          networkId,
          actorId: ctx.actorId,
          action: 'hours.logged',
          entityType: 'hours_entry',
          entityId: row.id,
          details: { organisationId: b.organisationId, minutes: b.minutes },
          ip: ctx.ip,
        });
        return row.id;
      });
      return reply.code(201).send(present(await load(id, req.actor), req.actor));
    },
  );

  app.get<{ Params: Static<typeof OrganisationParams>; Querystring: Static<typeof HoursListQuery> }>(
    '/organisations/:organisationId',
    {
      schema: {
        tags,
        summary: "An organisation's hours to decide (status=pending) or decided (its coordinators)",
        params: OrganisationParams,
        querystring: HoursListQuery,
        response: { 200: HoursPage, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!hoursPolicy.listForOrganisation(req.actor, req.params.organisationId)) throw forbidden();
      const page = paging(req.query);
      const { items, total } = await listHours(db, networkId, {
        organisationId: req.params.organisationId,
        status: req.query.status,
        ...page,
      });
      return { items: items.map((h) => present(h, req.actor)), total, ...page };
    },
  );

  async function certificateFor(req: FastifyRequest): Promise<Certificate> {
    const accountId = requireAccount(req);
    if (!hoursPolicy.certificate(req.actor)) throw forbidden();
    const person = await findAccount(db, networkId, accountId);
    if (!person) throw notFound();
    const rows = await confirmedHoursOf(db, networkId, accountId);
    return buildCertificate(
      { id: person.id, name: person.display_name },
      app.deps.network.name,
      localToday(),
      rows.map((r) => ({
        id: r.id,
        date: r.occurred_on,
        activity: r.activity,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        minutes: r.minutes,
        level: r.level,
        status: r.status,
      })),
    );
  }

  app.get(
    '/certificate',
    {
      schema: {
        tags,
        summary:
          'My volunteer certificate (Ehrenamtsnachweis): confirmed activities and hours with the issuing organisations',
        response: { 200: CertificateView, ...problems },
      },
    },
    async (req) => certificateFor(req),
  );

  app.get(
    '/certificate.html',
    {
      schema: {
        tags,
        summary: 'My volunteer certificate as a printable page',
        produces: ['text/html'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (req, reply) => {
      const html = renderCertificateHtml(await certificateFor(req), req.locale);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );

  app.get(
    '/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'My volunteer certificate as PDF',
        produces: ['application/pdf'],
        response: { 200: { type: 'string', format: 'binary' }, ...problems },
      },
    },
    async (req, reply) => {
      const c = await certificateFor(req);
      const pdf = await renderCertificatePdf(c, req.locale);
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="ehrenamtsnachweis-${c.issuedOn}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get<{ Params: Static<typeof OrganisationParams> }>(
    '/settings/:organisationId',
    {
      schema: {
        tags,
        summary: 'Time credits the organisation pays per confirmed hour (its staff and admins)',
        params: OrganisationParams,
        response: { 200: Settings, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!hoursPolicy.viewSettings(req.actor, req.params.organisationId)) throw forbidden();
      return { creditMinutesPerHour: await creditRate(db, networkId, req.params.organisationId) };
    },
  );

  app.put<{ Params: Static<typeof OrganisationParams>; Body: Static<typeof Settings> }>(
    '/settings/:organisationId',
    {
      schema: {
        tags,
        summary: 'Set the time credits per confirmed hour (organisation admins; 0 = none)',
        params: OrganisationParams,
        body: Settings,
        response: { 200: Settings, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      if (!hoursPolicy.changeSettings(req.actor, req.params.organisationId)) throw forbidden();
      await executeTx(db, async (tx) => {
        await setCreditRate(tx, networkId, req.params.organisationId, req.body.creditMinutesPerHour);
        await audit(tx, {
          networkId,
          actorId: ctx.actorId,
          action: 'participation.credit_rate_set',
          entityType: 'organisation',
          entityId: req.params.organisationId,
          details: { creditMinutesPerHour: req.body.creditMinutesPerHour },
          ip: ctx.ip,
        });
      });
      return { creditMinutesPerHour: req.body.creditMinutesPerHour };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One hours entry',
        params: IdParams,
        response: { 200: HoursView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return present(await load(req.params.id, req.actor), req.actor);
    },
  );

  for (const [path, confirm] of [
    ['/:id/confirm', true],
    ['/:id/reject', false],
  ] as const) {
    app.post<{ Params: { id: string }; Body: Static<typeof Decision> }>(
      path,
      {
        schema: {
          tags,
          summary: confirm
            ? 'Confirm hours (coordinators of the organisation; pays time credits if it set a rate)'
            : 'Reject hours (coordinators of the organisation)',
          params: IdParams,
          body: Decision,
          response: { 200: HoursView, ...problems },
        },
        preValidation: optionalBody,
      },
      async (req) => {
        await confirmHours(db, commandContext(req, networkId), req.params.id, {
          confirm,
          note: req.body.note,
        });
        return present(await load(req.params.id, req.actor), req.actor);
      },
    );
  }
}
