import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { codesignToolKinds } from '../../../../db/schema.ts';
import { commandContext } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { NoContent, Page, problems } from '../../../../http/schemas.ts';
import { renderMarkdown } from '../../../../platform/markdown.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';
import { projectFor, toolFor, toolIsOpen } from '../access.ts';
import {
  addPhase,
  addTool,
  answerPartnerInvitation,
  changePhase,
  changeProject,
  changeTool,
  closeProject,
  createProject,
  inviteParticipant,
  invitePartner,
  join,
  joinByLink,
  leave,
  openOrCloseTool,
  projectOfLink,
  removePartner,
  removePhase,
  removeTool,
  renewJoinLink,
  reorderPhases,
  setCurrentPhase,
  setMyGroups,
  setParticipantRole,
  startProject,
} from '../commands/projects.ts';
import { projectPolicy } from '../policies/project.ts';
import { toolHeader } from '../present.ts';
import {
  listParticipants,
  listProjects,
  listTimeline,
  myParticipation,
  organisationsOfProject,
  type ProjectSummaryRow,
  phasesOfProject,
  projectCounts,
  projectRecord,
  projectSummary,
  toolsOfProject,
} from '../repositories/projects.ts';
import { toolConfig } from '../tools.ts';
import {
  CurrentPhase,
  Groups,
  Joined,
  PagedQuery,
  ParticipantInvite,
  ParticipantParams,
  ParticipantView,
  PartnerInvite,
  PartnerParams,
  PhaseChange,
  PhaseCreate,
  PhaseOrder,
  PhaseParams,
  ProjectChange,
  ProjectCreate,
  ProjectListQuery,
  ProjectParams,
  ProjectSummary,
  ProjectView,
  RoleChange,
  Secret,
  TimelineEntry,
  ToolAnswer,
  ToolChange,
  ToolCreate,
} from './schema.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const day = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

export function summary(r: ProjectSummaryRow) {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    status: r.status,
    visibility: r.visibility,
    joining: r.joining,
    template: r.template,
    organisations: r.organisations,
    currentPhase:
      r.phase_id && r.phase_kind && r.phase_title && r.phase_position !== null
        ? { id: r.phase_id, kind: r.phase_kind, title: r.phase_title, position: r.phase_position }
        : null,
    phaseCount: Number(r.phase_count),
    participantCount: Number(r.participant_count),
    me: r.me_role && r.me_status ? { role: r.me_role, status: r.me_status } : null,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * Mitgestalten's projects: the list (public ones for everyone, members-only ones for their people, a
 * draft for its organisers), a project's page, and everything its organisers do to set it up and
 * steer it — phases, tools, partner organisations, participants — and what people do to join,
 * leave and say which groups they belong to. Every answer about one project goes through the door
 * (access.ts): what one may not see does not exist.
 */
export async function projectRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function view(actor: Actor, id: string, joinSecret: string | null = null) {
    const access = await projectFor(db, networkId, actor, id, 'view');
    const accountId = isSignedIn(actor) ? actor.accountId : null;
    const [row, record, phases, tools, orgs, counts, me] = await Promise.all([
      projectSummary(db, networkId, id, accountId),
      projectRecord(db, networkId, id),
      phasesOfProject(db, networkId, id),
      toolsOfProject(db, networkId, id),
      organisationsOfProject(db, networkId, id),
      projectCounts(db, networkId, id),
      myParticipation(db, networkId, id, accountId),
    ]);
    const p = access.project;
    const current = phases.find((ph) => ph.id === record.current_phase_id);
    const invited = orgs.filter((o) => o.status === 'invited');
    const seesInvited = access.may.organise || invited.some((o) => actsFor(actor, o.id));
    const answerInvitation = invited.find((o) => actsFor(actor, o.id))?.id ?? null;
    return {
      ...summary(row),
      description: record.description,
      html: renderMarkdown(record.description),
      district: record.district_id ? { id: record.district_id, name: record.district_name ?? '' } : null,
      invited: seesInvited
        ? invited.map((o) => ({ id: o.id, name: o.name, slug: o.slug, isLead: o.is_lead }))
        : [],
      phases: phases.map((ph) => ({
        id: ph.id,
        kind: ph.kind,
        position: ph.position,
        title: ph.title,
        description: ph.description,
        startsOn: day(ph.starts_on),
        endsOn: day(ph.ends_on),
        current: ph.id === record.current_phase_id,
        done: record.status === 'closed' || (current !== undefined && ph.position < current.position),
        tools: tools
          .filter((t) => t.phase_id === ph.id)
          .map((t) => ({
            id: t.id,
            phaseId: t.phase_id,
            kind: t.kind,
            title: t.title,
            description: t.description,
            config: toolConfig(t.kind, t.config) as Record<string, unknown>,
            opensAt: iso(t.opens_at),
            closesAt: iso(t.closes_at),
            open: toolIsOpen(record, t),
            paperCode: t.paper_code,
          })),
      })),
      counts,
      myParticipation: me
        ? {
            id: me.id,
            role: me.role,
            status: me.status,
            districtId: me.district_id,
            ageBand: me.age_band,
            stake: me.stake,
            language: me.language,
          }
        : null,
      abilities: {
        organise: access.may.organise,
        facilitate: access.may.facilitate,
        participate: access.may.participate,
        join: projectPolicy.join(actor, p) && (p.me?.status === 'invited' || p.joining === 'open'),
        leave: isSignedIn(actor) && (p.me?.status === 'active' || p.me?.status === 'invited'),
        answerInvitation,
      },
      createdAt: record.created_at.toISOString(),
      joinSecret,
    };
  }

  const one = { params: ProjectParams, response: { 200: ProjectView, ...problems } };

  app.get<{ Querystring: Static<typeof ProjectListQuery> }>(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Projects I may see: running first, then drafts I organise, then closed ones',
        querystring: ProjectListQuery,
        response: { 200: Page(ProjectSummary), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { items, total } = await listProjects(db, networkId, req.actor, {
        status: req.query.status,
        organisationId: req.query.organisationId,
        mine: req.query.mine,
        joinable: req.query.joinable,
        ...page,
      });
      return { items: items.map(summary), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof ProjectCreate> }>(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Start a project (a draft) from a template, for an organisation one acts for',
        body: ProjectCreate,
        response: { 201: ProjectView, ...problems },
      },
    },
    async (req, reply) => {
      const { organisationId, template, ...f } = req.body;
      const made = await createProject(db, commandContext(req, networkId), organisationId, template, f);
      return reply.code(201).send(await view(req.actor, made.id, made.joinSecret));
    },
  );

  app.post<{ Body: Static<typeof Secret> }>(
    '/projects/by-link',
    {
      schema: {
        tags,
        summary: 'The project a join link opens (for the join page)',
        body: Secret,
        response: { 200: ProjectSummary, ...problems },
      },
    },
    async (req) => {
      const p = await projectOfLink(db, networkId, req.body.secret);
      return summary(await projectSummary(db, networkId, p.id, req.actor.accountId));
    },
  );

  app.post<{ Body: Static<typeof Secret> }>(
    '/projects/join-by-link',
    {
      schema: {
        tags,
        summary: 'Join the project of a join link',
        body: Secret,
        response: { 200: Joined, ...problems },
      },
    },
    async (req) => ({ projectId: await joinByLink(db, commandContext(req, networkId), req.body.secret) }),
  );

  app.get<{ Params: { id: string } }>(
    '/projects/:id',
    { schema: { tags, summary: 'A project’s page', ...one } },
    async (req) => view(req.actor, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof ProjectChange> }>(
    '/projects/:id',
    { schema: { tags, summary: 'Change a project (its organisers)', body: ProjectChange, ...one } },
    async (req) => {
      const r = await changeProject(db, commandContext(req, networkId), req.params.id, req.body);
      return view(req.actor, req.params.id, r.joinSecret);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/projects/:id/join-link',
    { schema: { tags, summary: 'A new join link; the old one stops working', ...one } },
    async (req) => {
      const secret = await renewJoinLink(db, commandContext(req, networkId), req.params.id);
      return view(req.actor, req.params.id, secret);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/projects/:id/start',
    { schema: { tags, summary: 'Start a draft: it opens to its people', ...one } },
    async (req) => {
      await startProject(db, commandContext(req, networkId), req.params.id);
      return view(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/projects/:id/close',
    { schema: { tags, summary: 'Close a running project', ...one } },
    async (req) => {
      await closeProject(db, commandContext(req, networkId), req.params.id);
      return view(req.actor, req.params.id);
    },
  );

  // phases
  app.post<{ Params: { id: string }; Body: Static<typeof PhaseCreate> }>(
    '/projects/:id/phases',
    {
      schema: {
        tags,
        summary: 'Add a phase at the end',
        params: ProjectParams,
        body: PhaseCreate,
        response: { 201: ProjectView, ...problems },
      },
    },
    async (req, reply) => {
      const { kind, ...f } = req.body;
      await addPhase(db, commandContext(req, networkId), req.params.id, kind, f);
      return reply.code(201).send(await view(req.actor, req.params.id));
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof PhaseOrder> }>(
    '/projects/:id/phase-order',
    { schema: { tags, summary: 'Put the phases in a new order', body: PhaseOrder, ...one } },
    async (req) => {
      await reorderPhases(db, commandContext(req, networkId), req.params.id, req.body.phaseIds);
      return view(req.actor, req.params.id);
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof CurrentPhase> }>(
    '/projects/:id/current-phase',
    { schema: { tags, summary: 'Move the project to a phase', body: CurrentPhase, ...one } },
    async (req) => {
      await setCurrentPhase(db, commandContext(req, networkId), req.params.id, req.body.phaseId);
      return view(req.actor, req.params.id);
    },
  );

  app.put<{ Params: { id: string; phaseId: string }; Body: Static<typeof PhaseChange> }>(
    '/projects/:id/phases/:phaseId',
    {
      schema: {
        tags,
        summary: 'Change a phase',
        params: PhaseParams,
        body: PhaseChange,
        response: { 200: ProjectView, ...problems },
      },
    },
    async (req) => {
      await changePhase(db, commandContext(req, networkId), req.params.id, req.params.phaseId, req.body);
      return view(req.actor, req.params.id);
    },
  );

  app.delete<{ Params: { id: string; phaseId: string } }>(
    '/projects/:id/phases/:phaseId',
    {
      schema: {
        tags,
        summary: 'Remove a phase with its tools',
        params: PhaseParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removePhase(db, commandContext(req, networkId), req.params.id, req.params.phaseId);
      return reply.code(204).send();
    },
  );

  // tools
  app.post<{ Params: { id: string; phaseId: string }; Body: Static<typeof ToolCreate> }>(
    '/projects/:id/phases/:phaseId/tools',
    {
      schema: {
        tags,
        summary: 'Add a tool to a phase',
        params: PhaseParams,
        body: ToolCreate,
        response: { 201: ProjectView, ...problems },
      },
    },
    async (req, reply) => {
      const { kind, config, opensAt, closesAt, ...f } = req.body;
      await addTool(db, commandContext(req, networkId), req.params.id, req.params.phaseId, kind, {
        ...f,
        config: config ?? {},
        opensAt: opensAt ? new Date(opensAt) : null,
        closesAt: closesAt ? new Date(closesAt) : null,
      });
      return reply.code(201).send(await view(req.actor, req.params.id));
    },
  );

  const toolOne = { params: ProjectParams, response: { 200: ToolAnswer, ...problems } };

  app.get<{ Params: { id: string } }>(
    '/tools/:id',
    {
      schema: {
        tags,
        summary: 'A tool’s header: its project, phase, settings and what I may do',
        ...toolOne,
      },
    },
    async (req) => {
      const a = await toolFor(db, networkId, req.actor, req.params.id, codesignToolKinds, 'view');
      return { tool: toolHeader(a) };
    },
  );

  async function toolAnswer(actor: Actor, id: string) {
    const a = await toolFor(db, networkId, actor, id, codesignToolKinds, 'view');
    return { tool: toolHeader(a) };
  }

  app.put<{ Params: { id: string }; Body: Static<typeof ToolChange> }>(
    '/tools/:id',
    { schema: { tags, summary: 'Change a tool (its project’s organisers)', body: ToolChange, ...toolOne } },
    async (req) => {
      const { config, opensAt, closesAt, ...f } = req.body;
      await changeTool(db, commandContext(req, networkId), req.params.id, {
        ...f,
        config: config ?? {},
        opensAt: opensAt ? new Date(opensAt) : null,
        closesAt: closesAt ? new Date(closesAt) : null,
      });
      return toolAnswer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/tools/:id/open',
    { schema: { tags, summary: 'Open a tool now', ...toolOne } },
    async (req) => {
      await openOrCloseTool(db, commandContext(req, networkId), req.params.id, true);
      return toolAnswer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/tools/:id/close',
    { schema: { tags, summary: 'Close a tool now', ...toolOne } },
    async (req) => {
      await openOrCloseTool(db, commandContext(req, networkId), req.params.id, false);
      return toolAnswer(req.actor, req.params.id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/tools/:id',
    {
      schema: {
        tags,
        summary: 'Remove a tool with what was contributed to it',
        params: ProjectParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removeTool(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  // organisations
  app.post<{ Params: { id: string }; Body: Static<typeof PartnerInvite> }>(
    '/projects/:id/partners',
    { schema: { tags, summary: 'Invite an organisation to run the project', body: PartnerInvite, ...one } },
    async (req) => {
      await invitePartner(db, commandContext(req, networkId), req.params.id, req.body.organisationId);
      return view(req.actor, req.params.id);
    },
  );

  for (const [verb, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const)
    app.post<{ Params: { id: string; organisationId: string } }>(
      `/projects/:id/partners/:organisationId/${verb}`,
      {
        schema: {
          tags,
          summary: accept
            ? 'Accept, for the invited organisation, to run the project'
            : 'Decline, for the invited organisation, to run the project',
          params: PartnerParams,
          response: { 204: NoContent, ...problems },
        },
      },
      async (req, reply) => {
        await answerPartnerInvitation(
          db,
          commandContext(req, networkId),
          req.params.id,
          req.params.organisationId,
          accept,
        );
        return reply.code(204).send();
      },
    );

  app.delete<{ Params: { id: string; organisationId: string } }>(
    '/projects/:id/partners/:organisationId',
    {
      schema: {
        tags,
        summary: 'Take an organisation off the project (not the lead)',
        params: PartnerParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removePartner(db, commandContext(req, networkId), req.params.id, req.params.organisationId);
      return reply.code(204).send();
    },
  );

  // participants
  app.post<{ Params: { id: string } }>(
    '/projects/:id/join',
    { schema: { tags, summary: 'Join a project open to the network, or accept an invitation', ...one } },
    async (req) => {
      await join(db, commandContext(req, networkId), req.params.id);
      return view(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/projects/:id/leave',
    {
      schema: {
        tags,
        summary: 'Leave a project, or decline an invitation',
        params: ProjectParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await leave(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof Groups> }>(
    '/projects/:id/my-groups',
    { schema: { tags, summary: 'Say which groups I belong to (each optional)', body: Groups, ...one } },
    async (req) => {
      await setMyGroups(db, commandContext(req, networkId), req.params.id, req.body);
      return view(req.actor, req.params.id);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PagedQuery> }>(
    '/projects/:id/participants',
    {
      schema: {
        tags,
        summary: 'Who takes part (organisers and facilitators only; names only)',
        params: ProjectParams,
        querystring: PagedQuery,
        response: { 200: Page(ParticipantView), ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id, 'facilitate');
      const page = paging(req.query);
      const { items, total } = await listParticipants(db, networkId, req.params.id, page);
      return {
        items: items.map((x) => ({
          id: x.id,
          name: x.account_name ?? x.display_name ?? '',
          hasAccount: x.account_id !== null,
          role: x.role,
          status: x.status,
          joinedVia: x.joined_via,
          since: x.created_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ParticipantInvite> }>(
    '/projects/:id/participants',
    {
      schema: {
        tags,
        summary: 'Invite a member of the network to take part',
        params: ProjectParams,
        body: ParticipantInvite,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await inviteParticipant(db, commandContext(req, networkId), req.params.id, req.body.accountId);
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: string; participantId: string }; Body: Static<typeof RoleChange> }>(
    '/projects/:id/participants/:participantId/role',
    {
      schema: {
        tags,
        summary: 'Make a participant a facilitator, or a participant again',
        params: ParticipantParams,
        body: RoleChange,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await setParticipantRole(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.participantId,
        req.body.role,
      );
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PagedQuery> }>(
    '/projects/:id/timeline',
    {
      schema: {
        tags,
        summary: 'What happened in the project, newest first',
        params: ProjectParams,
        querystring: PagedQuery,
        response: { 200: Page(TimelineEntry), ...problems },
      },
    },
    async (req) => {
      await projectFor(db, networkId, req.actor, req.params.id, 'view');
      const page = paging(req.query);
      const { items, total } = await listTimeline(db, networkId, req.params.id, page);
      return {
        items: items.map((e) => ({
          id: e.id,
          kind: e.kind,
          actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
          subject: e.subject_type && e.subject_id ? { type: e.subject_type, id: e.subject_id } : null,
          params: (e.params ?? {}) as Record<string, unknown>,
          at: e.at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );
}
