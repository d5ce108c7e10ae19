import { sql } from 'kysely';
import type { CodesignParticipantRole, CodesignParticipantStatus } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { ProjectFacts } from '../policies/project.ts';

/** A project as every part needs it to decide access: its row, who runs it, the reader's place in it. */
export async function projectFacts(
  db: Executor,
  networkId: string,
  projectId: string,
  accountId: string | null,
) {
  const row = await db
    .selectFrom('codesign_project as p')
    .leftJoin('codesign_participant as me', (j) =>
      j
        .onRef('me.network_id', '=', 'p.network_id')
        .onRef('me.project_id', '=', 'p.id')
        .on('me.account_id', '=', accountId),
    )
    .select([
      'p.id',
      'p.title',
      'p.status',
      'p.visibility',
      'p.joining',
      'p.current_phase_id',
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
    .where('p.network_id', '=', networkId)
    .where('p.id', '=', projectId)
    .executeTakeFirst();
  if (!row) return undefined;
  const facts: ProjectFacts & {
    id: string;
    title: string;
    leadOrganisationId: string | null;
    currentPhaseId: string | null;
    participantId: string | null;
  } = {
    id: row.id,
    title: row.title,
    status: row.status,
    visibility: row.visibility,
    joining: row.joining,
    runningOrganisationIds: row.running,
    invitedOrganisationIds: row.invited,
    leadOrganisationId: row.running[0] ?? null,
    currentPhaseId: row.current_phase_id,
    participantId: row.me_id,
    me:
      row.me_id && row.me_role && row.me_status
        ? { role: row.me_role as CodesignParticipantRole, status: row.me_status as CodesignParticipantStatus }
        : null,
  };
  return facts;
}

export type ProjectAccessFacts = NonNullable<Awaited<ReturnType<typeof projectFacts>>>;

/** A tool with its project's id and its phase's kind. */
export async function findTool(db: Executor, networkId: string, toolId: string) {
  return db
    .selectFrom('codesign_tool as t')
    .innerJoin('codesign_phase as ph', (j) =>
      j.onRef('ph.network_id', '=', 't.network_id').onRef('ph.id', '=', 't.phase_id'),
    )
    .selectAll('t')
    .select(['ph.kind as phase_kind', 'ph.title as phase_title'])
    .where('t.network_id', '=', networkId)
    .where('t.id', '=', toolId)
    .executeTakeFirst();
}

export type ToolRow = NonNullable<Awaited<ReturnType<typeof findTool>>>;
