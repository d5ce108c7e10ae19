import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { toolIsOpen } from '../projects/access.ts';
import { type DemoProjectKey, demoProjects } from '../projects/demo.ts';
import { addAssisted } from './commands/assisted.ts';
import { saveMeeting } from './commands/meetings.ts';
import { addTally } from './commands/tallies.ts';

/**
 * Offline participation in the demo town, through the part's own commands: in the Caritas
 * consultation project Aylin Demir adds Frau M. (no account; she signed the consent form) with her
 * groups, records the meeting in the Begegnungsraum with attendance by group and Frau M. among those
 * present, and enters the totals of the paper dot-vote poster; the Nordfeld families project gets the
 * record of its parents' evening. A project that has no meeting tool gets one (the projects part's
 * seed may not have made one).
 */
export async function seedOffline(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  const day = 86_400_000;
  const date = (daysAgo: number) => new Date(c.now - daysAgo * day).toISOString().slice(0, 10);

  const project = async (key: DemoProjectKey) =>
    tx
      .selectFrom('codesign_project')
      .select(['id', 'current_phase_id', 'status'])
      .where('network_id', '=', c.networkId)
      .where('title', '=', demoProjects[key].title)
      .executeTakeFirst();

  /** The project's meeting tool, made in its current phase if it has none. */
  const meetingTool = async (
    p: { id: string; current_phase_id: string | null },
    title: string,
    code: string,
  ) => {
    const found = await tx
      .selectFrom('codesign_tool')
      .select('id')
      .where('network_id', '=', c.networkId)
      .where('project_id', '=', p.id)
      .where('kind', '=', 'meeting')
      .orderBy('position')
      .executeTakeFirst();
    if (found) return found.id;
    const phase =
      p.current_phase_id ??
      (
        await tx
          .selectFrom('codesign_phase')
          .select('id')
          .where('network_id', '=', c.networkId)
          .where('project_id', '=', p.id)
          .orderBy('position')
          .executeTakeFirstOrThrow()
      ).id;
    const row = await tx
      .insertInto('codesign_tool')
      .values({
        network_id: c.networkId,
        project_id: p.id,
        phase_id: phase,
        kind: 'meeting',
        title,
        description: 'Das Protokoll des Treffens: wer da war, was besprochen und entschieden wurde.',
        position: 90,
        paper_code: code,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const isOpen = async (toolId: string) => {
    const tool = await tx
      .selectFrom('codesign_tool')
      .select(['opens_at', 'closes_at'])
      .where('network_id', '=', c.networkId)
      .where('id', '=', toolId)
      .executeTakeFirstOrThrow();
    return toolIsOpen({ status: 'active' }, tool, new Date(c.now));
  };

  const made: Record<string, unknown> = {};
  const consultation = await project('consultation');
  // the projects part's seed decides each project's state; what a state does not allow is left out
  if (consultation && consultation.status === 'active') {
    const aylin = ctx('aylin');
    const frauM = await addAssisted(tx, aylin, consultation.id, {
      displayName: 'Frau M.',
      consent: 'paper',
      groups: {
        districtId: c.districtIds.get('altstadt') ?? null,
        ageBand: '65_79',
        stake: 'service_user',
        language: 'de',
      },
    });
    const toolId = await meetingTool(consultation, 'Gesprächsrunde im Begegnungsraum', 'TREFF1');
    await saveMeeting(tx, aylin, toolId, {
      heldOn: date(9),
      place: 'Begegnungsraum der Caritas, Marktstraße 4',
      facilitator: 'Aylin Demir',
      people: 14,
      attendance: [
        { dimension: 'stake', value: 'service_user', people: 9 },
        { dimension: 'stake', value: 'volunteer', people: 3 },
        { dimension: 'stake', value: 'staff', people: 2 },
        { dimension: 'age_band', value: '30_49', people: 4 },
        { dimension: 'age_band', value: '50_64', people: 3 },
        { dimension: 'age_band', value: '65_79', people: 7 },
        { dimension: 'language', value: 'de', people: 10 },
        { dimension: 'language', value: 'tr', people: 4 },
        ...(c.districtIds.get('altstadt')
          ? [{ dimension: 'district' as const, value: c.districtIds.get('altstadt')!, people: 8 }]
          : []),
      ],
      // attending is a contribution: only while the project takes them
      ...((await isOpen(toolId)) ? { attendees: [frauM] } : {}),
      notes:
        'Viele wünschen sich eine Sprechstunde am Nachmittag. Die Wartezeit im Flur ist zu lang; ein Stuhlkreis mit Kaffee wurde vorgeschlagen.',
      decisions: [
        'Wir testen ab Februar eine Sprechstunde am Donnerstagnachmittag.',
        'Wartende bekommen eine Nummer und können im Café warten.',
      ],
    });
    const dots = await tx
      .selectFrom('codesign_tool')
      .select('id')
      .where('network_id', '=', c.networkId)
      .where('project_id', '=', consultation.id)
      .where('kind', '=', 'dots')
      .executeTakeFirst();
    await addTally(tx, aylin, dots?.id ?? toolId, {
      meetingToolId: toolId,
      people: 12,
      channel: 'paper',
      note: 'Klebepunkte auf dem Plakat im Flur, nach der Gesprächsrunde ausgezählt.',
      counts: [
        { label: 'Sprechstunde am Nachmittag', count: 17 },
        { label: 'Termine auch per Telefon', count: 9 },
        { label: 'Dolmetschen für Türkisch und Arabisch', count: 7 },
      ],
    });
    made.offlineFrauM = frauM;
  }
  const families = await project('familiesNeeds');
  if (families && families.status !== 'draft') {
    const toolId = await meetingTool(families, 'Elternabend in der Kita Nordfeld', 'TREFF2');
    await saveMeeting(tx, ctx('thomas'), toolId, {
      heldOn: date(4),
      place: 'Kita Nordfeld, Gruppenraum',
      facilitator: 'Thomas Becker',
      people: 21,
      attendance: [
        { dimension: 'stake', value: 'relative', people: 18 },
        { dimension: 'stake', value: 'staff', people: 3 },
        { dimension: 'language', value: 'de', people: 12 },
        { dimension: 'language', value: 'ar', people: 5 },
        { dimension: 'language', value: 'uk', people: 4 },
      ],
      notes: 'Eltern wünschen sich einen Spielplatz mit Schatten und Hilfe bei Anträgen.',
      decisions: ['Die Stadt prüft einen Sonnenschutz für den Spielplatz Birkenweg.'],
    });
  }
  return made;
}
