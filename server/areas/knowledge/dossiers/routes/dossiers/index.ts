import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import { producesGeoJson, sendGeoJson } from '../../../../../http/geojson.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound } from '../../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../../http/schemas.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import { actsFor } from '../../../../../policies/actor.ts';
import {
  addEvidence,
  createDossier,
  discardDossier,
  editDossier,
  removeEvidence,
} from '../../commands/compileDossier.ts';
import { recordStep, sendDossier } from '../../commands/handleDossier.ts';
import { dossierPdf, itemsCsv, reportsGeoJson } from '../../exports.ts';
import { dossierPolicy } from '../../policies/dossier.ts';
import {
  findDossier,
  listDrafts,
  listInbox,
  listItems,
  listPublic,
  publicBodies,
  searchEvidence,
} from '../../repositories/dossiers.ts';
import { exportOf, presentDossier, summaryOf } from './present.ts';
import {
  CandidateView,
  Created,
  DossierCreate,
  DossierListQuery,
  DossierSave,
  DossierSummary,
  DossierView,
  EvidenceQuery,
  ItemAdd,
  ItemParams,
  PageOnly,
  RecipientList,
  SendBody,
  StepBody,
} from './schema.ts';

/**
 * Dossiers (/dossiers): evidence from the town — map reports, discussions, wiki pages — bundled for
 * a political body, sent to it, its handling tracked and its answer carried back to everyone who
 * contributed. Drafts are their compilers' alone (404 to everyone else); a sent dossier is public.
 */
export async function dossierRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const networkName = app.deps.network.name;
  const tags = ['dossiers'];

  async function visible(req: FastifyRequest, id: string) {
    const d = await findDossier(db, networkId, id);
    if (!d || !dossierPolicy.view(req.actor, d)) throw notFound();
    return d;
  }
  const show = async (req: FastifyRequest, id: string) =>
    presentDossier(db, networkId, networkName, await visible(req, id), req.actor);
  const acting = (req: FastifyRequest) =>
    [...req.actor.roles.keys()].filter((orgId) => actsFor(req.actor, orgId));
  const fileName = (title: string, ext: string) =>
    `dossier-${
      title
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'export'
    }.${ext}`;

  app.get<{ Querystring: Static<typeof DossierListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Sent dossiers, the public record, newest first (by words or status)',
        querystring: DossierListQuery,
        response: { 200: Page(DossierSummary), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { items, total } = await listPublic(db, networkId, { ...req.query, ...page });
      return { items: items.map((d) => summaryOf(d, networkName)), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof DossierCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Start a draft (instance admins for the network; staff and admins for their organisation)',
        body: DossierCreate,
        response: { 201: Created, ...problems },
      },
    },
    async (req, reply) => {
      const { organisationId, ...f } = req.body;
      const id = await createDossier(db, commandContext(req, networkId), organisationId, {
        title: f.title.trim(),
        summary: f.summary,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get<{ Querystring: Static<typeof PageOnly> }>(
    '/drafts',
    {
      schema: {
        tags,
        summary: 'Drafts the person compiles, last changed first',
        querystring: PageOnly,
        response: { 200: Page(DossierSummary), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const page = paging(req.query);
      const { items, total } = await listDrafts(
        db,
        networkId,
        { instanceAdmin: req.actor.isInstanceAdmin, organisationIds: acting(req) },
        page,
      );
      return { items: items.map((d) => summaryOf(d, networkName)), total, ...page };
    },
  );

  app.get<{ Querystring: Static<typeof PageOnly> }>(
    '/inbox',
    {
      schema: {
        tags,
        summary: 'Dossiers sent to the organisations the person acts for: waiting ones first',
        querystring: PageOnly,
        response: { 200: Page(DossierSummary), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const page = paging(req.query);
      const { items, total } = await listInbox(db, networkId, acting(req), page);
      return { items: items.map((d) => summaryOf(d, networkName)), total, ...page };
    },
  );

  app.get(
    '/recipients',
    {
      schema: {
        tags,
        summary: 'The public bodies of the network a dossier may be sent to',
        response: { 200: RecipientList, ...problems },
      },
    },
    async () => ({ items: await publicBodies(db, networkId) }),
  );

  app.get<{ Querystring: Static<typeof EvidenceQuery> }>(
    '/evidence',
    {
      schema: {
        tags,
        summary: 'What may be evidence (public and visible), by kind and words, newest first (for compilers)',
        querystring: EvidenceQuery,
        response: { 200: Page(CandidateView), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!dossierPolicy.create(req.actor)) throw notFound();
      if (req.query.dossierId) {
        const d = await findDossier(db, networkId, req.query.dossierId);
        if (!d || !dossierPolicy.view(req.actor, d)) throw notFound();
      }
      const page = paging(req.query);
      const { items, total } = await searchEvidence(db, networkId, req.query.type, { ...req.query, ...page });
      return {
        items: items.map((r) => ({
          type: r.item_type,
          id: r.item_id,
          title: r.title,
          excerpt: r.excerpt,
          district: r.district_id ? { id: r.district_id, name: r.district_name ?? '' } : null,
          added: r.added,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A dossier: summary, evidence, figures, handling, answer (a draft only for its compilers)',
        params: IdParams,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => show(req, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof DossierSave> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft’s title and summary (409 once sent)',
        params: IdParams,
        body: DossierSave,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => {
      await editDossier(db, commandContext(req, networkId), req.params.id, {
        title: req.body.title.trim(),
        summary: req.body.summary,
      });
      return show(req, req.params.id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft (409 once sent)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await discardDossier(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ItemAdd> }>(
    '/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a piece of evidence to a draft (422 when it is not public and visible)',
        params: IdParams,
        body: ItemAdd,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => {
      await addEvidence(db, commandContext(req, networkId), req.params.id, {
        type: req.body.type,
        id: req.body.itemId,
        note: (req.body.note ?? '').trim(),
      });
      return show(req, req.params.id);
    },
  );

  app.delete<{ Params: Static<typeof ItemParams> }>(
    '/:id/items/:type/:itemId',
    {
      schema: {
        tags,
        summary: 'Take a piece of evidence out of a draft',
        params: ItemParams,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => {
      await removeEvidence(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.type,
        req.params.itemId,
      );
      return show(req, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof SendBody> }>(
    '/:id/send',
    {
      schema: {
        tags,
        summary: 'Send a draft to a public body of the network, or by email to a body outside it',
        params: IdParams,
        body: SendBody,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => {
      const b = req.body;
      await sendDossier(
        db,
        commandContext(req, networkId),
        req.params.id,
        'organisationId' in b
          ? { organisationId: b.organisationId }
          : { email: b.email, name: b.name.trim() },
        { publicUrl: app.deps.config.publicUrl, networkName, smtp: Boolean(app.deps.config.smtpUrl) },
      );
      return show(req, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof StepBody> }>(
    '/:id/steps',
    {
      schema: {
        tags,
        summary: 'Record a step of the handling: received, on the agenda, answered (the receiving body)',
        params: IdParams,
        body: StepBody,
        response: { 200: DossierView, ...problems },
      },
    },
    async (req) => {
      const b = req.body;
      await recordStep(
        db,
        commandContext(req, networkId),
        req.params.id,
        b.step === 'on_agenda'
          ? { step: 'on_agenda', committee: b.committee.trim(), date: b.date }
          : b.step === 'answered'
            ? { step: 'answered', answer: b.answer }
            : { step: 'received' },
      );
      return show(req, req.params.id);
    },
  );

  async function exported(req: FastifyRequest, id: string) {
    const p = await show(req, id);
    const rows = await listItems(db, networkId, id);
    return exportOf(p, rows, `${app.deps.config.publicUrl}${webPaths.dossier(id)}`);
  }
  const privateOrPublic = (status: string) =>
    status === 'draft' ? 'private, no-store' : 'public, max-age=60';

  app.get<{ Params: { id: string } }>(
    '/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The dossier as a PDF to print or pass on',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: { type: 'string', format: 'binary' }, ...problems },
      },
    },
    async (req, reply) => {
      const d = await exported(req, req.params.id);
      const pdf = await dossierPdf(d, req.locale);
      return reply
        .type('application/pdf')
        .header('cache-control', privateOrPublic(d.sentAt ? 'sent' : 'draft'))
        .header('content-disposition', `inline; filename="${fileName(d.title, 'pdf')}"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/items.csv',
    {
      schema: {
        tags,
        summary: 'The dossier’s evidence as CSV',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (req, reply) => {
      const d = await exported(req, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', privateOrPublic(d.sentAt ? 'sent' : 'draft'))
        .header('content-disposition', `attachment; filename="${fileName(d.title, 'csv')}"`)
        .send(itemsCsv(d, req.locale));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/reports.geojson',
    {
      schema: {
        tags,
        summary: 'The dossier’s map reports as a GeoJSON FeatureCollection',
        params: IdParams,
        produces: producesGeoJson,
      },
    },
    async (req, reply) => {
      const d = await exported(req, req.params.id);
      reply.header('cache-control', privateOrPublic(d.sentAt ? 'sent' : 'draft'));
      return sendGeoJson(reply, reportsGeoJson(d), { download: fileName(d.title, 'geojson') });
    },
  );
}
