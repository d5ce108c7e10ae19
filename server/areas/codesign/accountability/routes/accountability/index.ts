import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { CodesignOutcomeStatus } from '../../../../../db/schema.ts';
import { commandContext } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { IdParams, NoContent, Page, problems } from '../../../../../http/schemas.ts';
import { localDate } from '../../../../../platform/localTime.ts';
import { minPeoplePerCell } from '../../../../../platform/smallCells.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { projectFor } from '../../../projects/access.ts';
import { addReview, setAffectedGroups, setMethod, updateOutcome } from '../../commands/accountability.ts';
import { reachOf } from '../../reach.ts';
import {
  findOutcome,
  listAffected,
  listOutcomeUpdates,
  listReviews,
  projectsUsingMethod,
  type ReviewRow,
  toolMethods,
} from '../../repositories/accountability.ts';
import {
  AffectedSave,
  AffectedView,
  ListQuery,
  MethodParams,
  MethodSave,
  MethodUsageView,
  OutcomeSave,
  OutcomeUpdateView,
  OutcomeView,
  ReachView,
  ReviewCreate,
  ReviewView,
  ToolMethodsView,
} from './schema.ts';

const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : localDate(d));

function presentReview(r: ReviewRow) {
  return {
    id: r.id,
    heldOn: day(r.held_on),
    worked: r.worked,
    didNotWork: r.did_not_work,
    nextSteps: r.next_steps,
    judgedBy: r.judged_by,
    judgedStakes: r.judged_stakes as Static<typeof ReviewView>['judgedStakes'],
    author: r.author_name ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Accountability and learning of a project: who is affected vs who took part (every figure under the
 * small-cell rule), the outcome with its history, the reviews, and the method a tool applied — a page
 * of the participation playbook, whose usage across projects is listed here. Read by whoever may see
 * the project; written by its organisers (reviews also by its facilitators).
 */
export async function accountabilityRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  app.get<{ Params: Static<typeof IdParams> }>(
    '/projects/:id/reach',
    {
      schema: {
        tags,
        summary:
          'Who is affected vs who took part, per kind of group (groups of fewer than five people hidden)',
        params: IdParams,
        response: { 200: ReachView, ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id);
      return { ...(await reachOf(db, networkId, req.params.id)), minPeoplePerCell };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/projects/:id/affected-groups',
    {
      schema: {
        tags,
        summary: 'The groups the project is for, with the share of them it expects',
        params: IdParams,
        response: { 200: AffectedView, ...problems },
      },
    },
    async (req) => {
      const { may } = await projectFor(db, networkId, req.actor, req.params.id);
      const groups = await listAffected(db, networkId, req.params.id);
      return {
        groups: groups.map((g) => ({
          dimension: g.dimension,
          value: g.value,
          expectedShare: g.expected_share === null ? null : Number(g.expected_share),
        })),
        may: { organise: may.organise },
      };
    },
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof AffectedSave> }>(
    '/projects/:id/affected-groups',
    {
      schema: {
        tags,
        summary: 'Name the groups the project is for (replaces the list; organisers)',
        params: IdParams,
        body: AffectedSave,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await setAffectedGroups(db, commandContext(req, networkId), req.params.id, req.body.groups);
      return reply.code(204).send();
    },
  );

  async function outcomeView(actor: Actor, id: string) {
    const { may, project } = await projectFor(db, networkId, actor, id);
    const o = await findOutcome(db, networkId, id);
    const reviewOn = o?.review_on ? day(o.review_on) : null;
    return {
      outcome: o
        ? {
            status: o.status as CodesignOutcomeStatus,
            progress: o.progress,
            statement: o.statement,
            reviewOn,
            updatedAt: o.updated_at.toISOString(),
            updatedBy: o.updated_by_name ?? null,
            reviewDue: reviewOn !== null && reviewOn <= localDate(new Date()),
          }
        : null,
      project: { id: project.id, title: project.title },
      may: { organise: may.organise, facilitate: may.facilitate },
    };
  }

  app.get<{ Params: Static<typeof IdParams> }>(
    '/projects/:id/outcome',
    {
      schema: {
        tags,
        summary: "The project's outcome: status, progress, statement and review date",
        params: IdParams,
        response: { 200: OutcomeView, ...problems },
      },
    },
    async (req) => outcomeView(req.actor, req.params.id),
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof OutcomeSave> }>(
    '/projects/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Say where the result stands (organisers; 409 when someone saved in between)',
        params: IdParams,
        body: OutcomeSave,
        response: { 200: OutcomeView, ...problems },
      },
    },
    async (req) => {
      const { basedOn, ...f } = req.body;
      await updateOutcome(
        db,
        commandContext(req, networkId),
        req.params.id,
        { ...f, statement: f.statement.trim() },
        basedOn,
      );
      return outcomeView(req.actor, req.params.id);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof ListQuery> }>(
    '/projects/:id/outcome/updates',
    {
      schema: {
        tags,
        summary: "The outcome's history, newest first",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: Page(OutcomeUpdateView), ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id);
      const page = paging(req.query);
      const { items, total } = await listOutcomeUpdates(db, networkId, req.params.id, page);
      return {
        items: items.map((u) => ({
          id: u.id,
          status: u.status as CodesignOutcomeStatus,
          progress: u.progress,
          statement: u.statement,
          reviewOn: u.review_on ? day(u.review_on) : null,
          author: u.author_name ?? null,
          createdAt: u.created_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof ListQuery> }>(
    '/projects/:id/reviews',
    {
      schema: {
        tags,
        summary: "The project's reviews, latest first",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: Page(ReviewView), ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id);
      const page = paging(req.query);
      const { items, total } = await listReviews(db, networkId, req.params.id, page);
      return { items: items.map(presentReview), total, ...page };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ReviewCreate> }>(
    '/projects/:id/reviews',
    {
      schema: {
        tags,
        summary:
          'Write down a look back: what worked, what did not, who judged it (facilitators and organisers)',
        params: IdParams,
        body: ReviewCreate,
        response: { 201: ReviewView, ...problems },
      },
    },
    async (req, reply) => {
      const { nextReviewOn, ...b } = req.body;
      const id = await addReview(
        db,
        commandContext(req, networkId),
        req.params.id,
        {
          ...b,
          worked: b.worked.trim(),
          didNotWork: b.didNotWork.trim(),
          nextSteps: b.nextSteps.trim(),
          judgedBy: b.judgedBy.trim(),
        },
        nextReviewOn,
      );
      const { items } = await listReviews(db, networkId, req.params.id, { limit: 100, offset: 0 });
      const made = items.find((r) => r.id === id);
      return reply.code(201).send(made ? presentReview(made) : undefined);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/projects/:id/methods',
    {
      schema: {
        tags,
        summary: "The project's tools with the method (a playbook page) each applied",
        params: IdParams,
        response: { 200: ToolMethodsView, ...problems },
      },
    },
    async (req) => {
      const { may } = await projectFor(db, networkId, req.actor, req.params.id);
      const tools = await toolMethods(db, networkId, req.params.id);
      return {
        tools: tools.map((x) => ({
          id: x.id,
          title: x.title,
          kind: x.kind,
          phaseTitle: x.phase_title,
          method: x.method_page_id && x.method_title ? { id: x.method_page_id, title: x.method_title } : null,
        })),
        may: { organise: may.organise },
      };
    },
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof MethodSave> }>(
    '/tools/:id/method',
    {
      schema: {
        tags,
        summary: 'Name the method (a playbook page) a tool applies, or none (organisers)',
        params: IdParams,
        body: MethodSave,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await setMethod(db, commandContext(req, networkId), req.params.id, req.body.pageId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof MethodParams> }>(
    '/methods/:pageId/projects',
    {
      schema: {
        tags,
        summary: 'The projects that applied a method (a playbook page), with their outcome and latest review',
        params: MethodParams,
        response: { 200: MethodUsageView, ...problems },
      },
    },
    async (req) => {
      const rows = await projectsUsingMethod(db, networkId, req.params.pageId, req.actor);
      return {
        projects: rows.map((r) => ({
          id: r.project_id,
          title: r.title,
          status: r.status,
          tools: r.tools,
          outcome:
            r.outcome_status && r.progress !== null
              ? { status: r.outcome_status as CodesignOutcomeStatus, progress: r.progress }
              : null,
          review:
            r.review_id && r.held_on
              ? {
                  heldOn: day(r.held_on),
                  worked: r.worked ?? '',
                  didNotWork: r.did_not_work ?? '',
                  judgedBy: r.judged_by ?? '',
                }
              : null,
        })),
      };
    },
  );
}
