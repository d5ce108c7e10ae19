import { sql } from 'kysely';
import type { CodesignParticipantRole, CodesignParticipantStatus } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { ProjectFacts } from '../policies/project.ts';

/** The project's columns and the reader's place in it, as every part needs them to decide access. */
function factsQuery(db: Executor, networkId: string, accountId: string | null) {
  return db
    .selectFrom('codesign_project as p')
    .leftJoin('codesign_participant as me', (j) =>
      j
        .onRef('me.network_id', '=', 'p.network_id')
        .onRef('me.project_id', '=', 'p.id')
        .on('me.account_id', '=', accountId),
    )
    .select([
      'p.id as p_id',
      'p.title as p_title',
      'p.status as p_status',
      'p.visibility as p_visibility',
      'p.joining as p_joining',
      'p.current_phase_id as p_current_phase_id',
      'me.id as me_id',
      'me.role as me_role',
      'me.status as me_status',
      sql<string[]>`array(
        SELECT o.organisation_id::text FROM codesign_project_organisation o
        WHERE o.network_id = p.network_id AND o.project_id = p.id AND o.status = 'accepted'
        ORDER BY o.is_lead DESC, o.organisation_id)`.as('running'),
      sql<string[]>`array(
        SELECT o.organisation_id::text FROM codesign_project_organisation o
        WHERE o.network_id = p.network_id AND o.project_id = p.id AND o.status = 'invited'
        ORDER BY o.organisation_id)`.as('invited'),
    ])
    .where('p.network_id', '=', networkId);
}

type FactsRow = NonNullable<Awaited<ReturnType<ReturnType<typeof factsQuery>['executeTakeFirst']>>>;

function factsOf(row: FactsRow): ProjectFacts & {
  id: string;
  title: string;
  leadOrganisationId: string | null;
  currentPhaseId: string | null;
  participantId: string | null;
} {
  return {
    id: row.p_id,
    title: row.p_title,
    status: row.p_status,
    visibility: row.p_visibility,
    joining: row.p_joining,
    runningOrganisationIds: row.running,
    invitedOrganisationIds: row.invited,
    leadOrganisationId: row.running[0] ?? null,
    currentPhaseId: row.p_current_phase_id,
    participantId: row.me_id,
    me:
      row.me_id && row.me_role && row.me_status
        ? { role: row.me_role as CodesignParticipantRole, status: row.me_status as CodesignParticipantStatus }
        : null,
  };
}

/** A project as every part needs it to decide access: its row, who runs it, the reader's place in it. */
export async function projectFacts(
  db: Executor,
  networkId: string,
  projectId: string,
  accountId: string | null,
) {
  const row = await factsQuery(db, networkId, accountId).where('p.id', '=', projectId).executeTakeFirst();
  return row ? factsOf(row) : undefined;
}

export type ProjectAccessFacts = NonNullable<Awaited<ReturnType<typeof projectFacts>>>;

/**
 * The query of a tool with its phase and its project's access facts, for a part to join what it reads
 * beside them into the same round trip (see toolWithFacts; toolFactsOf splits the row).
 */
export function toolFactsQuery(db: Executor, networkId: string, accountId: string | null) {
  return factsQuery(db, networkId, accountId)
    .innerJoin('codesign_tool as t', (j) =>
      j.onRef('t.network_id', '=', 'p.network_id').onRef('t.project_id', '=', 'p.id'),
    )
    .innerJoin('codesign_phase as ph', (j) =>
      j.onRef('ph.network_id', '=', 't.network_id').onRef('ph.id', '=', 't.phase_id'),
    )
    .selectAll('t')
    .select(['ph.kind as phase_kind', 'ph.title as phase_title']);
}

type ToolFactsRow = NonNullable<Awaited<ReturnType<ReturnType<typeof toolFactsQuery>['executeTakeFirst']>>>;

/** A row of toolFactsQuery as the tool (with its phase) and its project's access facts. */
export function toolFactsOf(row: ToolFactsRow) {
  const {
    p_id,
    p_title,
    p_status,
    p_visibility,
    p_joining,
    p_current_phase_id,
    me_id,
    me_role,
    me_status,
    running,
    invited,
    ...tool
  } = row;
  return { tool, project: factsOf(row) };
}

/**
 * A tool with its phase and its project's access facts in one round trip (every tool page and every
 * contribution opens its tool through the project's door first).
 */
export async function toolWithFacts(
  db: Executor,
  networkId: string,
  toolId: string,
  accountId: string | null,
) {
  const row = await toolFactsQuery(db, networkId, accountId).where('t.id', '=', toolId).executeTakeFirst();
  return row ? toolFactsOf(row) : undefined;
}

/** A tool with its project's id and its phase's kind and title. */
export type ToolRow = NonNullable<Awaited<ReturnType<typeof toolWithFacts>>>['tool'];
