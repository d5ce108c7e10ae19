import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { CodesignStake } from '../../../../../db/schema.ts';
import type { Executor } from '../../../../../db/tx.ts';
import { commandContext } from '../../../../../http/context.ts';
import { NoContent, problems } from '../../../../../http/schemas.ts';
import { minPeoplePerCell, protectCell } from '../../../../../platform/smallCells.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { projectIdeaOptions } from '../../../ideas/index.ts';
import { toolFor } from '../../../projects/access.ts';
import { toolHeader } from '../../../projects/present.ts';
import { toolConfig } from '../../../projects/tools.ts';
import { addOptions, changeOption, removeOption, toolOfOption } from '../../commands/options.ts';
import { assistedParticipant, changeDots, saveRanking } from '../../commands/votes.ts';
import { dotsOf, dotTally, dotTallyByStake, dotVoters } from '../../repositories/dots.ts';
import { listOptions } from '../../repositories/options.ts';
import { rankingOf, rankingTally, rankingTallyByStake, rankingVoters } from '../../repositories/rankings.ts';
import {
  DotsChange,
  OptionIdParams,
  OptionSave,
  OptionsImport,
  RankingSave,
  ToolIdParams,
  VoteQuery,
  VoteView,
} from './schema.ts';

type Cell = { optionId: string; stake: string | null; total: number; people: number };

/**
 * The result by group, each cell shown only when at least five people stand behind it. Where one cell
 * of an option is hidden and the option's total is shown, the next smallest one is hidden too, so the
 * hidden one cannot be worked out by subtraction.
 */
export function groupCells(optionIds: readonly string[], rows: readonly Cell[]) {
  const groups = [...new Set(rows.map((r) => r.stake))].sort((a, b) => (a ?? '~').localeCompare(b ?? '~'));
  const hidden = new Set<string>();
  const at = (o: string, g: string | null) => rows.find((r) => r.optionId === o && r.stake === g);
  for (const o of optionIds) {
    const cells = groups.map((g) => ({ g, r: at(o, g) })).filter((c) => c.r && c.r.people > 0);
    const small = cells.filter((c) => (c.r?.people ?? 0) < minPeoplePerCell);
    for (const c of small) hidden.add(`${o}|${c.g}`);
    if (small.length === 1) {
      const next = cells
        .filter((c) => !hidden.has(`${o}|${c.g}`))
        .sort((a, b) => (a.r?.people ?? 0) - (b.r?.people ?? 0))[0];
      if (next) hidden.add(`${o}|${next.g}`);
    }
  }
  return groups.map((g) => ({
    group: g as CodesignStake | null,
    cells: optionIds.map((o) => {
      const r = at(o, g);
      const people = r?.people ?? 0;
      const cell = protectCell(hidden.has(`${o}|${g}`) ? Math.min(people, 1) : people, {
        people,
        total: r?.total ?? 0,
      });
      return { optionId: o, ...cell };
    }),
  }));
}

/**
 * Votes: dot voting and ranking in a co-design project. A tool's options with their results (dots and
 * people, or Borda points, first places and people; and by group under the small-cell rule), the
 * reader's own votes — or a participant's, for a facilitator entering a paper sheet for them — placing,
 * moving and taking away dots, saving a ranking, and the facilitators' list of options, typed in or
 * taken over from an ideas tool.
 */
export async function votesRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function voteView(tx: Executor, actor: Actor, toolId: string, forParticipant?: string) {
    const access = await toolFor(
      tx,
      networkId,
      actor,
      toolId,
      ['dots', 'ranking'],
      forParticipant ? 'facilitate' : 'view',
    );
    const participantId = forParticipant
      ? await assistedParticipant(tx, networkId, access.project.id, forParticipant)
      : access.project.me?.status === 'active'
        ? access.project.participantId
        : null;
    const options = await listOptions(tx, networkId, toolId);
    const ids = options.map((o) => o.id);
    if (access.tool.kind === 'dots') {
      const config = toolConfig('dots', access.tool.config);
      const tally = new Map((await dotTally(tx, networkId, toolId)).map((t) => [t.optionId, t]));
      const mine = participantId ? await dotsOf(tx, networkId, toolId, participantId) : null;
      return {
        tool: toolHeader(access),
        options: options.map((o) => ({
          id: o.id,
          title: o.title,
          description: o.description,
          position: o.position,
          sourceIdeaId: o.source_idea_id,
          total: tally.get(o.id)?.dots ?? 0,
          people: tally.get(o.id)?.people ?? 0,
          firsts: null,
        })),
        voters: await dotVoters(tx, networkId, toolId),
        participantId,
        dots: {
          budget: config.budget,
          maxPerOption: config.maxPerOption,
          used: mine?.used ?? 0,
          mine: mine?.perOption ?? [],
        },
        ranking: null,
        byGroup: groupCells(ids, await dotTallyByStake(tx, networkId, toolId)),
      };
    }
    const config = toolConfig('ranking', access.tool.config);
    const tally = new Map(
      (await rankingTally(tx, networkId, toolId, config.places)).map((t) => [t.optionId, t]),
    );
    return {
      tool: toolHeader(access),
      options: options.map((o) => ({
        id: o.id,
        title: o.title,
        description: o.description,
        position: o.position,
        sourceIdeaId: o.source_idea_id,
        total: tally.get(o.id)?.points ?? 0,
        people: tally.get(o.id)?.people ?? 0,
        firsts: tally.get(o.id)?.firsts ?? 0,
      })),
      voters: await rankingVoters(tx, networkId, toolId),
      participantId,
      dots: null,
      ranking: {
        places: config.places,
        mine: participantId ? await rankingOf(tx, networkId, toolId, participantId) : [],
      },
      byGroup: groupCells(ids, await rankingTallyByStake(tx, networkId, toolId, config.places)),
    };
  }

  const read = (actor: Actor, toolId: string, participantId?: string) =>
    db.transaction().execute((tx) => voteView(tx, actor, toolId, participantId));

  app.get<{ Params: Static<typeof ToolIdParams>; Querystring: Static<typeof VoteQuery> }>(
    '/:toolId',
    {
      schema: {
        tags,
        summary:
          "A dots or ranking tool: its options with their results, by group (small cells hidden), and the reader's votes (a facilitator: a participant's)",
        params: ToolIdParams,
        querystring: VoteQuery,
        response: { 200: VoteView, ...problems },
      },
    },
    async (req) => read(req.actor, req.params.toolId, req.query.participantId),
  );

  app.post<{ Params: Static<typeof ToolIdParams>; Body: Static<typeof DotsChange> }>(
    '/:toolId/dots',
    {
      schema: {
        tags,
        summary:
          'Place dots on an option, take them away or move them (for oneself, or a facilitator for a participant)',
        params: ToolIdParams,
        body: DotsChange,
        response: { 200: VoteView, ...problems },
      },
    },
    async (req) => {
      const { onBehalf, ...change } = req.body;
      const { participantId } = await changeDots(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        { ...change, count: change.count ?? 1 },
        onBehalf,
      );
      return read(req.actor, req.params.toolId, onBehalf ? participantId : undefined);
    },
  );

  app.put<{ Params: Static<typeof ToolIdParams>; Body: Static<typeof RankingSave> }>(
    '/:toolId/ranking',
    {
      schema: {
        tags,
        summary: 'Save a ranking, first place first (an empty list takes it back)',
        params: ToolIdParams,
        body: RankingSave,
        response: { 200: VoteView, ...problems },
      },
    },
    async (req) => {
      const { participantId } = await saveRanking(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        req.body.optionIds,
        req.body.onBehalf,
      );
      return read(req.actor, req.params.toolId, req.body.onBehalf ? participantId : undefined);
    },
  );

  app.post<{ Params: Static<typeof ToolIdParams>; Body: Static<typeof OptionSave> }>(
    '/:toolId/options',
    {
      schema: {
        tags,
        summary: 'Add an option to vote on (facilitators)',
        params: ToolIdParams,
        body: OptionSave,
        response: { 201: VoteView, ...problems },
      },
    },
    async (req, reply) => {
      const { title, description = '' } = req.body;
      await addOptions(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        [{ title, description }],
        false,
      );
      return reply.code(201).send(await read(req.actor, req.params.toolId));
    },
  );

  app.post<{ Params: Static<typeof ToolIdParams>; Body: Static<typeof OptionsImport> }>(
    '/:toolId/options/import',
    {
      schema: {
        tags,
        summary:
          "Take the project's ideas over as options (facilitators): those marked for the decide phase, or all; one taken over before is skipped",
        params: ToolIdParams,
        body: OptionsImport,
        response: { 200: VoteView, ...problems },
      },
    },
    async (req) => {
      // the ideas come from the project's own ideas tools, never from the request
      const access = await toolFor(
        db,
        networkId,
        req.actor,
        req.params.toolId,
        ['dots', 'ranking'],
        'facilitate',
      );
      const ideas = await projectIdeaOptions(db, networkId, access.project.id, {
        selectedOnly: req.body.selectedOnly ?? true,
      });
      if (ideas.length > 0)
        await addOptions(
          db,
          commandContext(req, networkId),
          req.params.toolId,
          ideas.slice(0, 40).map((i) => ({
            title: i.title.length > 120 ? `${i.title.slice(0, 119)}…` : i.title,
            description: '',
            sourceIdeaId: i.id,
          })),
          true,
        );
      return read(req.actor, req.params.toolId);
    },
  );

  app.put<{ Params: Static<typeof OptionIdParams>; Body: Static<typeof OptionSave> }>(
    '/options/:id',
    {
      schema: {
        tags,
        summary: 'Change an option’s title and description (facilitators)',
        params: OptionIdParams,
        body: OptionSave,
        response: { 200: VoteView, ...problems },
      },
    },
    async (req) => {
      const ctx = commandContext(req, networkId);
      await changeOption(db, ctx, req.params.id, {
        title: req.body.title,
        description: req.body.description ?? '',
      });
      return read(req.actor, await toolOfOption(db, ctx, req.params.id));
    },
  );

  app.delete<{ Params: Static<typeof OptionIdParams> }>(
    '/options/:id',
    {
      schema: {
        tags,
        summary: 'Remove an option (facilitators); while the vote is open its dots go back to the people',
        params: OptionIdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removeOption(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );
}
