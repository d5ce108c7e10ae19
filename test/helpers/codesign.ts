import { toolConfig, toolKinds } from '../../server/areas/codesign/projects/tools.ts';
import type {
  CodesignJoining,
  CodesignPhaseKind,
  CodesignToolKind,
  CodesignVisibility,
} from '../../server/db/schema.ts';
import type { TestApp } from './app.ts';

let n = 0;
/** a paper code no other test of the process uses (six capitals and digits) */
const code = () =>
  `T${process.pid.toString(36).toUpperCase().slice(-2)}${(++n).toString(36).toUpperCase().padStart(3, '0')}`;

/**
 * A co-design project straight in the database, for the tests of Mitgestalten's parts: run by `lead`
 * (and accepted `partners`), active unless said otherwise, with one phase per kind given and one tool
 * per kind given (in the first phase that suits it, else the first phase), open now unless `closesAt`
 * says otherwise. Participants come from `participants` (accounts, active). What the projects part's
 * routes do is tested there; this only sets the stage.
 */
export async function makeProject(
  t: Pick<TestApp, 'db' | 'networkId'>,
  o: {
    lead: string;
    partners?: string[];
    title?: string;
    status?: 'draft' | 'active' | 'closed';
    visibility?: CodesignVisibility;
    joining?: CodesignJoining;
    phases?: CodesignPhaseKind[];
    tools?: {
      kind: CodesignToolKind;
      config?: Record<string, unknown>;
      opensAt?: Date | null;
      closesAt?: Date | null;
    }[];
    participants?: string[];
    createdBy?: string;
  },
) {
  const networkId = t.networkId;
  const project = await t.db
    .insertInto('codesign_project')
    .values({
      network_id: networkId,
      title: o.title ?? `Sprechstunde neu denken ${++n}`,
      summary: 'Wir gestalten die offene Sprechstunde gemeinsam neu.',
      template: 'custom',
      visibility: o.visibility ?? 'public',
      joining: o.joining ?? 'open',
      link_token_hash: o.joining === 'link' ? `hash-${n}-${Date.now()}` : null,
      status: o.status ?? 'active',
      created_by: o.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('codesign_project_organisation')
    .values([
      {
        network_id: networkId,
        project_id: project.id,
        organisation_id: o.lead,
        is_lead: true,
        status: 'accepted',
      },
      ...(o.partners ?? []).map((p) => ({
        network_id: networkId,
        project_id: project.id,
        organisation_id: p,
        is_lead: false,
        status: 'accepted' as const,
      })),
    ])
    .execute();
  const kinds = o.phases ?? ['needs', 'ideas', 'decide', 'commit', 'review'];
  const phases = await t.db
    .insertInto('codesign_phase')
    .values(
      kinds.map((kind, i) => ({
        network_id: networkId,
        project_id: project.id,
        kind,
        position: i + 1,
        title: kind,
      })),
    )
    .returning(['id', 'kind'])
    .execute();
  const firstPhase = phases[0];
  if (!firstPhase) throw new Error('makeProject needs a phase');
  await t.db
    .updateTable('codesign_project')
    .set({ current_phase_id: firstPhase.id })
    .where('network_id', '=', networkId)
    .where('id', '=', project.id)
    .execute();
  const tools: Record<string, string> = {};
  const toolIds: string[] = [];
  for (const [i, tool] of (o.tools ?? []).entries()) {
    const { suits } = toolKinds[tool.kind];
    const phase = phases.find((p) => (suits as readonly string[]).includes(p.kind)) ?? firstPhase;
    const row = await t.db
      .insertInto('codesign_tool')
      .values({
        network_id: networkId,
        project_id: project.id,
        phase_id: phase.id,
        kind: tool.kind,
        title: `Werkzeug ${tool.kind} ${n}`,
        config: JSON.stringify(toolConfig(tool.kind, tool.config ?? {})),
        position: i + 1,
        opens_at: tool.opensAt ?? null,
        closes_at: tool.closesAt ?? null,
        paper_code: code(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tools[tool.kind] ??= row.id;
    toolIds.push(row.id);
  }
  const participants: Record<string, string> = {};
  for (const accountId of o.participants ?? []) {
    const p = await t.db
      .insertInto('codesign_participant')
      .values({
        network_id: networkId,
        project_id: project.id,
        account_id: accountId,
        joined_via: 'invitation',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    participants[accountId] = p.id;
  }
  return {
    id: project.id,
    phases: Object.fromEntries(phases.map((p) => [p.kind, p.id])) as Record<CodesignPhaseKind, string>,
    /** the first tool of each kind */
    tools: tools as Record<CodesignToolKind, string>,
    toolIds,
    /** account id → participant id */
    participants,
  };
}

/** A person without an account, entered by staff with their consent, in a project. */
export async function makeAssistedParticipant(
  t: Pick<TestApp, 'db' | 'networkId'>,
  projectId: string,
  o: { name?: string; recordedBy: string; consent?: 'in_person' | 'paper' | 'phone' },
) {
  const row = await t.db
    .insertInto('codesign_participant')
    .values({
      network_id: t.networkId,
      project_id: projectId,
      display_name: o.name ?? 'Frau M.',
      joined_via: 'assisted',
      consent: o.consent ?? 'paper',
      consent_recorded_by: o.recordedBy,
      consent_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
