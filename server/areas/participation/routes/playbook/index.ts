import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { PlaybookChannel } from '../../../../db/schema.ts';
import { commandContext } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, Page, problems } from '../../../../http/schemas.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { createPlaybookPage, savePlaybookRevision } from '../../commands/savePlaybookPage.ts';
import { playbookPolicy } from '../../policies/playbook.ts';
import {
  findPage,
  findRevision,
  listPages,
  listRevisions,
  type RevisionRow,
} from '../../repositories/playbook.ts';
import { lineDiff } from './diff.ts';
import {
  DiffQuery,
  DiffView,
  PageListQuery,
  PageSave,
  RevisionParams,
  RevisionSave,
  RevisionSummary,
  RevisionView,
} from './schema.ts';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function summary(r: RevisionRow) {
  return {
    revision: r.revision,
    title: r.title,
    summary: r.summary,
    author: person(r.author_id, r.author_name),
    organisation: person(r.organisation_id, r.organisation_name),
    createdAt: r.created_at.toISOString(),
  };
}

function present(r: RevisionRow, currentRevision: number, actor: Actor) {
  return {
    ...summary(r),
    pageId: r.page_id,
    currentRevision,
    body: r.body,
    tags: r.tags,
    channels: r.channels as unknown as PlaybookChannel[],
    abilities: abilitiesOf(playbookPolicy, ['edit'], actor),
  };
}

/**
 * The participation playbook: know-how on participation methods shared by all organisations (what
 * worked, which channel reached whom), as pages with revisions and diffs.
 */
export async function playbookRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['playbook'];
  const fields = (b: Static<typeof PageSave>) => ({
    title: b.title.trim(),
    body: b.body,
    tags: (b.tags ?? []).map((t) => t.trim()),
    channels: b.channels ?? [],
    summary: b.summary ?? '',
    organisationId: b.organisationId ?? null,
  });

  async function revisionOf(pageId: string, revision: number | 'current') {
    const page = await findPage(db, networkId, pageId);
    if (!page) throw notFound();
    const r = await findRevision(
      db,
      networkId,
      pageId,
      revision === 'current' ? page.current_revision : revision,
    );
    if (!r) throw notFound();
    return { page, r };
  }

  app.get<{ Querystring: Static<typeof PageListQuery> }>(
    '/pages',
    {
      schema: {
        tags,
        summary: 'Playbook pages, most recently changed first (by tag or text)',
        querystring: PageListQuery,
        response: { 200: Page(RevisionView), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { items, total } = await listPages(db, networkId, { ...req.query, ...page });
      return { items: items.map((r) => present(r, r.revision, req.actor)), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof PageSave> }>(
    '/pages',
    {
      schema: {
        tags,
        summary: 'Start a page (staff and admins of any organisation)',
        body: PageSave,
        response: { 201: RevisionView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await createPlaybookPage(db, commandContext(req, networkId), fields(req.body));
      const { page, r } = await revisionOf(id, 'current');
      return reply.code(201).send(present(r, page.current_revision, req.actor));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'A page as it is now',
        params: IdParams,
        response: { 200: RevisionView, ...problems },
      },
    },
    async (req) => {
      const { page, r } = await revisionOf(req.params.id, 'current');
      return present(r, page.current_revision, req.actor);
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof RevisionSave> }>(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'Save a new revision (409 when someone saved since baseRevision)',
        params: IdParams,
        body: RevisionSave,
        response: { 200: RevisionView, ...problems },
      },
    },
    async (req) => {
      const { baseRevision, ...rest } = req.body;
      await savePlaybookRevision(
        db,
        commandContext(req, networkId),
        req.params.id,
        baseRevision,
        fields(rest),
      );
      const { page, r } = await revisionOf(req.params.id, 'current');
      return present(r, page.current_revision, req.actor);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/pages/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Every revision of a page, newest first',
        params: IdParams,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: RevisionSummary } } },
          ...problems,
        },
      },
    },
    async (req) => {
      const page = await findPage(db, networkId, req.params.id);
      if (!page) throw notFound();
      return { items: (await listRevisions(db, networkId, page.id)).map(summary) };
    },
  );

  app.get<{ Params: Static<typeof RevisionParams> }>(
    '/pages/:id/revisions/:revision',
    {
      schema: {
        tags,
        summary: 'A page as it was at one revision',
        params: RevisionParams,
        response: { 200: RevisionView, ...problems },
      },
    },
    async (req) => {
      const { page, r } = await revisionOf(req.params.id, req.params.revision);
      return present(r, page.current_revision, req.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof DiffQuery> }>(
    '/pages/:id/diff',
    {
      schema: {
        tags,
        summary: 'Line diff of the body between two revisions, with title and tag changes',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffView, ...problems },
      },
    },
    async (req) => {
      const a = (await revisionOf(req.params.id, req.query.from)).r;
      const b = (await revisionOf(req.params.id, req.query.to)).r;
      return {
        from: a.revision,
        to: b.revision,
        title: { from: a.title, to: b.title },
        tags: {
          added: b.tags.filter((t) => !a.tags.includes(t)),
          removed: a.tags.filter((t) => !b.tags.includes(t)),
        },
        lines: lineDiff(a.body, b.body),
      };
    },
  );
}
