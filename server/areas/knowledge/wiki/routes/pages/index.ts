import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandContext } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound } from '../../../../../http/problem.ts';
import { IdParams, NoContent, PageQuery, problems } from '../../../../../http/schemas.ts';
import { t } from '../../../../../i18n/messages.ts';
import { excerpt } from '../../../../../platform/markdown.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { followedAmong } from '../../../digests/repositories/follows.ts';
import { freshnessOf } from '../../../freshness/state.ts';
import {
  archivePage,
  changeSettings,
  createPage,
  EditConflict,
  restoreRevision,
  savePage,
} from '../../commands/savePage.ts';
import { renderPage } from '../../links.ts';
import { wikiPagePolicy } from '../../policies/wikiPage.ts';
import { listAttachments } from '../../repositories/attachments.ts';
import { backlinks, findRevision, listPages, listRevisions, type PageRow } from '../../repositories/pages.ts';
import { presentAttachment } from '../attachments/present.ts';
import { wordDiff } from './diff.ts';
import { loadPage } from './load.ts';
import {
  ConflictView,
  DiffQuery,
  DiffView,
  PageCreate,
  PageList,
  PageListQuery,
  PageSave,
  PageSettingsSave,
  PageView,
  RestoreSave,
  RevisionList,
  RevisionParams,
} from './schema.ts';

const person = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);
const organisation = (p: Pick<PageRow, 'organisation_id' | 'organisation_name' | 'organisation_slug'>) =>
  p.organisation_id
    ? { id: p.organisation_id, name: p.organisation_name ?? '', slug: p.organisation_slug ?? '' }
    : null;

/** The wikis the person may start pages in (null: the network's), with the organisations' names. */
async function creatableWikis(app: FastifyInstance, actor: Actor) {
  const out: ({ id: string; name: string } | null)[] = [];
  if (wikiPagePolicy.create(actor, null)) out.push(null);
  const orgs = [...actor.roles.keys()].filter((id) => wikiPagePolicy.create(actor, id));
  if (orgs.length > 0) {
    const rows = await app.deps.db.db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('network_id', '=', app.deps.network.id)
      .where('id', 'in', orgs)
      .orderBy('name')
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * The wiki: the network's pages and each organisation's, in Markdown with `[[links]]` between them,
 * every revision kept with its author, diffs and restore, archive; a save against an older revision
 * is answered 409 with both versions.
 */
export async function wikiPageRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['wiki'];

  /** A page as the person sees it, at its current revision or an earlier one. */
  async function present(page: PageRow, actor: Actor, revision = page.current_revision) {
    const r = await findRevision(db, networkId, page.id, revision);
    if (!r) throw notFound();
    const [rendered, fresh, followed, links, attachments] = await Promise.all([
      renderPage(
        db,
        networkId,
        actor,
        { id: page.id, organisationId: page.organisation_id, revision },
        r.body,
      ),
      freshnessOf(db, networkId, 'wiki_page', [page]),
      followedAmong(db, networkId, actor.accountId, 'wiki_page', [page.id]),
      backlinks(db, networkId, page.id, actor),
      listAttachments(db, networkId, page.id),
    ]);
    return {
      id: page.id,
      slug: page.slug,
      title: r.title,
      organisation: organisation(page),
      visibility: page.visibility,
      revision: r.revision,
      currentRevision: page.current_revision,
      body: r.body,
      html: rendered.html,
      summary: r.summary,
      restoredFrom: r.restored_from,
      author: person(r.author_id, r.author_name),
      revisedAt: r.created_at.toISOString(),
      createdAt: page.created_at.toISOString(),
      archivedAt: page.archived_at?.toISOString() ?? null,
      freshness: fresh.get(page.id)!,
      following: followed.has(page.id),
      backlinks: links.map((l) => ({
        id: l.id,
        title: l.title,
        organisation: l.organisation_id ? { id: l.organisation_id, name: l.organisation_name ?? '' } : null,
      })),
      missingLinks: rendered.missing,
      attachments: attachments.map((a) => presentAttachment(page.id, a)),
      abilities: { edit: wikiPagePolicy.edit(actor, page) },
    };
  }

  async function current(req: FastifyRequest, id: string) {
    return present(await loadPage(db, networkId, id, req.actor), req.actor);
  }

  /** The 409 of a save against an older revision: the problem, both versions as fields. */
  function conflict(req: FastifyRequest, reply: FastifyReply, err: EditConflict) {
    const c = err.current;
    return reply
      .code(409)
      .type('application/problem+json')
      .send({
        type: 'about:blank#wiki.edit_conflict',
        title: t(req.locale, 'wiki.edit_conflict', err.params),
        status: 409,
        code: 'wiki.edit_conflict',
        current: {
          revision: c.revision,
          title: c.title,
          body: c.body,
          summary: c.summary,
          author: person(c.author_id, c.author_name),
          createdAt: c.created_at.toISOString(),
        },
        yours: {
          baseRevision: err.yours.baseRevision,
          title: err.yours.title,
          body: err.yours.body,
          summary: err.yours.summary,
        },
      });
  }

  app.get<{ Querystring: Static<typeof PageListQuery> }>(
    '/pages',
    {
      schema: {
        tags,
        summary: 'Wiki pages the person may read, most recently changed first (by wiki, stale only, text)',
        querystring: PageListQuery,
        response: { 200: PageList, ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const canCreateIn = await creatableWikis(app, req.actor);
      const { items, total } = await listPages(db, networkId, req.actor, {
        organisationId: req.query.wiki,
        staleOnly: req.query.stale,
        q: req.query.q,
        archived: req.query.archived,
        editable: canCreateIn.map((w) => w?.id ?? null),
        ...page,
      });
      const fresh = await freshnessOf(db, networkId, 'wiki_page', items);
      return {
        items: items.map((p) => ({
          id: p.id,
          slug: p.slug,
          title: p.title,
          organisation: organisation(p),
          visibility: p.visibility,
          currentRevision: p.current_revision,
          excerpt: excerpt(p.body, 200),
          author: person(p.author_id, p.author_name),
          revisedAt: p.revised_at.toISOString(),
          archivedAt: p.archived_at?.toISOString() ?? null,
          freshness: fresh.get(p.id)!,
        })),
        total,
        ...page,
        canCreateIn,
      };
    },
  );

  app.post<{ Body: Static<typeof PageCreate> }>(
    '/pages',
    {
      schema: {
        tags,
        summary:
          "Start a page (network wiki: staff and admins of any organisation, instance admins; an organisation's: its staff and admins)",
        body: PageCreate,
        response: { 201: PageView, ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await createPage(db, commandContext(req, networkId), {
        title: b.title.trim(),
        body: b.body,
        summary: b.summary?.trim() ?? '',
        organisationId: b.organisationId ?? null,
        visibility: b.visibility ?? 'public',
        ownerId: b.ownerId,
        reviewIntervalDays: b.reviewIntervalDays,
      });
      return reply.code(201).send(await current(req, id));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'A page as it is now, with its backlinks, freshness and attachments',
        params: IdParams,
        response: { 200: PageView, ...problems },
      },
    },
    async (req) => current(req, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof PageSave> }>(
    '/pages/:id',
    {
      schema: {
        tags,
        summary:
          'Save a new revision (409 with the current revision and yours when someone saved since baseRevision)',
        params: IdParams,
        body: PageSave,
        response: { 200: PageView, ...problems, 409: ConflictView },
      },
    },
    async (req, reply) => {
      const { baseRevision, title, body, summary } = req.body;
      try {
        await savePage(db, commandContext(req, networkId), req.params.id, baseRevision, {
          title: title.trim(),
          body,
          summary: summary?.trim() ?? '',
        });
      } catch (err) {
        if (err instanceof EditConflict) return conflict(req, reply, err);
        throw err;
      }
      return current(req, req.params.id);
    },
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof PageSettingsSave> }>(
    '/pages/:id/settings',
    {
      schema: {
        tags,
        summary: 'Change who keeps the page current, its review interval or its visibility (editors)',
        params: IdParams,
        body: PageSettingsSave,
        response: { 200: PageView, ...problems },
      },
    },
    async (req) => {
      await changeSettings(db, commandContext(req, networkId), req.params.id, req.body);
      return current(req, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/pages/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a page: gone for readers and from search; its editors can bring it back',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await archivePage(db, commandContext(req, networkId), req.params.id, true);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/pages/:id/unarchive',
    {
      schema: {
        tags,
        summary: 'Bring an archived page back',
        params: IdParams,
        response: { 200: PageView, ...problems },
      },
    },
    async (req) => {
      await archivePage(db, commandContext(req, networkId), req.params.id, false);
      return current(req, req.params.id);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number; offset?: number } }>(
    '/pages/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Every revision of a page, newest first, with author and summary',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: RevisionList, ...problems },
      },
    },
    async (req) => {
      const page = await loadPage(db, networkId, req.params.id, req.actor);
      const p = paging(req.query);
      const { items, total } = await listRevisions(db, networkId, page.id, p);
      return {
        items: items.map((r) => ({
          revision: r.revision,
          title: r.title,
          summary: r.summary,
          restoredFrom: r.restored_from,
          author: person(r.author_id, r.author_name),
          createdAt: r.created_at.toISOString(),
          length: Number(r.length),
        })),
        total,
        ...p,
        currentRevision: page.current_revision,
      };
    },
  );

  app.get<{ Params: Static<typeof RevisionParams> }>(
    '/pages/:id/revisions/:revision',
    {
      schema: {
        tags,
        summary: 'A page as it was at one revision',
        params: RevisionParams,
        response: { 200: PageView, ...problems },
      },
    },
    async (req) =>
      present(await loadPage(db, networkId, req.params.id, req.actor), req.actor, req.params.revision),
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof DiffQuery> }>(
    '/pages/:id/diff',
    {
      schema: {
        tags,
        summary: 'Word diff of the text between any two revisions, with the title change',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffView, ...problems },
      },
    },
    async (req) => {
      const page = await loadPage(db, networkId, req.params.id, req.actor);
      const [a, b] = await Promise.all([
        findRevision(db, networkId, page.id, req.query.from),
        findRevision(db, networkId, page.id, req.query.to),
      ]);
      if (!a || !b) throw notFound();
      return {
        from: a.revision,
        to: b.revision,
        title: { from: a.title, to: b.title },
        ...wordDiff(a.body, b.body),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof RestoreSave> }>(
    '/pages/:id/restore',
    {
      schema: {
        tags,
        summary:
          'Bring an old revision back as a new one (409 with both versions when someone saved since baseRevision)',
        params: IdParams,
        body: RestoreSave,
        response: { 200: PageView, ...problems, 409: ConflictView },
      },
    },
    async (req, reply) => {
      try {
        await restoreRevision(
          db,
          commandContext(req, networkId),
          req.params.id,
          req.body.revision,
          req.body.baseRevision,
        );
      } catch (err) {
        if (err instanceof EditConflict) return conflict(req, reply, err);
        throw err;
      }
      return current(req, req.params.id);
    },
  );
}
