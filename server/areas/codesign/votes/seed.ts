import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { joinProject } from '../projects/contribute.ts';
import { type DemoProjectKey, demoProjects } from '../projects/demo.ts';
import { addOptions } from './commands/options.ts';
import { changeDots, saveRanking } from './commands/votes.ts';
import { listOptions } from './repositories/options.ts';

interface DemoVote {
  project: DemoProjectKey;
  kind: 'dots' | 'ranking';
  /** who types the options in: a staff member of the lead organisation */
  by: string;
  options: { title: string; description: string }[];
  /** person key → option numbers (1-based): one dot per mention; for a ranking, first place first */
  votes: Record<string, number[]>;
}

const demoVotes: DemoVote[] = [
  {
    project: 'cafeIdeas',
    kind: 'dots',
    by: 'petra',
    options: [
      {
        title: 'Spielenachmittag für Jung und Alt',
        description: 'Jeden Donnerstag Brettspiele und Karten. Spiele sind da.',
      },
      { title: 'Sprachcafé', description: 'Deutsch üben bei Kaffee und Kuchen, mit Ehrenamtlichen.' },
      {
        title: 'Reparaturecke',
        description: 'Kleine Dinge zusammen reparieren: Lampen, Kleidung, Fahrräder.',
      },
      { title: 'Vorlesen für Kinder', description: 'Samstags um 15 Uhr, auch in anderen Sprachen.' },
      { title: 'Handy-Sprechstunde', description: 'Junge Leute helfen Älteren mit Handy und Tablet.' },
    ],
    votes: {
      jonas: [5, 5, 3, 1, 1],
      amira: [2, 2, 2, 4, 4],
      paul: [3, 3, 3, 5, 5],
      hannelore: [5, 5, 5, 1, 1],
      dieter: [1, 1, 1, 5, 5],
      sevgi: [2, 2, 4, 4, 4],
      mehmet: [2, 3, 5],
    },
  },
  {
    project: 'consultation',
    kind: 'dots',
    by: 'aylin',
    options: [
      {
        title: 'Sprechstunde auch am Abend',
        description: 'Einmal in der Woche bis 19 Uhr, für Berufstätige.',
      },
      {
        title: 'Termine per Telefon buchen',
        description: 'Eine feste Nummer mit Rückruf statt langer Warteschlange.',
      },
      { title: 'Wartebereich mit Spielecke', description: 'Damit Eltern in Ruhe sprechen können.' },
      {
        title: 'Beratung in mehreren Sprachen',
        description: 'Türkisch, Arabisch und Russisch, mit Sprachmittlung.',
      },
    ],
    votes: {
      ursula: [1, 1, 2, 2, 2],
      gerhard: [2, 2, 2, 1, 1],
      sevgi: [4, 4, 4, 3, 3],
      hannelore: [2, 2, 3, 3, 1],
      renate: [1, 1, 1, 4, 2],
      olga: [4, 4, 4, 2, 2],
    },
  },
  {
    project: 'lunchDecide',
    kind: 'ranking',
    by: 'christine',
    options: [
      {
        title: 'Dienstag und Donnerstag, 12 bis 14 Uhr',
        description: 'Wie bisher, aber eine halbe Stunde länger.',
      },
      { title: 'Montag bis Freitag, 12 bis 13 Uhr', description: 'Jeden Tag, dafür kürzer.' },
      {
        title: 'Mittwoch und Samstag, 12 bis 14 Uhr',
        description: 'Auch am Wochenende, für Berufstätige und Familien.',
      },
      {
        title: 'Dienstag und Freitag, 11:30 bis 13:30 Uhr',
        description: 'Früher, passend zur Tafel nebenan.',
      },
    ],
    votes: {
      helga: [1, 4, 2],
      bernd: [3, 1, 2],
      martin: [1, 2, 4],
      ingrid: [4, 1, 3],
      margarete: [1, 3, 2],
      erwin: [2, 1, 4],
      wolfgang: [3, 4, 1],
    },
  },
];

/**
 * The demo town's votes: the options and dots in the café's ideas and in the Caritas consultation
 * hours, and a ranking of the lunch table's opening hours — through the part's commands, so the
 * contribution log, the counters and the interaction record are as a real vote leaves them. A tool that
 * is closed today (the consultation's, in its review) is opened for the seed and closed again, as if the
 * votes came in while it was open. A project or tool the projects part did not make is left out.
 */
export async function seedVotes(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key);
  const actor = (key: string): Actor => ({
    accountId: person(key) ?? null,
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [c.orgIds.get(o) ?? '', role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key) ?? '',
    ip: '127.0.0.1',
    locale: 'de',
  });
  let votes = 0;
  for (const v of demoVotes) {
    const tool = await tx
      .selectFrom('codesign_tool as t')
      .innerJoin('codesign_project as p', (j) =>
        j.onRef('p.network_id', '=', 't.network_id').onRef('p.id', '=', 't.project_id'),
      )
      .select(['t.id', 't.project_id', 't.opens_at', 't.closes_at', 'p.status'])
      .where('t.network_id', '=', c.networkId)
      .where('p.title', '=', demoProjects[v.project].title)
      .where('t.kind', '=', v.kind)
      .orderBy('t.position')
      .executeTakeFirst();
    if (tool?.status !== 'active') continue;
    const setTimes = (opens: Date | null, closes: Date | null) =>
      tx
        .updateTable('codesign_tool')
        .set({ opens_at: opens, closes_at: closes })
        .where('network_id', '=', c.networkId)
        .where('id', '=', tool.id)
        .execute();
    await setTimes(null, null);
    await addOptions(tx, ctx(v.by), tool.id, v.options, false);
    const options = await listOptions(tx, c.networkId, tool.id);
    const idOf = (n: number) => options[options.length - v.options.length + n - 1]?.id ?? '';
    for (const [key, picks] of Object.entries(v.votes)) {
      const accountId = person(key);
      if (!accountId) continue;
      await joinProject(tx, c.networkId, tool.project_id, accountId, 'open');
      if (v.kind === 'ranking') await saveRanking(tx, ctx(key), tool.id, picks.map(idOf));
      else
        for (const n of picks)
          await changeDots(tx, ctx(key), tool.id, { change: 'place', optionId: idOf(n), count: 1 });
      votes++;
    }
    await setTimes(tool.opens_at, tool.closes_at);
  }
  return { codesignVoters: votes };
}
