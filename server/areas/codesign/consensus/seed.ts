import type { Transaction } from 'kysely';
import type { CodesignStance, DB } from '../../../db/schema.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { type DemoProjectKey, demoProjects } from '../projects/demo.ts';
import { addToTimeline } from '../projects/timeline.ts';

type Tx = Transaction<DB>;

const hours = 3_600_000;
const days = 24 * hours;

/** A demo project's id and its (first) consensus tool, made in its decide or current phase if it has none. */
async function consensusToolOf(tx: Tx, networkId: string, key: DemoProjectKey, by: string | null) {
  const project = await tx
    .selectFrom('codesign_project')
    .select(['id', 'current_phase_id'])
    .where('network_id', '=', networkId)
    .where('title', '=', demoProjects[key].title)
    .executeTakeFirst();
  if (!project) return null;
  const tool = await tx
    .selectFrom('codesign_tool')
    .select(['id', 'closes_at'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', project.id)
    .where('kind', '=', 'consensus')
    .orderBy('position')
    .executeTakeFirst();
  if (tool)
    return { projectId: project.id, toolId: tool.id, open: !tool.closes_at || tool.closes_at > new Date() };
  const phase = await tx
    .selectFrom('codesign_phase')
    .select('id')
    .where('network_id', '=', networkId)
    .where('project_id', '=', project.id)
    .orderBy((eb) => eb.case().when('kind', '=', 'decide').then(0).else(1).end())
    .orderBy('position')
    .executeTakeFirst();
  if (!phase) return null;
  const made = await tx
    .insertInto('codesign_tool')
    .values({
      network_id: networkId,
      project_id: project.id,
      phase_id: phase.id,
      kind: 'consensus',
      title: 'Gemeinsam entscheiden',
      description: 'Hier stimmen wir über die Vorschläge ab. Jede Stimme zählt.',
      position: 90,
      paper_code: `KS${(key.length * 7919 + project.id.charCodeAt(0)).toString(36).toUpperCase().padStart(4, '0').slice(-4)}`,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { projectId: project.id, toolId: made.id, open: true };
}

/** The participant row of a demo person in a project, joined when not yet. */
async function participantOf(tx: Tx, networkId: string, projectId: string, accountId: string) {
  const found = await tx
    .selectFrom('codesign_participant')
    .select('id')
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto('codesign_participant')
    .values({ network_id: networkId, project_id: projectId, account_id: accountId, joined_via: 'invitation' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function stance(
  tx: Tx,
  networkId: string,
  projectId: string,
  toolId: string,
  proposalId: string,
  participantId: string,
  s: CodesignStance,
  reason: string,
  enteredBy: string | null = null,
) {
  const c = await tx
    .insertInto('codesign_contribution')
    .values({
      network_id: networkId,
      project_id: projectId,
      tool_id: toolId,
      participant_id: participantId,
      kind: 'stance',
      channel: enteredBy ? 'paper' : 'online',
      entered_by: enteredBy,
      entered_role: enteredBy ? 'staff' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('codesign_stance')
    .values({
      network_id: networkId,
      proposal_id: proposalId,
      participant_id: participantId,
      stance: s,
      reason,
      contribution_id: c.id,
    })
    .execute();
}

/**
 * Consensus in the demo town: the lunch table of St. Marien decides its new opening hours (open, with
 * stances and one block), and Caritas' consultation hours were decided with an outcome whose review
 * is due today — so the reminder and Today's item show. Skipped where the projects part made no
 * demo project.
 */
export async function seedConsensus(tx: Tx, c: DemoSeedContext): Promise<Record<string, unknown>> {
  const { networkId } = c;
  const person = (k: string) => c.personIds.get(k) ?? null;
  const out: Record<string, unknown> = {};

  const lunch = await consensusToolOf(tx, networkId, 'lunchDecide', person('christine'));
  if (lunch?.open) {
    const p = await tx
      .insertInto('codesign_proposal')
      .values({
        network_id: networkId,
        project_id: lunch.projectId,
        tool_id: lunch.toolId,
        title: 'Mittagstisch dienstags und donnerstags von 12 bis 14 Uhr',
        body: 'Wir öffnen den Mittagstisch künftig dienstags und donnerstags jeweils von 12 bis 14 Uhr statt nur mittwochs. Die Küche übernehmen zwei Teams aus Ehrenamtlichen im Wechsel.',
        closes_at: new Date(c.now + 5 * days),
        created_by: person('christine'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const votes: [string, CodesignStance, string][] = [
      ['helga', 'agree', 'Zwei Tage sind gut — dann kommen mehr Leute.'],
      ['bernd', 'agree', ''],
      ['martin', 'abstain', 'Ich bin in dieser Zeit selten da.'],
      ['hannelore', 'agree', 'Dienstags passt mir besonders gut.'],
      ['ingrid', 'disagree', 'Um 14 Uhr ist es zu früh vorbei, viele kommen später.'],
      [
        'dieter',
        'block',
        'Ohne zweites Kochteam schaffen wir das nicht. Erst brauchen wir mehr Helferinnen.',
      ],
    ];
    for (const [who, s, reason] of votes) {
      const id = person(who);
      if (!id) continue;
      const pa = await participantOf(tx, networkId, lunch.projectId, id);
      await stance(tx, networkId, lunch.projectId, lunch.toolId, p.id, pa, s, reason);
    }
    await addToTimeline(tx, {
      networkId,
      projectId: lunch.projectId,
      kind: 'consensus.proposed',
      actorId: person('christine'),
      subject: { type: 'codesign_proposal', id: p.id },
      params: { title: 'Mittagstisch dienstags und donnerstags von 12 bis 14 Uhr' },
    });
    out.consensusOpenProposal = p.id;
  }

  const consultation = await consensusToolOf(tx, networkId, 'consultation', person('aylin'));
  if (consultation) {
    const title = 'Offene Sprechstunde zusätzlich dienstags am Abend';
    const p = await tx
      .insertInto('codesign_proposal')
      .values({
        network_id: networkId,
        project_id: consultation.projectId,
        tool_id: consultation.toolId,
        title,
        body: 'Die offene Sprechstunde findet zusätzlich dienstags von 17 bis 19 Uhr statt, damit auch Berufstätige kommen können. Eine Dolmetscherin für Türkisch ist dabei.',
        closes_at: new Date(Date.now() + hours),
        created_by: person('aylin'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (consultation.open) {
      for (const [who, s, reason] of [
        ['hasan', 'agree', 'Abends kann ich endlich kommen.'],
        ['emine', 'agree', ''],
        ['olga', 'abstain', ''],
      ] as [string, CodesignStance, string][]) {
        const id = person(who);
        if (!id) continue;
        const pa = await participantOf(tx, networkId, consultation.projectId, id);
        await stance(tx, networkId, consultation.projectId, consultation.toolId, p.id, pa, s, reason);
      }
    }
    // it closed three months ago; the review is due today
    const closed = new Date(c.now - 90 * days);
    const today = new Date(c.now).toISOString().slice(0, 10);
    await tx
      .updateTable('codesign_proposal')
      .set({
        closes_at: closed,
        created_at: new Date(closed.getTime() - 14 * days),
        outcome: 'decided',
        outcome_statement:
          'Beschlossen: Ab dem nächsten Monat gibt es die offene Sprechstunde zusätzlich dienstags von 17 bis 19 Uhr, mit Dolmetscherin für Türkisch. Nach drei Monaten schauen wir gemeinsam, ob das Angebot angenommen wird.',
        outcome_by: person('aylin'),
        outcome_at: closed,
        review_on: today,
      })
      .where('network_id', '=', networkId)
      .where('id', '=', p.id)
      .execute();
    await addToTimeline(tx, {
      networkId,
      projectId: consultation.projectId,
      kind: 'consensus.decided',
      actorId: person('aylin'),
      subject: { type: 'codesign_proposal', id: p.id },
      params: { title, outcome: 'decided', reviewOn: today },
    });
    out.consensusDecidedProposal = p.id;
  }
  return out;
}
