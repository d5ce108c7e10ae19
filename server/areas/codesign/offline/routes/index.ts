import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { codesignToolKinds } from '../../../../db/schema.ts';
import { commandContext } from '../../../../http/context.ts';
import { csvLine, sendCsv } from '../../../../http/csv.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../http/schemas.ts';
import { protectCell } from '../../../../platform/smallCells.ts';
import { projectFor, type ToolAccess, toolFor } from '../../projects/access.ts';
import { webPaths } from '../../projects/area.ts';
import { toolHeader } from '../../projects/present.ts';
import { contributorsOf } from '../../projects/repositories/contributors.ts';
import {
  addAssisted,
  changeAssistedGroups,
  claimParticipation,
  issueClaimCode,
  withdrawConsent,
} from '../commands/assisted.ts';
import { saveMeeting } from '../commands/meetings.ts';
import { addTally, removeTally } from '../commands/tallies.ts';
import {
  type AssistedRow,
  findMeeting,
  listAssisted,
  listTallies,
  type TallyRow,
} from '../repositories/offline.ts';
import {
  AssistedCreate,
  AssistedListQuery,
  AssistedView,
  ClaimBody,
  ClaimCodeView,
  ClaimedView,
  Groups,
  KitView,
  MeetingSave,
  MeetingView,
  ParticipantParams,
  ProjectParams,
  TallyCreate,
  TallyList,
  TallyView,
  ToolParams,
} from './schema.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function assistedView(r: AssistedRow, now = new Date()) {
  return {
    id: r.id,
    name: r.account_name ?? r.display_name ?? '',
    hasAccount: r.account_id !== null,
    consent: r.consent,
    consentAt: iso(r.consent_at),
    consentRecordedBy: r.recorded_by_name,
    consentWithdrawnAt: iso(r.consent_withdrawn_at),
    status: r.status,
    groups: {
      districtId: r.district_id,
      districtName: r.district_name,
      ageBand: r.age_band,
      stake: r.stake,
      language: r.language,
    },
    claimExpiresAt: r.claim_expires_at && r.claim_expires_at > now ? r.claim_expires_at.toISOString() : null,
    claimedAt: iso(r.claimed_at),
    assistedContributions: Number(r.assisted),
  };
}

export function tallyView(t: TallyRow) {
  return {
    id: t.id,
    toolId: t.tool_id,
    toolTitle: t.tool_title,
    meetingId: t.meeting_id,
    people: t.people,
    channel: t.channel,
    note: t.note,
    counts: t.counts.map((c) => ({ optionRef: c.option_ref, label: c.label, count: c.count })),
    enteredBy: t.entered_by_name,
    enteredAt: t.entered_at.toISOString(),
  };
}

/**
 * Offline participation (issue #15, Deliver 2 and 3): assisted people with their consent and claim
 * codes, meeting records, tallies of paper posters and shows of hands, and what a paper kit prints.
 * Every route goes through the project's door (projects/access.ts): what the reader may not see does
 * not exist.
 */
export async function offlineRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function oneAssisted(projectId: string, id: string) {
    const { items } = await listAssisted(db, networkId, projectId, {
      usable: false,
      limit: 1,
      offset: 0,
      id,
    });
    const row = items[0];
    if (!row) throw notFound();
    return assistedView(row);
  }

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof AssistedListQuery> }>(
    '/projects/:id/assisted',
    {
      schema: {
        tags,
        summary:
          "The project's people with recorded consent for assisted entry, withdrawn last (its facilitators)",
        params: ProjectParams,
        querystring: AssistedListQuery,
        response: { 200: Page(AssistedView), ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id, 'facilitate');
      const page = paging(req.query);
      const { items, total } = await listAssisted(db, networkId, req.params.id, {
        usable: req.query.usable ?? false,
        ...page,
      });
      return { items: items.map((r) => assistedView(r)), total, ...page };
    },
  );

  app.post<{ Params: Static<typeof ProjectParams>; Body: Static<typeof AssistedCreate> }>(
    '/projects/:id/assisted',
    {
      schema: {
        tags,
        summary:
          'Add a person with their consent: a member (by e-mail) or a person without an account under the name they chose',
        params: ProjectParams,
        body: AssistedCreate,
        response: { 201: AssistedView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await addAssisted(db, commandContext(req, networkId), req.params.id, req.body);
      return reply.code(201).send(await oneAssisted(req.params.id, id));
    },
  );

  app.put<{ Params: Static<typeof ParticipantParams>; Body: Static<typeof Groups> }>(
    '/projects/:id/assisted/:participantId/groups',
    {
      schema: {
        tags,
        summary: "Record an assisted person's groups as they gave them",
        params: ParticipantParams,
        body: Groups,
        response: { 200: AssistedView, ...problems },
      },
    },
    async (req) => {
      await changeAssistedGroups(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.participantId,
        req.body,
      );
      return oneAssisted(req.params.id, req.params.participantId);
    },
  );

  app.post<{ Params: Static<typeof ParticipantParams> }>(
    '/projects/:id/assisted/:participantId/withdraw',
    {
      schema: {
        tags,
        summary:
          'The person withdrew their consent: nothing more is entered for them; what was entered stays, marked',
        params: ParticipantParams,
        response: { 200: AssistedView, ...problems },
      },
    },
    async (req) => {
      await withdrawConsent(db, commandContext(req, networkId), req.params.id, req.params.participantId);
      return oneAssisted(req.params.id, req.params.participantId);
    },
  );

  app.post<{ Params: Static<typeof ParticipantParams> }>(
    '/projects/:id/assisted/:participantId/claim-code',
    {
      schema: {
        tags,
        summary:
          'A new claim code for a person without an account, shown once to hand over on paper (only its hash is kept; it expires)',
        params: ParticipantParams,
        response: { 201: ClaimCodeView, ...problems },
      },
    },
    async (req, reply) => {
      const { code, expiresAt } = await issueClaimCode(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.participantId,
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ code, expiresAt: expiresAt.toISOString() });
    },
  );

  app.post<{ Body: Static<typeof ClaimBody> }>(
    '/claim',
    {
      schema: {
        tags,
        summary:
          'Take over one’s participation with the claim code staff handed over: the contributions become the account’s',
        body: ClaimBody,
        response: { 200: ClaimedView, ...problems },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => claimParticipation(db, commandContext(req, networkId), req.body.code),
  );

  async function meetingView(access: ToolAccess) {
    const m = await findMeeting(db, networkId, access.tool.id);
    const facilitator = access.may.facilitate;
    let record = null;
    if (m) {
      const who = facilitator
        ? await contributorsOf(
            db,
            networkId,
            m.attendees.map((a) => a.contribution_id),
          )
        : new Map();
      record = {
        id: m.id,
        heldOn: String(m.held_on).slice(0, 10),
        place: m.place,
        facilitator: m.facilitator,
        people: m.people,
        attendance: m.attendance.map((a) => {
          // facilitators entered the numbers themselves; everyone else sees no group of 1 to 4 people
          const cell = facilitator
            ? { people: a.people, suppressed: false }
            : protectCell(a.people, { people: a.people });
          return {
            dimension: a.dimension,
            value: a.value,
            label: a.district_name,
            people: cell.people,
            suppressed: cell.suppressed,
          };
        }),
        attendees: m.attendees.flatMap((a) => {
          const c = who.get(a.contribution_id);
          return c
            ? [
                {
                  participantId: a.participant_id,
                  name: c.name,
                  channel: c.channel,
                  assistedBy: c.assistedBy,
                },
              ]
            : [];
        }),
        notes: m.notes,
        decisions: m.decisions,
        recordedBy: m.recorded_by_name,
        recordedAt: m.recorded_at.toISOString(),
        updatedAt: m.updated_at.toISOString(),
      };
    }
    const tallies = m ? await listTallies(db, networkId, { meetingId: m.id }) : [];
    return { tool: toolHeader(access), record, tallies: tallies.map(tallyView) };
  }

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/meetings/:toolId',
    {
      schema: {
        tags,
        summary:
          "A meeting tool's record: when, where, who came by group (small groups hidden but to facilitators), decisions, tallies",
        params: ToolParams,
        response: { 200: MeetingView, ...problems },
      },
    },
    async (req) => {
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, ['meeting'], 'view');
      return meetingView(access);
    },
  );

  app.put<{ Params: Static<typeof ToolParams>; Body: Static<typeof MeetingSave> }>(
    '/meetings/:toolId',
    {
      schema: {
        tags,
        summary:
          "Write or rewrite a meeting tool's record (its facilitators); named attendees count as attending",
        params: ToolParams,
        body: MeetingSave,
        response: { 200: MeetingView, ...problems },
      },
    },
    async (req) => {
      await saveMeeting(db, commandContext(req, networkId), req.params.toolId, req.body);
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, ['meeting'], 'view');
      return meetingView(access);
    },
  );

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/tools/:toolId/tallies',
    {
      schema: {
        tags,
        summary: "A tool's tallies: totals from paper posters and shows of hands, with where they came from",
        params: ToolParams,
        response: { 200: TallyList, ...problems },
      },
    },
    async (req) => {
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, codesignToolKinds, 'view');
      const items = await listTallies(db, networkId, { toolId: access.tool.id });
      return { tool: toolHeader(access), items: items.map(tallyView) };
    },
  );

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/tools/:toolId/tallies.csv',
    {
      schema: {
        tags,
        summary: "A tool's tallies as CSV, one line per option counted",
        params: ToolParams,
        produces: ['text/csv'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (req, reply) => {
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, codesignToolKinds, 'view');
      const items = await listTallies(db, networkId, { toolId: access.tool.id });
      const style = { separator: ';', quote: 'needed' } as const;
      const de = req.locale === 'de';
      const head = de
        ? [
            'Werkzeug',
            'Erfasst am',
            'Weg',
            'Personen',
            'Treffen',
            'Option',
            'Options-ID',
            'Anzahl',
            'Notiz',
            'Erfasst von',
          ]
        : [
            'Tool',
            'Entered at',
            'Channel',
            'People',
            'Meeting',
            'Option',
            'Option id',
            'Count',
            'Note',
            'Entered by',
          ];
      const lines = [csvLine(style, head)];
      for (const t of items)
        for (const c of t.counts)
          lines.push(
            csvLine(style, [
              t.tool_title,
              t.entered_at.toISOString(),
              t.channel,
              t.people,
              t.meeting_id ?? '',
              c.label,
              c.option_ref ?? '',
              c.count,
              t.note,
              t.entered_by_name ?? '',
            ]),
          );
      reply.header('cache-control', 'private, no-store');
      return sendCsv(reply, `tallies-${access.tool.paper_code}.csv`, lines);
    },
  );

  app.post<{ Params: Static<typeof ToolParams>; Body: Static<typeof TallyCreate> }>(
    '/tools/:toolId/tallies',
    {
      schema: {
        tags,
        summary:
          'Enter the totals of a paper poster or a show of hands (facilitators); creates no participants',
        params: ToolParams,
        body: TallyCreate,
        response: { 201: TallyView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await addTally(db, commandContext(req, networkId), req.params.toolId, req.body);
      const items = await listTallies(db, networkId, { toolId: req.params.toolId });
      const t = items.find((i) => i.id === id);
      if (!t) throw notFound();
      return reply.code(201).send(tallyView(t));
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/tallies/:id',
    {
      schema: {
        tags,
        summary: 'Take back a tally entered by mistake (facilitators)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removeTally(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/tools/:toolId/kit',
    {
      schema: {
        tags,
        summary: "What a tool's printable paper kit shows: the tool with its paper code, and its address",
        params: ToolParams,
        response: { 200: KitView, ...problems },
      },
    },
    async (req) => {
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, codesignToolKinds, 'view');
      return {
        tool: toolHeader(access),
        url: `${app.deps.config.publicUrl}${webPaths.codesignTool(access.project.id, access.tool.id)}`,
      };
    },
  );
}
