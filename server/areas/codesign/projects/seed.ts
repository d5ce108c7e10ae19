import type { Transaction } from 'kysely';
import type {
  CodesignAgeBand,
  CodesignPhaseKind,
  CodesignStake,
  CodesignTemplate,
  CodesignToolKind,
  DB,
} from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import {
  addTool,
  answerPartnerInvitation,
  createProject,
  invitePartner,
  setCurrentPhase,
  setParticipantRole,
  startProject,
} from './commands/projects.ts';
import { joinProject } from './contribute.ts';
import { type DemoProjectKey, demoProjects } from './demo.ts';

interface DemoTool {
  phase: CodesignPhaseKind;
  kind: CodesignToolKind;
  title: string;
  description: string;
  config?: Record<string, unknown>;
}

interface DemoParticipant {
  who: string;
  district?: string;
  ageBand?: CodesignAgeBand;
  stake?: CodesignStake;
  language?: string;
  facilitator?: boolean;
}

interface DemoProjectPlan {
  by: string;
  template: CodesignTemplate;
  summary: string;
  description: string;
  district?: string;
  joining?: 'open' | 'invitation' | 'link';
  tools: DemoTool[];
  participants: DemoParticipant[];
}

/** How each demo project is set up: who made it, from which template, its tools and the people in it. */
const plans: Record<DemoProjectKey, DemoProjectPlan> = {
  consultation: {
    by: 'aylin',
    template: 'full',
    district: 'lindenhof',
    summary:
      'Die offene Sprechstunde der Caritas soll besser zu den Menschen passen, die sie nutzen. Wir planen sie mit Ihnen gemeinsam neu.',
    description: `Viele Menschen warten lange im Flur, andere kommen gar nicht, weil die Zeiten nicht passen.

**Was wir gemeinsam klären:**

- Zu welchen Zeiten passt die Sprechstunde?
- Was braucht es im Wartebereich?
- Wer hilft mit – zum Beispiel beim Übersetzen?

Sie können online mitmachen, auf Papier oder am Telefon. Aylin Demir trägt Ihre Antwort gern für Sie ein.`,
    tools: [
      {
        phase: 'needs',
        kind: 'survey',
        title: 'Umfrage: Wie erleben Sie die Sprechstunde?',
        description: 'Ein paar kurze Fragen. Ihre Antworten bleiben ohne Namen.',
      },
      {
        phase: 'needs',
        kind: 'meeting',
        title: 'Gesprächsrunde im Wartebereich',
        description: 'Wir haben mit Menschen gesprochen, die gerade gewartet haben.',
      },
      {
        phase: 'ideas',
        kind: 'ideas',
        title: 'Ideen für die neue Sprechstunde',
        description: 'Was würde die Sprechstunde besser machen? Schreiben Sie Ihre Idee auf.',
      },
      {
        phase: 'ideas',
        kind: 'dots',
        title: 'Punkte für die besten Ideen',
        description: 'Sie haben 5 Punkte. Verteilen Sie sie auf die Ideen, die Ihnen am wichtigsten sind.',
      },
      {
        phase: 'decide',
        kind: 'consensus',
        title: 'Vorschlag: Sprechstunde auch am Donnerstagabend',
        description:
          'Sind Sie einverstanden? Sie können zustimmen, sich enthalten, widersprechen oder Einspruch erheben.',
      },
      {
        phase: 'commit',
        kind: 'meeting',
        title: 'Treffen: Wer bringt was ein?',
        description: 'Raum, Zeit und Helferinnen und Helfer für die neue Sprechstunde.',
      },
      {
        phase: 'review',
        kind: 'survey',
        title: 'Rückblick: Hat sich etwas verbessert?',
        description: 'Drei Monate später fragen wir noch einmal nach.',
      },
      {
        phase: 'review',
        kind: 'meeting',
        title: 'Rückblick-Treffen',
        description: 'Wir schauen gemeinsam zurück: Was hat geklappt, was nicht?',
      },
    ],
    participants: [
      {
        who: 'renate',
        district: 'lindenhof',
        ageBand: '65_79',
        stake: 'volunteer',
        language: 'de',
        facilitator: true,
      },
      { who: 'margarete', district: 'lindenhof', ageBand: '80_plus', stake: 'service_user', language: 'de' },
      { who: 'ali', district: 'am-bahnhof', ageBand: '30_49', stake: 'service_user', language: 'fa' },
      { who: 'guel', district: 'nordfeld', ageBand: '50_64', stake: 'relative', language: 'tr' },
      { who: 'samira', ageBand: '18_29', stake: 'service_user' },
      { who: 'markus', stake: 'staff' },
    ],
  },
  familiesNeeds: {
    by: 'elif',
    template: 'survey',
    district: 'nordfeld',
    summary: 'Die Stadt möchte wissen, was Familien in Nordfeld fehlt – von Spielplätzen bis Beratung.',
    description:
      'Machen Sie bei der Umfrage mit oder kommen Sie zum Familientreffen. Wir sammeln, was fehlt, und planen danach gemeinsam.',
    tools: [
      {
        phase: 'needs',
        kind: 'survey',
        title: 'Umfrage für Familien in Nordfeld',
        description: 'Zehn Fragen, etwa fünf Minuten. Ohne Namen.',
      },
      {
        phase: 'needs',
        kind: 'meeting',
        title: 'Familientreffen im Stadtteilbüro',
        description: 'Mit Kinderbetreuung. Wir schreiben auf, was Sie sagen.',
      },
    ],
    participants: [
      { who: 'samira', district: 'nordfeld', ageBand: '30_49', stake: 'resident', language: 'ar' },
      { who: 'dennis', district: 'nordfeld', ageBand: '30_49', stake: 'resident' },
      { who: 'anna', district: 'nordfeld', ageBand: '18_29', stake: 'resident', language: 'de' },
    ],
  },
  seniorGoals: {
    by: 'sevgi',
    template: 'full',
    district: 'weidenau',
    joining: 'invitation',
    summary: 'Was soll der Seniorentreff Weidenau in Zukunft bieten? Wir legen die Ziele gemeinsam fest.',
    description: 'Die Besucherinnen und Besucher, die Ehrenamtlichen und das Team bestimmen mit.',
    tools: [
      {
        phase: 'needs',
        kind: 'meeting',
        title: 'Kaffeerunde: Was gefällt, was fehlt?',
        description: 'Ein Nachmittag im Treff mit Kaffee und Kuchen.',
      },
      {
        phase: 'goals',
        kind: 'consensus',
        title: 'Unsere Ziele für den Treff',
        description: 'Können Sie diesen Zielen zustimmen?',
      },
      {
        phase: 'goals',
        kind: 'ranking',
        title: 'Was ist uns am wichtigsten?',
        description: 'Bringen Sie die drei wichtigsten Ziele in eine Reihenfolge.',
      },
    ],
    participants: [
      {
        who: 'hannelore',
        district: 'weidenau',
        ageBand: '65_79',
        stake: 'volunteer',
        language: 'de',
        facilitator: true,
      },
      { who: 'dieter', district: 'weidenau', ageBand: '65_79', stake: 'volunteer' },
      { who: 'heinrich', district: 'weidenau', ageBand: '80_plus', stake: 'service_user', language: 'de' },
      { who: 'karlheinz', ageBand: '65_79', stake: 'service_user' },
    ],
  },
  cafeIdeas: {
    by: 'petra',
    template: 'short',
    district: 'lindenhof',
    summary:
      'Was soll nachmittags im Nachbarschaftscafé los sein? Sammeln Sie Ideen und vergeben Sie Punkte.',
    description:
      'Jede Idee zählt: Spiele, Musik, Hausaufgabenhilfe, Erzählcafé … Die Ideen mit den meisten Punkten probieren wir aus.',
    tools: [
      {
        phase: 'ideas',
        kind: 'ideas',
        title: 'Ideen für die Nachmittage',
        description: 'Schreiben Sie Ihre Idee auf. Sie können auch die Ideen anderer kommentieren.',
      },
      {
        phase: 'ideas',
        kind: 'dots',
        title: 'Punkte verteilen',
        description: 'Sie haben 5 Punkte. Höchstens 3 Punkte pro Idee.',
      },
    ],
    participants: [
      { who: 'jonas', district: 'lindenhof', ageBand: '30_49', stake: 'volunteer', language: 'de' },
      { who: 'amira', district: 'lindenhof', ageBand: '30_49', stake: 'volunteer', language: 'ar' },
      { who: 'paul', district: 'lindenhof', ageBand: '18_29', stake: 'volunteer' },
      { who: 'irina', district: 'lindenhof', ageBand: '50_64', stake: 'resident', language: 'ru' },
    ],
  },
  lunchDecide: {
    by: 'martin',
    template: 'short',
    district: 'altstadt',
    summary: 'Der Mittagstisch St. Marien bekommt neue Öffnungszeiten. Entscheiden Sie mit.',
    description: 'Die Vorschläge sind gesammelt. Jetzt stimmen wir ab.',
    tools: [
      {
        phase: 'ideas',
        kind: 'ideas',
        title: 'Vorschläge für die Öffnungszeiten',
        description: 'Welche Zeiten passen Ihnen?',
      },
      {
        phase: 'decide',
        kind: 'consensus',
        title: 'Vorschlag: Dienstag und Donnerstag von 12 bis 14 Uhr',
        description: 'Sind Sie einverstanden?',
      },
      {
        phase: 'decide',
        kind: 'ranking',
        title: 'Welche Tage passen Ihnen am besten?',
        description: 'Bringen Sie die Tage in eine Reihenfolge.',
      },
    ],
    participants: [
      { who: 'helga', district: 'altstadt', ageBand: '65_79', stake: 'volunteer', facilitator: true },
      { who: 'bernd', district: 'altstadt', ageBand: '50_64', stake: 'volunteer' },
      { who: 'wolfgang', district: 'altstadt', ageBand: '65_79', stake: 'service_user', language: 'de' },
      { who: 'monika', district: 'altstadt', ageBand: '50_64', stake: 'service_user' },
      { who: 'erwin', ageBand: '80_plus', stake: 'service_user' },
    ],
  },
  marketRidesCommit: {
    by: 'tobias',
    template: 'short',
    district: 'gartenstadt',
    summary: 'Ein Fahrdienst bringt ältere Menschen zum Wochenmarkt. Jetzt geht es darum, wer was übernimmt.',
    description: 'Wir brauchen Fahrerinnen und Fahrer, ein Auto und jemanden, der die Fahrten plant.',
    tools: [
      {
        phase: 'ideas',
        kind: 'ideas',
        title: 'Wie soll der Fahrdienst aussehen?',
        description: 'Ideen für Abholzeiten, Treffpunkte und Begleitung.',
      },
      {
        phase: 'decide',
        kind: 'consensus',
        title: 'Vorschlag: Jeden Samstag um 9 Uhr',
        description: 'Sind Sie einverstanden?',
      },
      {
        phase: 'commit',
        kind: 'meeting',
        title: 'Planungstreffen Fahrdienst',
        description: 'Wer fährt, wer plant, welches Auto?',
      },
    ],
    participants: [
      { who: 'lea', district: 'gartenstadt', ageBand: '18_29', stake: 'volunteer' },
      { who: 'nico', ageBand: '18_29', stake: 'volunteer' },
      { who: 'dieter', district: 'gartenstadt', ageBand: '65_79', stake: 'volunteer' },
      { who: 'sabine', district: 'gartenstadt', ageBand: '65_79', stake: 'service_user' },
    ],
  },
  repairImplement: {
    by: 'lukas',
    template: 'full',
    district: 'lindenhof',
    summary: 'Das Reparaturcafé soll Menschen in vielen Sprachen willkommen heißen. Wir setzen es gerade um.',
    description:
      'Helferinnen und Helfer, die Arabisch, Türkisch, Russisch oder Ukrainisch sprechen, sind dabei.',
    tools: [
      {
        phase: 'ideas',
        kind: 'ideas',
        title: 'Ideen: Wie wird das Reparaturcafé mehrsprachig?',
        description: 'Schilder, Dolmetscherinnen, Termine …',
      },
      {
        phase: 'decide',
        kind: 'dots',
        title: 'Welche Ideen setzen wir zuerst um?',
        description: 'Verteilen Sie Ihre Punkte.',
      },
      {
        phase: 'implement',
        kind: 'meeting',
        title: 'Erster mehrsprachiger Termin',
        description: 'Wie lief es? Wir halten fest, was wir gelernt haben.',
      },
    ],
    participants: [
      { who: 'fatma', stake: 'staff', language: 'tr' },
      { who: 'yusuf', district: 'lindenhof', ageBand: '30_49', stake: 'volunteer', language: 'tr' },
      {
        who: 'irina',
        district: 'lindenhof',
        ageBand: '50_64',
        stake: 'resident',
        language: 'ru',
        facilitator: true,
      },
      { who: 'amira', ageBand: '30_49', stake: 'volunteer', language: 'ar' },
    ],
  },
};

/**
 * The demo town's co-design projects (demo.ts), one in each phase: made from their templates by a
 * staff member of the lead, partners invited and accepted, tools in the phases (no opening or closing
 * times, so the later parts' seeds can fill them), started and moved to their phase, with people
 * from the town taking part and saying which groups they belong to.
 */
export async function seedProjects(tx: Transaction<DB>, c: DemoSeedContext) {
  const id = (ids: ReadonlyMap<string, string>, key: string) => {
    const v = ids.get(key);
    if (!v) throw new Error(`demo key ${key} unknown`);
    return v;
  };
  const person = (key: string) => id(c.personIds, key);
  const org = (key: string) => id(c.orgIds, key);
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
  const coordinatorOf = (orgKey: string) => {
    for (const [who, ms] of c.memberships)
      if (ms.some(([o, r]) => o === orgKey && (r === 'admin' || r === 'staff'))) return who;
    throw new Error(`no coordinator of ${orgKey}`);
  };

  let tools = 0;
  let participants = 0;
  for (const [key, project] of Object.entries(demoProjects) as [
    DemoProjectKey,
    (typeof demoProjects)[DemoProjectKey],
  ][]) {
    const plan = plans[key];
    const by = ctx(plan.by);
    const { id: projectId } = await createProject(tx, by, org(project.lead), plan.template, {
      title: project.title,
      summary: plan.summary,
      description: plan.description,
      visibility: 'public',
      joining: plan.joining ?? 'open',
      districtId: plan.district ? id(c.districtIds, plan.district) : null,
    });
    for (const partner of project.partners) {
      await invitePartner(tx, by, projectId, org(partner));
      await answerPartnerInvitation(tx, ctx(coordinatorOf(partner)), projectId, org(partner), true);
    }
    const phases = await tx
      .selectFrom('codesign_phase')
      .select(['id', 'kind'])
      .where('network_id', '=', c.networkId)
      .where('project_id', '=', projectId)
      .execute();
    const phaseOf = (kind: CodesignPhaseKind) => {
      const ph = phases.find((p) => p.kind === kind);
      if (!ph) throw new Error(`${key} has no phase ${kind}`);
      return ph.id;
    };
    for (const t of plan.tools) {
      await addTool(tx, by, projectId, phaseOf(t.phase), t.kind, {
        title: t.title,
        description: t.description,
        config: t.config ?? {},
        opensAt: null,
        closesAt: null,
      });
      tools++;
    }
    await startProject(tx, by, projectId);
    await setCurrentPhase(tx, by, projectId, phaseOf(project.phase));
    for (const p of plan.participants) {
      const participantId = await joinProject(tx, c.networkId, projectId, person(p.who), 'open');
      await tx
        .updateTable('codesign_participant')
        .set({
          district_id: p.district ? id(c.districtIds, p.district) : null,
          age_band: p.ageBand ?? null,
          stake: p.stake ?? null,
          language: p.language ?? null,
        })
        .where('network_id', '=', c.networkId)
        .where('id', '=', participantId)
        .execute();
      if (p.facilitator) await setParticipantRole(tx, by, projectId, participantId, 'facilitator');
      participants++;
    }
  }
  return {
    codesignProjects: Object.keys(demoProjects).length,
    codesignTools: tools,
    codesignParticipants: participants,
  };
}
