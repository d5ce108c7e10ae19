import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { t } from '../../../i18n/messages.ts';
import { sendMail } from '../../../platform/mail.ts';
import { notificationInsert } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { organisationPolicy } from '../../../policies/organisation.ts';
import { findAccount } from '../../../repositories/accounts.ts';
import {
  type EnquiryRow,
  enquiriesPerHour,
  enquiriesPerOrganisationPerDay,
  findEnquiry,
  insertEnquiry,
  listOrganisationEnquiries,
  listOwnEnquiries,
  mayAskAgain,
  organisationAdmins,
  setAnswered,
} from '../../../repositories/enquiries.ts';
import { findOrganisation } from '../../../repositories/organisations.ts';
import {
  EnquiryCreate,
  EnquiryListQuery,
  EnquiryPage,
  EnquiryParams,
  EnquiryUpdate,
  EnquiryView,
  OrganisationParams,
  OwnEnquiryListQuery,
} from './schema.ts';

function present(e: EnquiryRow) {
  return {
    id: e.id,
    organisation: { id: e.organisation_id, slug: e.organisation_slug, name: e.organisation_name },
    author: { id: e.author_id, name: e.author_name },
    subject: e.subject,
    message: e.message,
    contact: e.contact,
    createdAt: e.created_at.toISOString(),
    answeredAt: e.answered_at ? e.answered_at.toISOString() : null,
  };
}

/**
 * Enquiries: a person asks an organisation for help, or about something only its members may use,
 * so that nothing in the network is a wall to someone who does not belong to it. The organisation's
 * admins are told (in the app and by email), read them on the organisation's admin page and mark
 * them answered once they have answered by the contact the person gave; the person sees their own.
 *
 * Nothing of an enquiry goes into the audit log or an email's text — both are read by others (the
 * instance admins) — only into the notification of the admins it is for.
 */
export async function enquiryRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['enquiries'];

  async function organisation(idOrSlug: string) {
    const org = await findOrganisation(db, networkId, idOrSlug);
    if (!org) throw notFound();
    return org;
  }

  app.post<{ Params: Static<typeof OrganisationParams>; Body: Static<typeof EnquiryCreate> }>(
    '/organisations/:id/enquiries',
    {
      schema: {
        tags,
        summary: `Ask an organisation for help (anyone signed in; at most ${enquiriesPerHour} an hour, ${enquiriesPerOrganisationPerDay} a day to one organisation: 429 enquiry.throttled)`,
        params: OrganisationParams,
        body: EnquiryCreate,
        response: { 201: EnquiryView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      if (!organisationPolicy.ask(req.actor)) throw forbidden();
      const org = await organisation(req.params.id);
      const subject = requiredText(req.body.subject, '/subject');
      const message = requiredText(req.body.message, '/message');
      const contact = requiredText(req.body.contact, '/contact');
      const created = await executeTx(db, async (tx) => {
        if (!(await mayAskAgain(tx, networkId, actorId, org.id))) throw new Problem(429, 'enquiry.throttled');
        const { id } = await insertEnquiry(tx, networkId, {
          organisationId: org.id,
          authorId: actorId,
          subject,
          message,
          contact,
        });
        const author = await findAccount(tx, networkId, actorId);
        const admins = (await organisationAdmins(tx, networkId, org.id)).filter((a) => a.id !== actorId);
        const link = webPaths.organisationEnquiries(org.slug);
        await notificationInsert(
          tx,
          admins.map((a) => ({
            networkId,
            accountId: a.id,
            kind: 'enquiry.received' as const,
            params: { name: author?.display_name ?? '', organisation: org.name, subject },
            link,
          })),
        )?.execute();
        for (const a of admins) {
          const params = {
            name: a.display_name,
            organisation: org.name,
            network: app.deps.network.name,
            link: `${app.deps.config.publicUrl}${link}`,
          };
          await sendMail(
            tx,
            {
              networkId,
              to: a.email,
              subject: t(a.locale, 'email.enquiry.subject', params),
              text: t(a.locale, 'email.enquiry.body', params),
            },
            Boolean(app.deps.config.smtpUrl),
          );
        }
        return findEnquiry(tx, networkId, org.id, id);
      });
      if (!created) throw notFound();
      return reply.code(201).send(present(created));
    },
  );

  app.get<{ Params: Static<typeof OrganisationParams>; Querystring: Static<typeof EnquiryListQuery> }>(
    '/organisations/:id/enquiries',
    {
      schema: {
        tags,
        summary: "The organisation's enquiries, open ones first (its admins)",
        params: OrganisationParams,
        querystring: EnquiryListQuery,
        response: { 200: EnquiryPage, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const org = await organisation(req.params.id);
      if (!organisationPolicy.readEnquiries(req.actor, org)) throw forbidden();
      const page = paging(req.query);
      const { items, total, open } = await listOrganisationEnquiries(db, networkId, org.id, {
        status: req.query.status,
        ...page,
      });
      return { items: items.map(present), total, open, ...page };
    },
  );

  app.patch<{ Params: Static<typeof EnquiryParams>; Body: Static<typeof EnquiryUpdate> }>(
    '/organisations/:id/enquiries/:enquiryId',
    {
      schema: {
        tags,
        summary: 'Mark an enquiry answered, or open again (its organisation’s admins)',
        params: EnquiryParams,
        body: EnquiryUpdate,
        response: { 200: EnquiryView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const org = await organisation(req.params.id);
      // an enquiry is private to the one who asked and the admins: to everyone else it does not exist
      if (!organisationPolicy.readEnquiries(req.actor, org)) throw notFound();
      const updated = await executeTx(db, async (tx) => {
        const found = await findEnquiry(tx, networkId, org.id, req.params.enquiryId);
        if (!found) throw notFound();
        return setAnswered(tx, networkId, org.id, found.id, req.body.answered ? actorId : null);
      });
      if (!updated) throw notFound();
      return present(updated);
    },
  );

  app.get<{ Querystring: Static<typeof OwnEnquiryListQuery> }>(
    '/me/enquiries',
    {
      schema: {
        tags,
        summary: 'The enquiries I sent, newest first, with whether they were answered',
        querystring: OwnEnquiryListQuery,
        response: { 200: EnquiryPage, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const page = paging(req.query);
      const { items, total } = await listOwnEnquiries(db, networkId, actorId, page);
      return { items: items.map(present), total, ...page };
    },
  );
}
