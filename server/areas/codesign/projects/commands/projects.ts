import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { hashSecret, newSecret } from '../../../../auth/tokens.ts';
import type {
  CodesignAgeBand,
  CodesignJoining,
  CodesignParticipantRole,
  CodesignPhaseKind,
  CodesignStake,
  CodesignTemplate,
  CodesignToolKind,
  CodesignVisibility,
} from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import type { MessageKey } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { actsFor } from '../../../../policies/actor.ts';
import { projectFor } from '../access.ts';
import { joinProject } from '../contribute.ts';
import { projectPolicy } from '../policies/project.ts';
import { phasesOf } from '../templates.ts';
import { addToTimeline } from '../timeline.ts';
import { toolConfig } from '../tools.ts';

/**
 * Co-design projects as their organisers set them up and steer them: made from a template, edited,
 * started and closed; their phases and the tools in them; the organisations that run them (a
 * partner only once a coordinator of it accepts); the people who take part. Every change is one
 * transaction with its audit row (and a timeline entry where the project's people care).
 */

const invalid = (
  field: string,
  code: MessageKey = 'field.invalid',
  params?: Record<string, string | number>,
) => new Problem(422, 'validation', { fields: [{ field, code, ...(params ? { params } : {}) }] });

function text(field: string, value: string, min: number) {
  const v = value.trim();
  if (v.length < min) throw invalid(field, 'field.too_short', { min });
  return v;
}

/** What an organiser's change writes to the audit log, as `codesign.<action>` (worded in the admin's texts). */
export const projectAuditActions = [
  'project_created',
  'project_updated',
  'join_link_renewed',
  'project_started',
  'project_closed',
  'phase_added',
  'phase_updated',
  'phases_reordered',
  'phase_removed',
  'phase_set_current',
  'tool_added',
  'tool_updated',
  'tool_opened',
  'tool_closed',
  'tool_removed',
  'partner_invited',
  'partner_accepted',
  'partner_declined',
  'partner_removed',
  'participant_invited',
  'participant_role_set',
] as const;

async function log(
  tx: Executor,
  ctx: CommandContext,
  action: (typeof projectAuditActions)[number],
  type: string,
  id: string,
  details?: object,
) {
  await audit(tx, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action: `codesign.${action}`,
    entityType: type,
    entityId: id,
    ...(details ? { details: details as Record<string, unknown> } : {}),
    ip: ctx.ip,
  });
}

/** The project for an organiser's change, its row locked: changes to one project are made one after the other. */
async function organised(tx: Executor, ctx: CommandContext, projectId: string) {
  const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'organise');
  const row = await tx
    .selectFrom('codesign_project')
    .selectAll()
    .where('network_id', '=', ctx.networkId)
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { access, row };
}

async function touch(tx: Executor, ctx: CommandContext, projectId: string) {
  await tx
    .updateTable('codesign_project')
    .set({ updated_at: sql<Date>`now()` })
    .where('network_id', '=', ctx.networkId)
    .where('id', '=', projectId)
    .execute();
}

async function checkDistrict(tx: Executor, networkId: string, districtId: string | null, field: string) {
  if (!districtId) return;
  const d = await tx
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', districtId)
    .executeTakeFirst();
  if (!d) throw invalid(field);
}

export interface ProjectFields {
  title: string;
  summary: string;
  description: string;
  visibility: CodesignVisibility;
  joining: CodesignJoining;
  districtId: string | null;
}

function checkProject(f: ProjectFields): ProjectFields {
  return {
    ...f,
    title: text('/title', f.title, 3),
    summary: f.summary.trim(),
    description: f.description.trim(),
  };
}

/** A new draft project of an organisation the actor acts for, its phases from the template. Returns its id and the join link's secret (shown once). */
export async function createProject(
  db: Executor,
  ctx: CommandContext,
  organisationId: string,
  template: CodesignTemplate,
  given: ProjectFields,
): Promise<{ id: string; joinSecret: string | null }> {
  if (!actsFor(ctx.actor, organisationId)) throw invalid('/organisationId');
  const f = checkProject(given);
  return executeTx(db, async (tx) => {
    await checkDistrict(tx, ctx.networkId, f.districtId, '/districtId');
    const secret = f.joining === 'link' ? newSecret() : null;
    const p = await tx
      .insertInto('codesign_project')
      .values({
        network_id: ctx.networkId,
        title: f.title,
        summary: f.summary,
        description: f.description,
        template,
        visibility: f.visibility,
        joining: f.joining,
        link_token_hash: secret ? hashSecret(secret) : null,
        district_id: f.districtId,
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('codesign_project_organisation')
      .values({
        network_id: ctx.networkId,
        project_id: p.id,
        organisation_id: organisationId,
        is_lead: true,
        status: 'accepted',
        invited_by: ctx.actorId,
        responded_at: sql<Date>`now()`,
      })
      .execute();
    const phases = await tx
      .insertInto('codesign_phase')
      .values(
        phasesOf(template).map((ph, i) => ({
          network_id: ctx.networkId,
          project_id: p.id,
          kind: ph.kind,
          position: i + 1,
          title: ph.title,
          description: ph.description,
        })),
      )
      .returning(['id', 'position'])
      .execute();
    const first = phases.sort((a, b) => a.position - b.position)[0];
    if (first)
      await tx
        .updateTable('codesign_project')
        .set({ current_phase_id: first.id })
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', p.id)
        .execute();
    await log(tx, ctx, 'project_created', 'codesign_project', p.id, { organisationId, template });
    return { id: p.id, joinSecret: secret };
  });
}

/** Changes what a project says and how one joins it; switching to a link makes a new secret (shown once). */
export async function changeProject(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  given: ProjectFields,
) {
  const f = checkProject(given);
  return executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    await checkDistrict(tx, ctx.networkId, f.districtId, '/districtId');
    const secret = f.joining === 'link' && row.joining !== 'link' ? newSecret() : null;
    await tx
      .updateTable('codesign_project')
      .set({
        title: f.title,
        summary: f.summary,
        description: f.description,
        visibility: f.visibility,
        joining: f.joining,
        link_token_hash: f.joining === 'link' ? (secret ? hashSecret(secret) : row.link_token_hash) : null,
        district_id: f.districtId,
        updated_at: sql<Date>`now()`,
      })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .execute();
    await log(tx, ctx, 'project_updated', 'codesign_project', projectId, {
      visibility: f.visibility,
      joining: f.joining,
    });
    return { joinSecret: secret };
  });
}

/** A new join link for a project joined by link; the old one stops working. */
export async function renewJoinLink(db: Executor, ctx: CommandContext, projectId: string) {
  return executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.joining !== 'link') throw new Problem(409, 'codesign.not_link');
    const secret = newSecret();
    await tx
      .updateTable('codesign_project')
      .set({ link_token_hash: hashSecret(secret) })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .execute();
    await log(tx, ctx, 'join_link_renewed', 'codesign_project', projectId);
    return secret;
  });
}

async function firstPhase(tx: Executor, networkId: string, projectId: string) {
  return tx
    .selectFrom('codesign_phase')
    .select(['id', 'title', 'kind'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .orderBy('position')
    .executeTakeFirst();
}

async function phaseBegan(
  tx: Executor,
  ctx: CommandContext,
  projectId: string,
  phase: { id: string; title: string; kind: CodesignPhaseKind },
) {
  await addToTimeline(tx, {
    networkId: ctx.networkId,
    projectId,
    kind: 'projects.phase_began',
    actorId: ctx.actorId,
    subject: { type: 'codesign_phase', id: phase.id },
    params: { phase: phase.title, kind: phase.kind },
  });
}

/** Opens a draft to its people: it shows in the lists, people can join, its current phase begins. */
export async function startProject(db: Executor, ctx: CommandContext, projectId: string) {
  await executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status !== 'draft') throw new Problem(409, 'codesign.not_draft');
    const first = await firstPhase(tx, ctx.networkId, projectId);
    if (!first) throw new Problem(409, 'codesign.no_phases');
    const currentId = row.current_phase_id ?? first.id;
    const current = await tx
      .selectFrom('codesign_phase')
      .select(['id', 'title', 'kind'])
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', currentId)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('codesign_project')
      .set({ status: 'active', current_phase_id: current.id, updated_at: sql<Date>`now()` })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .execute();
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'projects.started',
      actorId: ctx.actorId,
      params: { title: row.title },
    });
    await phaseBegan(tx, ctx, projectId, current);
    await log(tx, ctx, 'project_started', 'codesign_project', projectId);
  });
}

/** Ends an active project: nothing takes contributions any more; it stays readable. */
export async function closeProject(db: Executor, ctx: CommandContext, projectId: string) {
  await executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status !== 'active') throw new Problem(409, 'codesign.not_active');
    await tx
      .updateTable('codesign_project')
      .set({ status: 'closed', updated_at: sql<Date>`now()` })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .execute();
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'projects.closed',
      actorId: ctx.actorId,
    });
    await log(tx, ctx, 'project_closed', 'codesign_project', projectId);
  });
}

// ——— phases ———

export interface PhaseFields {
  title: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
}

function checkPhase(f: PhaseFields): PhaseFields {
  if (f.startsOn && f.endsOn && f.endsOn < f.startsOn) throw invalid('/endsOn', 'codesign.ends_before_start');
  return { ...f, title: text('/title', f.title, 2), description: f.description.trim() };
}

async function phaseOf(tx: Executor, networkId: string, projectId: string, phaseId: string) {
  const ph = await tx
    .selectFrom('codesign_phase')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('id', '=', phaseId)
    .executeTakeFirst();
  if (!ph) throw notFound();
  return ph;
}

export async function addPhase(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  kind: CodesignPhaseKind,
  given: PhaseFields,
): Promise<string> {
  const f = checkPhase(given);
  return executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status === 'closed') throw new Problem(409, 'codesign.project_closed');
    const max = await tx
      .selectFrom('codesign_phase')
      .select((eb) => eb.fn.max('position').as('m'))
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    const position = Number(max?.m ?? 0) + 1;
    if (position > 20) throw new Problem(409, 'codesign.too_many_phases');
    const ph = await tx
      .insertInto('codesign_phase')
      .values({
        network_id: ctx.networkId,
        project_id: projectId,
        kind,
        position,
        title: f.title,
        description: f.description,
        starts_on: f.startsOn,
        ends_on: f.endsOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!row.current_phase_id)
      await tx
        .updateTable('codesign_project')
        .set({ current_phase_id: ph.id })
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', projectId)
        .execute();
    await touch(tx, ctx, projectId);
    await log(tx, ctx, 'phase_added', 'codesign_phase', ph.id, { projectId, kind });
    return ph.id;
  });
}

export async function changePhase(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  phaseId: string,
  given: PhaseFields,
) {
  const f = checkPhase(given);
  await executeTx(db, async (tx) => {
    await organised(tx, ctx, projectId);
    await phaseOf(tx, ctx.networkId, projectId, phaseId);
    await tx
      .updateTable('codesign_phase')
      .set({ title: f.title, description: f.description, starts_on: f.startsOn, ends_on: f.endsOn })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', phaseId)
      .execute();
    await touch(tx, ctx, projectId);
    await log(tx, ctx, 'phase_updated', 'codesign_phase', phaseId, { projectId });
  });
}

/** Puts the phases in the given order (every phase of the project, each once). */
export async function reorderPhases(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  phaseIds: string[],
) {
  await executeTx(db, async (tx) => {
    await organised(tx, ctx, projectId);
    const phases = await tx
      .selectFrom('codesign_phase')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .execute();
    const known = new Set(phases.map((p) => p.id));
    const given = phaseIds.map((id) => id.toLowerCase());
    if (
      given.length !== known.size ||
      new Set(given).size !== given.length ||
      !given.every((id) => known.has(id))
    )
      throw invalid('/phaseIds');
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx);
    for (const [i, id] of given.entries())
      await tx
        .updateTable('codesign_phase')
        .set({ position: i + 1 })
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', id)
        .execute();
    await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(tx);
    await touch(tx, ctx, projectId);
    await log(tx, ctx, 'phases_reordered', 'codesign_project', projectId, { phaseIds: given });
  });
}

/** Removes a phase with its tools (and what was contributed to them); a project that runs keeps at least one phase. */
export async function removePhase(db: Executor, ctx: CommandContext, projectId: string, phaseId: string) {
  await executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    const ph = await phaseOf(tx, ctx.networkId, projectId, phaseId);
    const others = await tx
      .selectFrom('codesign_phase')
      .select(['id', 'title', 'kind'])
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('id', '<>', phaseId)
      .orderBy('position')
      .execute();
    if (others.length === 0 && row.status !== 'draft') throw new Problem(409, 'codesign.last_phase');
    await tx
      .deleteFrom('codesign_phase')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', phaseId)
      .execute();
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx);
    await tx
      .updateTable('codesign_phase')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('position', '>', ph.position)
      .execute();
    await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(tx);
    if (row.current_phase_id === phaseId) {
      const next = others.find((_, i) => i >= ph.position - 1) ?? others.at(-1) ?? null;
      await tx
        .updateTable('codesign_project')
        .set({ current_phase_id: next?.id ?? null })
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', projectId)
        .execute();
      if (next && row.status === 'active') await phaseBegan(tx, ctx, projectId, next);
    }
    await touch(tx, ctx, projectId);
    await log(tx, ctx, 'phase_removed', 'codesign_phase', phaseId, {
      projectId,
      title: ph.title,
      kind: ph.kind,
    });
  });
}

/** Moves the project to a phase: it shows as where the project stands, and its people see it began. */
export async function setCurrentPhase(db: Executor, ctx: CommandContext, projectId: string, phaseId: string) {
  await executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status === 'closed') throw new Problem(409, 'codesign.project_closed');
    const ph = await phaseOf(tx, ctx.networkId, projectId, phaseId);
    if (row.current_phase_id === ph.id) return;
    await tx
      .updateTable('codesign_project')
      .set({ current_phase_id: ph.id, updated_at: sql<Date>`now()` })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .execute();
    if (row.status === 'active') await phaseBegan(tx, ctx, projectId, ph);
    await log(tx, ctx, 'phase_set_current', 'codesign_phase', ph.id, { projectId });
  });
}

// ——— tools ———

export interface ToolFields {
  title: string;
  description: string;
  config: Record<string, unknown>;
  opensAt: Date | null;
  closesAt: Date | null;
}

function checkTool(kind: CodesignToolKind, f: ToolFields): ToolFields {
  if (f.opensAt && f.closesAt && f.closesAt <= f.opensAt)
    throw invalid('/closesAt', 'codesign.ends_before_start');
  return {
    ...f,
    title: text('/title', f.title, 3),
    description: f.description.trim(),
    config: toolConfig(kind, f.config) as Record<string, unknown>,
  };
}

const codeAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A paper code no other tool of the network has: six capitals and digits. */
export async function newPaperCode(tx: Executor, networkId: string): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = Array.from({ length: 6 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
    const taken = await tx
      .selectFrom('codesign_tool')
      .select('id')
      .where('network_id', '=', networkId)
      .where('paper_code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
  throw new Error('no free paper code');
}

export async function addTool(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  phaseId: string,
  kind: CodesignToolKind,
  given: ToolFields,
): Promise<string> {
  const f = checkTool(kind, given);
  return executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status === 'closed') throw new Problem(409, 'codesign.project_closed');
    await phaseOf(tx, ctx.networkId, projectId, phaseId);
    const max = await tx
      .selectFrom('codesign_tool')
      .select((eb) => eb.fn.max('position').as('m'))
      .where('network_id', '=', ctx.networkId)
      .where('phase_id', '=', phaseId)
      .executeTakeFirst();
    const t = await tx
      .insertInto('codesign_tool')
      .values({
        network_id: ctx.networkId,
        project_id: projectId,
        phase_id: phaseId,
        kind,
        title: f.title,
        description: f.description,
        config: JSON.stringify(f.config),
        position: Number(max?.m ?? 0) + 1,
        opens_at: f.opensAt,
        closes_at: f.closesAt,
        paper_code: await newPaperCode(tx, ctx.networkId),
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(tx, ctx, projectId);
    await log(tx, ctx, 'tool_added', 'codesign_tool', t.id, { projectId, phaseId, kind });
    return t.id;
  });
}

async function toolOf(tx: Executor, networkId: string, toolId: string) {
  const t = await tx
    .selectFrom('codesign_tool')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', toolId)
    .executeTakeFirst();
  if (!t) throw notFound();
  return t;
}

/** Changes a tool's text, settings and times; with `phaseId` it moves to another phase of the project. */
export async function changeTool(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  given: ToolFields & { phaseId?: string | undefined },
): Promise<string> {
  return executeTx(db, async (tx) => {
    const t = await toolOf(tx, ctx.networkId, toolId);
    await organised(tx, ctx, t.project_id);
    const f = checkTool(t.kind, given);
    if (given.phaseId) await phaseOf(tx, ctx.networkId, t.project_id, given.phaseId);
    await tx
      .updateTable('codesign_tool')
      .set({
        title: f.title,
        description: f.description,
        config: JSON.stringify(f.config),
        opens_at: f.opensAt,
        closes_at: f.closesAt,
        ...(given.phaseId ? { phase_id: given.phaseId } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', toolId)
      .execute();
    await touch(tx, ctx, t.project_id);
    await log(tx, ctx, 'tool_updated', 'codesign_tool', toolId, { projectId: t.project_id });
    return t.project_id;
  });
}

/** Opens a tool now (and takes away a closing time already past) or closes it now. */
export async function openOrCloseTool(db: Executor, ctx: CommandContext, toolId: string, open: boolean) {
  await executeTx(db, async (tx) => {
    const t = await toolOf(tx, ctx.networkId, toolId);
    await organised(tx, ctx, t.project_id);
    const now = new Date();
    await tx
      .updateTable('codesign_tool')
      .set(
        open
          ? {
              opens_at: t.opens_at && t.opens_at <= now ? t.opens_at : now,
              closes_at: t.closes_at && t.closes_at > now ? t.closes_at : null,
              updated_at: now,
            }
          : { closes_at: now, opens_at: t.opens_at && t.opens_at < now ? t.opens_at : null, updated_at: now },
      )
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', toolId)
      .execute();
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId: t.project_id,
      kind: open ? 'projects.tool_opened' : 'projects.tool_closed',
      actorId: ctx.actorId,
      subject: { type: 'codesign_tool', id: toolId },
      params: { tool: t.title },
    });
    await log(tx, ctx, open ? 'tool_opened' : 'tool_closed', 'codesign_tool', toolId, {
      projectId: t.project_id,
    });
  });
}

/** Removes a tool with everything contributed to it. */
export async function removeTool(db: Executor, ctx: CommandContext, toolId: string) {
  await executeTx(db, async (tx) => {
    const t = await toolOf(tx, ctx.networkId, toolId);
    await organised(tx, ctx, t.project_id);
    await tx
      .deleteFrom('codesign_tool')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', toolId)
      .execute();
    await touch(tx, ctx, t.project_id);
    await log(tx, ctx, 'tool_removed', 'codesign_tool', toolId, {
      projectId: t.project_id,
      kind: t.kind,
      title: t.title,
    });
  });
}

// ——— organisations ———

/** Invites an organisation to run the project; one the inviting person acts for joins at once. */
export async function invitePartner(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  organisationId: string,
) {
  await executeTx(db, async (tx) => {
    await organised(tx, ctx, projectId);
    const org = await tx
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', organisationId)
      .executeTakeFirst();
    if (!org) throw invalid('/organisationId');
    const joinsNow = actsFor(ctx.actor, organisationId);
    const added = await tx
      .insertInto('codesign_project_organisation')
      .values({
        network_id: ctx.networkId,
        project_id: projectId,
        organisation_id: organisationId,
        status: joinsNow ? 'accepted' : 'invited',
        invited_by: ctx.actorId,
        responded_at: joinsNow ? new Date() : null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('organisation_id')
      .executeTakeFirst();
    if (!added) throw new Problem(409, 'codesign.partner_exists');
    if (joinsNow)
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId,
        kind: 'projects.partner_joined',
        actorId: ctx.actorId,
        params: { organisation: org.name },
      });
    await log(tx, ctx, 'partner_invited', 'codesign_project', projectId, {
      organisationId,
      joined: joinsNow,
    });
  });
}

/** The invited organisation's coordinator answers: it runs the project from now on, or the invitation is gone. */
export async function answerPartnerInvitation(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  organisationId: string,
  accept: boolean,
) {
  await executeTx(db, async (tx) => {
    const row = await tx
      .selectFrom('codesign_project_organisation as po')
      .innerJoin('organisation as o', (j) =>
        j.onRef('o.network_id', '=', 'po.network_id').onRef('o.id', '=', 'po.organisation_id'),
      )
      .select(['po.status', 'o.name'])
      .where('po.network_id', '=', ctx.networkId)
      .where('po.project_id', '=', projectId)
      .where('po.organisation_id', '=', organisationId)
      .forUpdate()
      .executeTakeFirst();
    // the project exists for the coordinators of an invited or running organisation only (or as its page says)
    await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'view');
    if (!row) throw notFound();
    if (!actsFor(ctx.actor, organisationId)) throw forbidden();
    if (row.status !== 'invited') throw new Problem(409, 'codesign.partner_answered');
    if (accept) {
      await tx
        .updateTable('codesign_project_organisation')
        .set({ status: 'accepted', responded_at: new Date() })
        .where('network_id', '=', ctx.networkId)
        .where('project_id', '=', projectId)
        .where('organisation_id', '=', organisationId)
        .execute();
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId,
        kind: 'projects.partner_joined',
        actorId: ctx.actorId,
        params: { organisation: row.name },
      });
    } else {
      await tx
        .deleteFrom('codesign_project_organisation')
        .where('network_id', '=', ctx.networkId)
        .where('project_id', '=', projectId)
        .where('organisation_id', '=', organisationId)
        .execute();
    }
    await log(tx, ctx, accept ? 'partner_accepted' : 'partner_declined', 'codesign_project', projectId, {
      organisationId,
    });
  });
}

/** Takes an organisation off the project (an invitation withdrawn, a partner leaving); never the lead. */
export async function removePartner(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  organisationId: string,
) {
  await executeTx(db, async (tx) => {
    await organised(tx, ctx, projectId);
    const row = await tx
      .selectFrom('codesign_project_organisation')
      .select(['is_lead', 'status'])
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!row) throw notFound();
    if (row.is_lead) throw new Problem(409, 'codesign.lead_stays');
    await tx
      .deleteFrom('codesign_project_organisation')
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('organisation_id', '=', organisationId)
      .execute();
    await log(tx, ctx, 'partner_removed', 'codesign_project', projectId, { organisationId, was: row.status });
  });
}

// ——— participants ———

/** Joins an active project that is open to the network, or that the person was invited to. */
export async function join(db: Executor, ctx: CommandContext, projectId: string) {
  await executeTx(db, async (tx) => {
    const a = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'view');
    const p = a.project;
    if (p.me?.status === 'active') return;
    if (p.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
    const invited = p.me?.status === 'invited';
    if (!invited && p.joining === 'link') throw new Problem(403, 'codesign.join_by_link');
    if (!invited && p.joining === 'invitation') throw new Problem(403, 'codesign.join_by_invitation');
    if (!projectPolicy.join(ctx.actor, p)) throw forbidden();
    await joinProject(tx, ctx.networkId, projectId, ctx.actorId, invited ? 'invitation' : 'open');
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'projects.joined',
      actorId: ctx.actorId,
    });
  });
}

/** The project a join link's secret opens (404 for an unknown or renewed link). */
export async function projectOfLink(db: Executor, networkId: string, secret: string) {
  const p = await db
    .selectFrom('codesign_project')
    .select(['id', 'status'])
    .where('network_id', '=', networkId)
    .where('joining', '=', 'link')
    .where('link_token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!p || p.status === 'draft') throw notFound();
  return p;
}

/** Joins the project of a join link. Returns its id. */
export async function joinByLink(db: Executor, ctx: CommandContext, secret: string): Promise<string> {
  return executeTx(db, async (tx) => {
    const p = await projectOfLink(tx, ctx.networkId, secret);
    if (p.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
    const me = await tx
      .selectFrom('codesign_participant')
      .select('status')
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', p.id)
      .where('account_id', '=', ctx.actorId)
      .executeTakeFirst();
    if (me?.status === 'active') return p.id;
    await joinProject(tx, ctx.networkId, p.id, ctx.actorId, 'link');
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId: p.id,
      kind: 'projects.joined',
      actorId: ctx.actorId,
    });
    return p.id;
  });
}

/** Leaves a project (or declines an invitation): what one contributed stays, under one's name. */
export async function leave(db: Executor, ctx: CommandContext, projectId: string) {
  await executeTx(db, async (tx) => {
    const a = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'view');
    if (!a.project.me || a.project.me.status === 'left') throw new Problem(409, 'codesign.not_participant');
    await tx
      .updateTable('codesign_participant')
      .set({ status: 'left', role: 'participant' })
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('account_id', '=', ctx.actorId)
      .execute();
  });
}

/** Invites a member of the network by account: they see the invitation on their home and may accept. */
export async function inviteParticipant(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  accountId: string,
) {
  await executeTx(db, async (tx) => {
    const { row } = await organised(tx, ctx, projectId);
    if (row.status === 'closed') throw new Problem(409, 'codesign.project_closed');
    const account = await tx
      .selectFrom('account')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', accountId)
      .where('blocked_at', 'is', null)
      .executeTakeFirst();
    if (!account) throw invalid('/accountId');
    const existing = await tx
      .selectFrom('codesign_participant')
      .select(['id', 'status'])
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.status !== 'left') throw new Problem(409, 'codesign.already_participant');
    if (existing)
      await tx
        .updateTable('codesign_participant')
        .set({ status: 'invited', invited_by: ctx.actorId })
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', existing.id)
        .execute();
    else
      await tx
        .insertInto('codesign_participant')
        .values({
          network_id: ctx.networkId,
          project_id: projectId,
          account_id: accountId,
          status: 'invited',
          joined_via: 'invitation',
          invited_by: ctx.actorId,
        })
        .execute();
    await log(tx, ctx, 'participant_invited', 'codesign_project', projectId, { accountId });
  });
}

/** Makes a participant with an account a facilitator, or a participant again. */
export async function setParticipantRole(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  participantId: string,
  role: CodesignParticipantRole,
) {
  await executeTx(db, async (tx) => {
    await organised(tx, ctx, projectId);
    const p = await tx
      .selectFrom('codesign_participant')
      .select(['id', 'account_id', 'status'])
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('id', '=', participantId)
      .executeTakeFirst();
    if (!p || p.status === 'left') throw notFound();
    if (role === 'facilitator' && (!p.account_id || p.status !== 'active'))
      throw new Problem(409, 'codesign.facilitator_needs_account');
    await tx
      .updateTable('codesign_participant')
      .set({ role })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', participantId)
      .execute();
    await log(tx, ctx, 'participant_role_set', 'codesign_participant', participantId, { projectId, role });
  });
}

export interface Groups {
  districtId: string | null;
  ageBand: CodesignAgeBand | null;
  stake: CodesignStake | null;
  language: string | null;
}

/** The groups a participant declares for themselves in the project (each optional). */
export async function setMyGroups(db: Executor, ctx: CommandContext, projectId: string, g: Groups) {
  await executeTx(db, async (tx) => {
    const a = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'view');
    if (a.project.me?.status !== 'active') throw new Problem(409, 'codesign.not_participant');
    await checkDistrict(tx, ctx.networkId, g.districtId, '/districtId');
    await tx
      .updateTable('codesign_participant')
      .set({ district_id: g.districtId, age_band: g.ageBand, stake: g.stake, language: g.language })
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', projectId)
      .where('account_id', '=', ctx.actorId)
      .execute();
  });
}
