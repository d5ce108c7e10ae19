import type { CodesignPhaseKind } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

/**
 * The demo town's co-design projects, one in each phase (issue "Mitgestalten"): the projects part
 * makes them (seed.ts) and every later part adds its own things to them, finding a project by its key
 * here. `lead` and `partners` are organisation keys of seed/lindenbrueck.ts, `phase` the phase the
 * project stands in today.
 */
export const demoProjects = {
  /** Caritas redesigns its open consultation hours with the people who use them; the review is due */
  consultation: {
    title: 'Offene Sprechstunde der Caritas gemeinsam neu gestalten',
    lead: 'caritas',
    partners: ['nbz'],
    phase: 'review',
  },
  /** what families in Nordfeld need (a survey and a meeting) */
  familiesNeeds: {
    title: 'Was brauchen Familien in Nordfeld?',
    lead: 'stadt',
    partners: [],
    phase: 'needs',
  },
  /** goals for the AWO senior meeting place */
  seniorGoals: {
    title: 'Ziele für den Seniorentreff Weidenau',
    lead: 'awo',
    partners: [],
    phase: 'goals',
  },
  /** ideas for the neighbourhood café's afternoons, with dot voting */
  cafeIdeas: {
    title: 'Ideen für die Nachmittage im Nachbarschaftscafé',
    lead: 'nbz',
    partners: ['fwa'],
    phase: 'ideas',
  },
  /** the lunch table's opening hours, decided by consensus and ranking */
  lunchDecide: {
    title: 'Mittagstisch St. Marien: neue Öffnungszeiten',
    lead: 'kirche',
    partners: [],
    phase: 'decide',
  },
  /** a ride service to the weekly market: who brings what */
  marketRidesCommit: {
    title: 'Fahrdienst zum Wochenmarkt',
    lead: 'fwa',
    partners: ['awo'],
    phase: 'commit',
  },
  /** the repair café in several languages, being put into practice */
  repairImplement: {
    title: 'Reparaturcafé in mehreren Sprachen',
    lead: 'nbz',
    partners: [],
    phase: 'implement',
  },
} as const satisfies Record<
  string,
  { title: string; lead: string; partners: readonly string[]; phase: CodesignPhaseKind }
>;

export type DemoProjectKey = keyof typeof demoProjects;

/** The id of a demo project (made by the projects part's seed), for the later parts' seeds. */
export async function demoProjectId(tx: Executor, networkId: string, key: DemoProjectKey): Promise<string> {
  const row = await tx
    .selectFrom('codesign_project')
    .select('id')
    .where('network_id', '=', networkId)
    .where('title', '=', demoProjects[key].title)
    .executeTakeFirstOrThrow();
  return row.id;
}
