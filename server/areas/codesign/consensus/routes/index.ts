import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../../../db/tx.ts';
import { commandContext } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, problems } from '../../../../http/schemas.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { type ToolAccess, toolDoor, toolFor } from '../../projects/access.ts';
import { toolHeader } from '../../projects/present.ts';
import { closeProposal, createProposal, markReviewed, writeOutcome } from '../commands/proposals.ts';
import { takeStance, withdrawStance } from '../commands/stances.ts';
import {
  type Figures,
  findProposal,
  listProposals,
  listStances,
  type ProposalRow,
  proposalFigures,
  proposalPage,
} from '../repositories/proposals.ts';
import {
  OutcomeSave,
  ProposalAnswer,
  ProposalCreate,
  ProposalList,
  ProposalListQuery,
  ReviewSave,
  StanceList,
  StanceListQuery,
  StanceSave,
  StanceWithdraw,
  ToolParams,
} from './schema.ts';

/** Blocks shown with a proposal; more are in the list of stances. */
const blocksShown = 50;

/** Who sees who took which stance: the project's active participants and its facilitators (as in Loomio). */
const namesVisible = (a: ToolAccess) => a.may.facilitate || a.project.me?.status === 'active';

const effectiveClose = (p: ProposalRow, a: ToolAccess) =>
  a.tool.closes_at && a.tool.closes_at < p.closes_at ? a.tool.closes_at : p.closes_at;

async function present(db: Executor, networkId: string, a: ToolAccess, rows: ProposalRow[]) {
  const ids = rows.map((r) => r.id);
  const names = namesVisible(a);
  const figures = await proposalFigures(db, networkId, ids, {
    participantId: a.project.participantId,
    ...(names ? { blocks: blocksShown } : {}),
  });
  return presentWith(a, rows, figures);
}

function presentWith(a: ToolAccess, rows: ProposalRow[], figures: Map<string, Figures>) {
  const names = namesVisible(a);
  const now = new Date();
  return rows.map((r) => {
    const closesAt = effectiveClose(r, a);
    const f = figures.get(r.id)!;
    const m = f.mine;
    return {
      id: r.id,
      toolId: r.tool_id,
      title: r.title,
      body: r.body,
      ideaId: r.idea_id,
      closesAt: closesAt.toISOString(),
      open: a.open && now < closesAt,
      createdAt: r.created_at.toISOString(),
      tally: f.tally,
      mine: m ? { stance: m.stance, reason: m.reason, updatedAt: m.updated_at.toISOString() } : null,
      blocks: f.blocks,
      namesVisible: names,
      outcome:
        r.outcome && r.outcome_statement && r.outcome_at
          ? {
              outcome: r.outcome,
              statement: r.outcome_statement,
              by: r.outcome_by_name ?? '',
              at: r.outcome_at.toISOString(),
              reviewOn: r.review_on,
              reviewedAt: r.reviewed_at?.toISOString() ?? null,
              reviewNote: r.review_note,
            }
          : null,
    };
  });
}

/**
 * Consensus proposals (after Loomio): a consensus tool's proposals with their live tallies; a
 * participant's stance (agree / abstain / disagree / block, with a reason), changed or withdrawn
 * until the closing time, also entered for someone by a facilitator; closing early, the outcome with
 * a review date, and the review noted as done, by facilitators. Every route goes through the
 * project's door (toolFor): what one may not see answers 404.
 */
export async function consensusRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function proposalAccess(actor: Actor, id: string) {
    const p = await findProposal(db, networkId, id);
    if (!p) throw notFound();
    const a = await toolFor(db, networkId, actor, p.tool_id, ['consensus'], 'view');
    return { p, a };
  }

  /**
   * The proposal's page: one round trip (proposalPage) for the proposal, the door and the figures — a
   * second only for a facilitator who is not an active participant (the blocks).
   */
  async function answer(actor: Actor, id: string) {
    const page = await proposalPage(db, networkId, id, actor.accountId, blocksShown);
    if (!page) throw notFound();
    const a = toolDoor(actor, page.found, ['consensus'], 'view');
    const figures =
      namesVisible(a) && !page.blocksRead
        ? (
            await proposalFigures(db, networkId, [id], {
              participantId: a.project.participantId,
              blocks: blocksShown,
            })
          ).get(id)!
        : { ...page.figures, blocks: namesVisible(a) ? page.figures.blocks : [] };
    const [proposal] = presentWith(a, [page.proposal], new Map([[page.proposal.id, figures]]));
    return { tool: toolHeader(a), proposal: proposal! };
  }

  app.get<{ Params: Static<typeof ToolParams>; Querystring: Static<typeof ProposalListQuery> }>(
    '/tools/:toolId/proposals',
    {
      schema: {
        tags,
        summary: "A consensus tool's proposals, newest first, each with its tally and the reader's stance",
        params: ToolParams,
        querystring: ProposalListQuery,
        response: { 200: ProposalList, ...problems },
      },
    },
    async (req) => {
      const a = await toolFor(db, networkId, req.actor, req.params.toolId, ['consensus'], 'view');
      const page = paging(req.query);
      const { items, total } = await listProposals(db, networkId, a.tool.id, page);
      return { tool: toolHeader(a), items: await present(db, networkId, a, items), total, ...page };
    },
  );

  app.post<{ Params: Static<typeof ToolParams>; Body: Static<typeof ProposalCreate> }>(
    '/tools/:toolId/proposals',
    {
      schema: {
        tags,
        summary: 'Put a proposal to the group, with a closing time (facilitators)',
        params: ToolParams,
        body: ProposalCreate,
        response: { 201: ProposalAnswer, ...problems },
      },
    },
    async (req, reply) => {
      const id = await createProposal(db, commandContext(req, networkId), req.params.toolId, {
        title: req.body.title.trim(),
        body: req.body.body.trim(),
        ideaId: req.body.ideaId ?? null,
        closesAt: new Date(req.body.closesAt),
      });
      return reply.code(201).send(await answer(req.actor, id));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/proposals/:id',
    {
      schema: {
        tags,
        summary: 'A proposal with its live tally, who blocked and why, the reader’s stance and the outcome',
        params: IdParams,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => answer(req.actor, req.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof StanceListQuery> }>(
    '/proposals/:id/stances',
    {
      schema: {
        tags,
        summary: 'Who took which stance and why, blocks first (the project’s participants and facilitators)',
        params: IdParams,
        querystring: StanceListQuery,
        response: { 200: StanceList, ...problems },
      },
    },
    async (req) => {
      const { p, a } = await proposalAccess(req.actor, req.params.id);
      const page = paging(req.query);
      if (!namesVisible(a)) return { items: [], total: 0, ...page };
      const list = await listStances(db, networkId, p.id, {
        ...page,
        ...(req.query.stance ? { only: req.query.stance } : {}),
      });
      return { ...list, ...page };
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof StanceSave> }>(
    '/proposals/:id/stance',
    {
      schema: {
        tags,
        summary:
          'Take or change one’s stance (or, as a facilitator, a consenting participant’s) until it closes',
        params: IdParams,
        body: StanceSave,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => {
      await takeStance(db, commandContext(req, networkId), req.params.id, {
        stance: req.body.stance,
        reason: req.body.reason ?? '',
        ...(req.body.onBehalf ? { onBehalf: req.body.onBehalf } : {}),
      });
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof StanceWithdraw> }>(
    '/proposals/:id/stance/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw one’s stance (or a consenting participant’s) until it closes: it no longer counts',
        params: IdParams,
        body: StanceWithdraw,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => {
      await withdrawStance(db, commandContext(req, networkId), req.params.id, req.body.onBehalf);
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/proposals/:id/close',
    {
      schema: {
        tags,
        summary: 'End the voting now (facilitators)',
        params: IdParams,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => {
      await closeProposal(db, commandContext(req, networkId), req.params.id);
      return answer(req.actor, req.params.id);
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof OutcomeSave> }>(
    '/proposals/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Write what came of a closed proposal, with a review date (facilitators)',
        params: IdParams,
        body: OutcomeSave,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => {
      await writeOutcome(db, commandContext(req, networkId), req.params.id, {
        outcome: req.body.outcome,
        statement: req.body.statement.trim(),
        reviewOn: req.body.reviewOn,
      });
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ReviewSave> }>(
    '/proposals/:id/reviewed',
    {
      schema: {
        tags,
        summary: 'Note the review of a decision as done, with what the group found (facilitators)',
        params: IdParams,
        body: ReviewSave,
        response: { 200: ProposalAnswer, ...problems },
      },
    },
    async (req) => {
      await markReviewed(db, commandContext(req, networkId), req.params.id, req.body.note.trim());
      return answer(req.actor, req.params.id);
    },
  );
}
