import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { FreshnessTarget } from '../../../../../db/schema.ts';
import type { Executor } from '../../../../../db/tx.ts';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound, Problem } from '../../../../../http/problem.ts';
import { Page, problems, Uuid } from '../../../../../http/schemas.ts';
import { type Actor, isSignedIn } from '../../../../../policies/actor.ts';
import { changeFreshness } from '../../commands/changeFreshness.ts';
import { confirmFreshness } from '../../commands/confirmFreshness.ts';
import { reportOutdated } from '../../commands/reportOutdated.ts';
import { freshnessPolicy } from '../../policies/freshness.ts';
import {
  findSubject,
  hasOpenNote,
  listStale,
  openNotes,
  ownerCandidates,
  type SubjectRow,
} from '../../repositories/freshness.ts';
import { freshnessOf } from '../../state.ts';
import {
  FreshnessChangeSave,
  FreshnessDetail,
  OutdatedSave,
  StaleItem,
  StaleQuery,
  TargetParams,
} from './schema.ts';

type Params = Static<typeof TargetParams>;
const day = 86_400_000;

const targetView = (
  type: FreshnessTarget,
  r: {
    id: string;
    title: string;
    slug: string | null;
    organisationId: string | null;
    organisationName: string | null;
    organisationSlug: string | null;
  },
) => ({
  type,
  id: r.id,
  title: r.title,
  slug: r.slug,
  organisation:
    r.organisationId && r.organisationName !== null && r.organisationSlug !== null
      ? { id: r.organisationId, name: r.organisationName, slug: r.organisationSlug }
      : null,
});

/**
 * Freshness (Wissen): whether a wiki page or a map report is still correct. Its owner and editors
 * say "still correct" (which resolves readers' notes), readers say "this is out of date" with a
 * note, owner and review interval can be changed, and everyone signed in has the list of stale
 * things they are asked to check — for the network's coordinator (an instance admin), all of them.
 * A thing the caller may not see answers 404 on every route, exactly like a missing one.
 */
export async function freshnessRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['knowledge'];

  async function visible(ex: Executor, actor: Actor, { targetType, targetId }: Params): Promise<SubjectRow> {
    const s = await findSubject(ex, networkId, targetType, targetId);
    if (!s || !freshnessPolicy.see(actor, s)) throw notFound();
    return s;
  }

  async function detail(actor: Actor, params: Params) {
    const s = await visible(db, actor, params);
    const confirm = freshnessPolicy.confirm(actor, s);
    const [freshness, notes, candidates, mine] = await Promise.all([
      freshnessOf(db, networkId, s.type, [s]),
      confirm ? openNotes(db, networkId, s.type, s.id) : Promise.resolve([]),
      confirm ? ownerCandidates(db, networkId, s) : Promise.resolve([]),
      isSignedIn(actor) ? hasOpenNote(db, networkId, s.type, s.id, actor.accountId) : Promise.resolve(false),
    ]);
    return {
      target: targetView(s.type, s),
      freshness: freshness.get(s.id)!,
      abilities: { confirm, report: freshnessPolicy.report(actor, s) },
      reportedByMe: mine,
      notes: notes.map((n) => ({
        id: n.id,
        note: n.note,
        reporter: n.reporter_id ? { id: n.reporter_id, name: n.reporter_name ?? '' } : null,
        createdAt: n.created_at.toISOString(),
      })),
      ownerCandidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    };
  }

  app.get<{ Querystring: Static<typeof StaleQuery> }>(
    '/stale',
    {
      schema: {
        tags,
        summary:
          'Stale wiki pages and map reports the caller is asked to check (instance admins: all they may see), most overdue first',
        querystring: StaleQuery,
        response: { 200: Page(StaleItem), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const actor = req.actor as Actor & { accountId: string };
      const page = paging(req.query);
      const now = new Date();
      const { items, total } = await listStale(db, networkId, actor, { scope: 'confirmable', ...page, now });
      const byType = (t: FreshnessTarget) =>
        freshnessOf(
          db,
          networkId,
          t,
          items.filter((i) => i.target_type === t),
          now,
        );
      const [wiki, reports] = await Promise.all([byType('wiki_page'), byType('map_report')]);
      return {
        items: items.map((i) => ({
          target: targetView(i.target_type, {
            id: i.id,
            title: i.title,
            slug: i.slug,
            organisationId: i.organisation_id,
            organisationName: i.organisation_name,
            organisationSlug: i.organisation_slug,
          }),
          freshness: (i.target_type === 'wiki_page' ? wiki : reports).get(i.id)!,
          overdueDays: Math.max(0, Math.floor((now.getTime() - i.due_at.getTime()) / day)),
        })),
        total,
        ...page,
      };
    },
  );

  app.get<{ Params: Params }>(
    '/:targetType/:targetId',
    {
      schema: {
        tags,
        summary:
          'How fresh a wiki page or map report is, what the caller may do, and (for its owner) the open notes',
        params: TargetParams,
        response: { 200: FreshnessDetail, ...problems },
      },
    },
    async (req) => detail(req.actor, req.params),
  );

  app.post<{ Params: Params }>(
    '/:targetType/:targetId/confirm',
    {
      schema: {
        tags,
        summary:
          '"Still correct": checked now; resolves readers\' open notes (owner, editors, instance admins)',
        params: TargetParams,
        response: { 200: FreshnessDetail, ...problems },
      },
    },
    async (req) => {
      await confirmFreshness(db, commandContext(req, networkId), req.params.targetType, req.params.targetId);
      return detail(req.actor, req.params);
    },
  );

  app.post<{ Params: Params; Body: Static<typeof OutdatedSave> }>(
    '/:targetType/:targetId/outdated',
    {
      schema: {
        tags,
        summary: '"This is out of date", with a note (anyone signed in who may see it; one open note each)',
        params: TargetParams,
        body: OutdatedSave,
        response: { 201: Type.Object({ id: Uuid }), ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      const note = req.body.note.trim();
      if (note.length === 0)
        throw new Problem(422, 'validation', { fields: [{ field: '/note', code: 'field.required' }] });
      const id = await reportOutdated(db, ctx, req.params.targetType, req.params.targetId, note);
      return reply.code(201).send({ id });
    },
  );

  app.patch<{ Params: Params; Body: Static<typeof FreshnessChangeSave> }>(
    '/:targetType/:targetId',
    {
      schema: {
        tags,
        summary: 'Change who keeps it current (one of its editors) and how often it is checked',
        params: TargetParams,
        body: FreshnessChangeSave,
        response: { 200: FreshnessDetail, ...problems },
      },
    },
    async (req) => {
      await changeFreshness(
        db,
        commandContext(req, networkId),
        req.params.targetType,
        req.params.targetId,
        req.body,
      );
      return detail(req.actor, req.params);
    },
  );
}
