import type { Transaction } from 'kysely';
import type { CommunityJoining, CommunityRole, CommunitySpace, DB } from '../../../db/schema.ts';
import { type DemoSeedContext, demoCommandContext } from '../../../seed/context.ts';
import { replyToThread, startCommunityThread } from '../../knowledge/index.ts';
import { createCommunity } from './commands/communities.ts';
import { answerRequest, joinCommunity, setMemberRole } from './commands/members.ts';

interface DemoCommunity {
  by: string;
  name: string;
  summary: string;
  description: string;
  space: CommunitySpace;
  towns?: string[];
  district?: string;
  joining: CommunityJoining;
  /** who is in it (besides the one who made it), with a role other than member where said */
  members: { who: string; role?: CommunityRole; note?: string }[];
  /** who asked to join and waits for an answer */
  asking?: { who: string; note: string }[];
  /** a discussion of its members: who starts it, then who answers */
  thread?: { title: string; body: string; replies: { who: string; body: string }[] };
}

/**
 * The demo town's communities, through the part's commands: the Repair-Café that meets in Lindenbrück,
 * Auental and Birkheim (open to everyone, Jonas finds it; its talk is public), the women's breakfast at
 * the station (local, by request: its talk stays with its members, and one request waits for Fatma's
 * answer), and an online-only circle for smartphone questions.
 */
const communities: DemoCommunity[] = [
  {
    by: 'lukas',
    name: 'Repair-Café Lindenbrück',
    summary:
      'Kaputtes reparieren wir gemeinsam statt wegzuwerfen – in Lindenbrück, Auental und Birkheim, jeden Monat in einem anderen Ort.',
    description:
      'Wir sind Bastlerinnen, Tüftler und Menschen mit kaputten Toastern. Einmal im Monat treffen wir uns reihum im **Nachbarschaftszentrum Lindenhof**, im Gemeindehaus **Auental** und in der Schule **Birkheim**.\n\n- Bringen Sie mit, was repariert werden soll.\n- Werkzeug und Kaffee sind da.\n- Wer etwas kann, hilft; wer nichts kann, lernt es.\n\nDie Termine stehen im Kalender.',
    space: 'translocal',
    towns: ['Auental', 'Birkheim'],
    joining: 'open',
    members: [
      { who: 'paul', role: 'moderator' },
      { who: 'jonas' },
      { who: 'bernd' },
      { who: 'dieter' },
      { who: 'lea' },
    ],
    thread: {
      title: 'Ersatzteile für alte Kaffeemaschinen – wer hat eine Quelle?',
      body: 'Beim letzten Treffen in Auental kamen gleich drei Kaffeemaschinen mit kaputter Pumpe. Kennt jemand einen Laden oder eine Seite, wo es die Pumpen einzeln gibt?',
      replies: [
        {
          who: 'paul',
          body: 'In Birkheim hat der Elektroladen am Markt noch welche. Ich frage beim nächsten Mal nach einem Sammelpreis.',
        },
        { who: 'jonas', body: 'Ich kann sie mit dem Rad abholen, wenn es nicht zu viele sind.' },
      ],
    },
  },
  {
    by: 'fatma',
    name: 'Frauenfrühstück Am Bahnhof',
    summary:
      'Frauen aus dem Viertel frühstücken jeden Freitag zusammen, reden in vielen Sprachen und helfen einander weiter.',
    description:
      'Wir sind Frauen aus Am Bahnhof und drumherum, manche seit Jahren hier, manche erst seit Kurzem. **Freitags um 9 Uhr** frühstücken wir im Nachbarschaftszentrum. Jede bringt etwas mit, Kinder sind willkommen.\n\nWer dazukommen möchte, fragt kurz an – so bleibt die Runde vertraut.',
    space: 'local',
    district: 'am-bahnhof',
    joining: 'request',
    members: [
      {
        who: 'elif',
        role: 'moderator',
        note: 'Ich komme vom Quartiersmanagement und möchte gern dabei sein.',
      },
      { who: 'olga', note: 'Ich würde gern mit meiner Nachbarin kommen.' },
      { who: 'mariam', note: 'Ich wohne seit einem Jahr am Bahnhof.' },
      { who: 'emine', note: 'Ich bringe Simit aus der Bäckerei mit!' },
      { who: 'amira', note: 'Hallo, ich möchte gern mitfrühstücken.' },
    ],
    asking: [{ who: 'katarzyna', note: 'Ich arbeite in der Nähe und habe freitags frei. Darf ich kommen?' }],
    thread: {
      title: 'Wer kennt eine Kinderärztin, die Türkisch oder Arabisch spricht?',
      body: 'Eine Freundin sucht für ihren Sohn eine Kinderärztin, mit der sie sich gut verständigen kann. Hat jemand einen Tipp?',
      replies: [
        {
          who: 'mariam',
          body: 'In der Praxis in Nordfeld spricht eine Arzthelferin Arabisch. Ich schreibe dir am Freitag die Nummer auf.',
        },
      ],
    },
  },
  {
    by: 'tobias',
    name: 'Digital dabei – Smartphone-Fragen online',
    summary:
      'Wir beantworten einander Fragen rund um Smartphone, Tablet und Videotelefonie – online, ohne Termin.',
    description:
      'Eine Gemeinschaft nur im Netz: Stellen Sie hier Ihre Frage, und wer sich auskennt, antwortet. Keine Frage ist zu klein.\n\nEinmal im Monat gibt es außerdem eine offene Videosprechstunde.',
    space: 'online',
    joining: 'open',
    members: [{ who: 'jonas', role: 'moderator' }, { who: 'andreas' }, { who: 'ingrid' }, { who: 'renate' }],
  },
];

export async function seedCommunities(tx: Transaction<DB>, c: DemoSeedContext) {
  let members = 0;
  let threads = 0;
  for (const plan of communities) {
    const owner = demoCommandContext(c, plan.by);
    const { id } = await createCommunity(tx, owner, {
      name: plan.name,
      summary: plan.summary,
      description: plan.description,
      space: plan.space,
      towns: plan.towns ?? [],
      districtId: plan.district ? c.districtIds.get(plan.district)! : null,
      joining: plan.joining,
    });
    for (const m of plan.members) {
      const who = demoCommandContext(c, m.who);
      const status = await joinCommunity(tx, who, id, m.note ?? '');
      if (status === 'requested') await answerRequest(tx, owner, id, who.actorId, true);
      if (m.role && m.role !== 'member') await setMemberRole(tx, owner, id, who.actorId, m.role);
      members++;
    }
    for (const a of plan.asking ?? []) await joinCommunity(tx, demoCommandContext(c, a.who), id, a.note);
    if (plan.thread) {
      const { threadId } = await startCommunityThread(tx, owner, id, {
        title: plan.thread.title,
        body: plan.thread.body,
        districtId: plan.district ? c.districtIds.get(plan.district)! : null,
      });
      for (const r of plan.thread.replies)
        await replyToThread(tx, demoCommandContext(c, r.who), threadId, {
          body: r.body,
          quotedPostId: null,
          mentions: [],
        });
      threads++;
    }
  }
  return { communities: communities.length, communityMembers: members, communityThreads: threads };
}
