import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { localDate } from '../../../platform/localTime.ts';
import { type DemoSeedContext, demoCommandContext } from '../../../seed/context.ts';
import { type DemoProjectKey, demoProjects } from '../projects/demo.ts';
import { addReview, setAffectedGroups, setMethod, updateOutcome } from './commands/accountability.ts';

const day = 86_400_000;

/**
 * Accountability in the demo town, on the projects the projects part made (a missing one is
 * skipped): the Caritas consultation hours name whom they are for — service users, relatives, older
 * people, Turkish and Arabic speakers — so the table shows who is missing; their outcome is on track
 * and the review date came two days ago (the reminder and the home show it); the repair café had its
 * first review; and tools that applied a method of the playbook name it, so the method pages list
 * the projects.
 */
export async function seedAccountability(tx: Transaction<DB>, c: DemoSeedContext) {
  const project = async (key: DemoProjectKey) =>
    (
      await tx
        .selectFrom('codesign_project')
        .select('id')
        .where('network_id', '=', c.networkId)
        .where('title', '=', demoProjects[key].title)
        .executeTakeFirst()
    )?.id;
  const today = (offsetDays: number) => localDate(new Date(c.now + offsetDays * day));
  let outcomes = 0;
  let reviews = 0;
  let methods = 0;

  const consultation = await project('consultation');
  if (consultation) {
    const aylin = demoCommandContext(c, 'aylin');
    const altstadt = c.districtIds.get('altstadt');
    await setAffectedGroups(tx, aylin, consultation, [
      { dimension: 'stake', value: 'service_user', expectedShare: 0.5 },
      { dimension: 'stake', value: 'relative', expectedShare: 0.15 },
      { dimension: 'stake', value: 'staff', expectedShare: 0.2 },
      { dimension: 'age_band', value: '65_79', expectedShare: 0.25 },
      { dimension: 'age_band', value: '80_plus', expectedShare: 0.1 },
      { dimension: 'language', value: 'tr', expectedShare: 0.15 },
      { dimension: 'language', value: 'ar', expectedShare: 0.1 },
      ...(altstadt ? [{ dimension: 'district' as const, value: altstadt, expectedShare: 0.4 }] : []),
    ]);
    await updateOutcome(
      tx,
      aylin,
      consultation,
      {
        status: 'on_track',
        progress: 70,
        statement:
          'Die offene Sprechstunde ist seit September dienstags auch von 16 bis 19 Uhr geöffnet, im Nachbarschaftszentrum. Einmal im Monat ist eine Dolmetscherin für Türkisch da. Termine gibt es jetzt auch am Telefon.',
        reviewOn: today(-2),
      },
      null,
    );
    outcomes++;
  }

  const repair = await project('repairImplement');
  if (repair) {
    const fatma = demoCommandContext(c, 'fatma');
    await updateOutcome(
      tx,
      fatma,
      repair,
      {
        status: 'delayed',
        progress: 40,
        statement:
          'Das Reparaturcafé läuft jeden zweiten Samstag. Die Hinweisschilder gibt es auf Deutsch und Türkisch; Arabisch und Russisch fehlen noch, weil uns Übersetzerinnen fehlen.',
        reviewOn: today(30),
      },
      null,
    );
    outcomes++;
    await addReview(
      tx,
      fatma,
      repair,
      {
        heldOn: today(-21),
        worked: 'Die Schilder in zwei Sprachen: Zum ersten Mal kamen Familien aus der Hochhaussiedlung.',
        didNotWork: 'Samstagvormittag ist für viele Ältere zu früh; die Warteliste auf Papier ging verloren.',
        nextSteps: 'Zweiter Termin am Mittwochnachmittag ausprobieren; Warteliste im Projekt führen.',
        judgedBy: 'Besucherinnen und Besucher beim Reparaturcafé und das Team des Nachbarschaftszentrums',
        judgedStakes: ['service_user', 'resident', 'volunteer', 'staff'],
      },
      undefined,
      new Date(c.now),
    );
    reviews++;
  }

  // tools that applied a method of the playbook say so
  const page = async (title: string) =>
    (
      await tx
        .selectFrom('playbook_page as p')
        .innerJoin('playbook_revision as r', (j) =>
          j
            .onRef('r.network_id', '=', 'p.network_id')
            .onRef('r.page_id', '=', 'p.id')
            .onRef('r.revision', '=', 'p.current_revision'),
        )
        .select('p.id')
        .where('p.network_id', '=', c.networkId)
        .where('r.title', '=', title)
        .executeTakeFirst()
    )?.id;
  const uses: [DemoProjectKey, 'dots' | 'meeting', string, string][] = [
    ['consultation', 'dots', 'Punktabfrage: gemeinsam gewichten', 'aylin'],
    ['cafeIdeas', 'dots', 'Punktabfrage: gemeinsam gewichten', 'fatma'],
    ['familiesNeeds', 'meeting', 'World Café', 'thomas'],
    ['seniorGoals', 'meeting', 'Zukunftswerkstatt mit Älteren', 'sevgi'],
  ];
  for (const [key, kind, title, who] of uses) {
    const projectId = await project(key);
    const pageId = await page(title);
    if (!projectId || !pageId) continue;
    const tool = await tx
      .selectFrom('codesign_tool')
      .select('id')
      .where('network_id', '=', c.networkId)
      .where('project_id', '=', projectId)
      .where('kind', '=', kind)
      .orderBy('position')
      .executeTakeFirst();
    if (!tool) continue;
    await setMethod(tx, demoCommandContext(c, who), tool.id, pageId);
    methods++;
  }
  return { codesignOutcomes: outcomes, codesignReviews: reviews, codesignMethodsApplied: methods };
}
