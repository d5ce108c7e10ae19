import type { Transaction } from 'kysely';
import type { CodesignAgeBand, CodesignStake, DB } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { joinProject } from '../projects/contribute.ts';
import { type DemoProjectKey, demoProjectId } from '../projects/demo.ts';
import { toolConfig } from '../projects/tools.ts';
import { checkQuestions, takeSnapshot } from './commands/surveys.ts';
import { type QuestionFields, questionsOf } from './repositories/surveys.ts';

/**
 * The demo town's surveys: "Was brauchen Familien in Nordfeld?" asks families by name (so its results
 * show the breakdown by district, age group and role — with some groups too small to show), and the
 * Caritas consultation-hours project asks, anonymously, how the new consultation hours went (Frau M.'s
 * answer entered from paper by Aylin). The projects part's seed made the projects (and, where it
 * did, their survey tools; otherwise one is added here).
 */

type Q = Partial<QuestionFields> & Pick<QuestionFields, 'kind' | 'prompt'>;
const q = (x: Q): QuestionFields => ({
  help: '',
  required: false,
  options: [],
  lowLabel: null,
  highLabel: null,
  ...x,
});

const familiesQuestions = [
  q({
    kind: 'single',
    prompt: 'Wie alt ist Ihr jüngstes Kind?',
    required: true,
    options: ['Unter 3 Jahre', '3 bis 5 Jahre', '6 bis 10 Jahre', '11 Jahre oder älter'],
  }),
  q({
    kind: 'multiple',
    prompt: 'Was fehlt Ihnen in Nordfeld?',
    help: 'Sie können mehrere Antworten ankreuzen.',
    required: true,
    options: ['Spielplatz', 'Treffpunkt für Eltern', 'Hilfe bei Anträgen', 'Ferienangebote'],
  }),
  q({
    kind: 'scale',
    prompt: 'Wie gut fühlen Sie sich über Angebote für Familien informiert?',
    required: true,
    lowLabel: 'gar nicht',
    highLabel: 'sehr gut',
  }),
  q({ kind: 'text', prompt: 'Was würde Ihnen im Alltag am meisten helfen?' }),
];

const consultationQuestions = [
  q({
    kind: 'single',
    prompt: 'Wie oft waren Sie seit Mai in der offenen Sprechstunde?',
    required: true,
    options: ['Einmal', 'Zwei- bis dreimal', 'Öfter'],
  }),
  q({
    kind: 'scale',
    prompt: 'Wie lange mussten Sie warten?',
    required: true,
    lowLabel: 'viel zu lange',
    highLabel: 'gar nicht',
  }),
  q({
    kind: 'multiple',
    prompt: 'Was hat Ihnen geholfen?',
    options: ['Die Wartemarken', 'Der Raum im Nachbarschaftszentrum', 'Die Dolmetscherin', 'Der Kaffee'],
  }),
  q({ kind: 'date', prompt: 'Wann waren Sie zuletzt da?' }),
  q({ kind: 'text', prompt: 'Was sollen wir noch ändern?' }),
];

const familiesTexts = [
  'Ein Treffpunkt am Nachmittag, wo die Kinder spielen können.',
  'Hilfe beim Kita-Antrag.',
  'Längere Öffnungszeiten in der Bücherei.',
  'Mehr Ferienangebote, die nichts kosten.',
  'Eine sichere Straße zur Schule.',
  'Jemand, der Deutsch und Türkisch spricht.',
];
const consultationTexts = [
  'Bitte auch am Abend einmal.',
  'Die Wartemarken sind gut, bitte so lassen.',
  'Mehr Stühle im Flur.',
  'Ein Hinweis auf der Webseite, wann es voll ist.',
  'Die Dolmetscherin öfter.',
];

/** The first survey tool of the project, or a new one in its phase that suits surveys. */
async function surveyTool(tx: Executor, networkId: string, projectId: string, title: string, n: number) {
  const existing = await tx
    .selectFrom('codesign_tool')
    .select(['id', 'closes_at', 'opens_at'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('kind', '=', 'survey')
    .orderBy('position')
    .executeTakeFirst();
  if (existing) return existing;
  const phase = await tx
    .selectFrom('codesign_phase')
    .select('id')
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .orderBy((eb) => eb.case().when('kind', 'in', ['needs', 'review']).then(0).else(1).end())
    .orderBy('position')
    .executeTakeFirst();
  if (!phase) return undefined;
  return tx
    .insertInto('codesign_tool')
    .values({
      network_id: networkId,
      project_id: projectId,
      phase_id: phase.id,
      kind: 'survey',
      title,
      config: JSON.stringify(toolConfig('survey', {})),
      position: 10,
      paper_code: `UMF${String(n).padStart(3, '0')}`,
    })
    .returning(['id', 'closes_at', 'opens_at'])
    .executeTakeFirstOrThrow();
}

interface Person {
  participantId: string;
  channel?: 'paper';
  enteredBy?: string;
}
type Answers = (i: number) => { choices?: number[]; scale?: number; text?: string; date?: string }[];

async function seedSurvey(
  tx: Transaction<DB>,
  c: DemoSeedContext,
  o: {
    key: DemoProjectKey;
    title: string;
    anonymous: boolean;
    questions: QuestionFields[];
    people: (projectId: string) => Promise<Person[]>;
    answers: Answers;
    n: number;
  },
) {
  let projectId: string;
  try {
    projectId = await demoProjectId(tx, c.networkId, o.key);
  } catch {
    return 0; // the projects part's seed did not make it
  }
  const tool = await surveyTool(tx, c.networkId, projectId, o.title, o.n);
  if (!tool) return 0;
  const already = await tx
    .selectFrom('codesign_survey_response')
    .select('id')
    .where('network_id', '=', c.networkId)
    .where('tool_id', '=', tool.id)
    .executeTakeFirst();
  if (already) return 0;
  // answers are given while the survey is open (the database insists): a survey that has closed by
  // today is opened for the seed and closed again after
  await tx
    .updateTable('codesign_tool')
    .set({
      config: JSON.stringify(toolConfig('survey', { anonymous: o.anonymous })),
      opens_at: null,
      closes_at: null,
    })
    .where('network_id', '=', c.networkId)
    .where('id', '=', tool.id)
    .execute();
  await tx
    .deleteFrom('codesign_survey_question')
    .where('network_id', '=', c.networkId)
    .where('tool_id', '=', tool.id)
    .execute();
  const questions = await tx
    .insertInto('codesign_survey_question')
    .values(
      checkQuestions(o.questions).map((x, i) => ({
        network_id: c.networkId,
        tool_id: tool.id,
        position: i + 1,
        kind: x.kind,
        prompt: x.prompt,
        help: x.help,
        required: x.required,
        options: x.options,
        low_label: x.lowLabel,
        high_label: x.highLabel,
      })),
    )
    .returning('id')
    .execute();
  const people = await o.people(projectId);
  for (const [i, p] of people.entries()) {
    const contribution = await tx
      .insertInto('codesign_contribution')
      .values({
        network_id: c.networkId,
        project_id: projectId,
        tool_id: tool.id,
        participant_id: p.participantId,
        kind: 'survey',
        channel: p.channel ?? 'online',
        entered_by: p.enteredBy ?? null,
        entered_role: p.enteredBy ? 'staff' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await tx
      .insertInto('codesign_survey_response')
      .values({
        network_id: c.networkId,
        tool_id: tool.id,
        contribution_id: o.anonymous ? null : contribution.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = o
      .answers(i)
      .map((a, j) => ({ a, question: questions[j] }))
      .filter((x) => x.question && Object.keys(x.a).length > 0)
      .map(({ a, question }) => ({
        network_id: c.networkId,
        response_id: response.id,
        question_id: question?.id ?? '',
        choices: a.choices ?? null,
        scale: a.scale ?? null,
        text_value: a.text ?? null,
        date_value: a.date ?? null,
      }));
    if (rows.length > 0) await tx.insertInto('codesign_survey_answer').values(rows).execute();
  }
  if (o.anonymous) await takeSnapshot(tx, c.networkId, tool.id, await questionsOf(tx, c.networkId, tool.id));
  await tx
    .updateTable('codesign_tool')
    .set({ opens_at: tool.opens_at, closes_at: tool.closes_at })
    .where('network_id', '=', c.networkId)
    .where('id', '=', tool.id)
    .execute();
  return people.length;
}

export async function seedSurveys(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key);
  const district = (slug: string) => c.districtIds.get(slug) ?? null;
  const day = (n: number) => new Date(c.now - n * 86_400_000).toISOString().slice(0, 10);

  /** accounts join the project with their groups set as they declared them */
  const join = async (
    projectId: string,
    people: [key: string, districtSlug: string, age: CodesignAgeBand, stake: CodesignStake][],
  ) => {
    const out: Person[] = [];
    for (const [key, d, age_band, stake] of people) {
      const accountId = person(key);
      if (!accountId) continue;
      const id = await joinProject(tx, c.networkId, projectId, accountId, 'open');
      await tx
        .updateTable('codesign_participant')
        .set({ district_id: district(d), age_band, stake })
        .where('network_id', '=', c.networkId)
        .where('id', '=', id)
        .execute();
      out.push({ participantId: id });
    }
    return out;
  };

  // Nordfeld's families: most in Nordfeld, a few from next door (those groups stay hidden: fewer than 5)
  const families: [string, string, CodesignAgeBand, CodesignStake][] = [
    ['samira', 'nordfeld', '30_49', 'resident'],
    ['dennis', 'nordfeld', '30_49', 'resident'],
    ['johanna', 'nordfeld', '18_29', 'resident'],
    ['ibrahim', 'nordfeld', '30_49', 'resident'],
    ['guel', 'nordfeld', '30_49', 'service_user'],
    ['ali', 'nordfeld', '18_29', 'service_user'],
    ['anna', 'nordfeld', '30_49', 'resident'],
    ['irina', 'nordfeld', '30_49', 'service_user'],
    ['mariam', 'nordfeld', '18_29', 'volunteer'],
    ['leonie', 'nordfeld', '18_29', 'volunteer'],
    ['kevin', 'gartenstadt', '18_29', 'volunteer'],
    ['jana', 'gartenstadt', '30_49', 'resident'],
    ['emine', 'am-bahnhof', '30_49', 'resident'],
    ['elif', 'nordfeld', '30_49', 'staff'],
  ];
  const made1 = await seedSurvey(tx, c, {
    key: 'familiesNeeds',
    title: 'Umfrage: Was brauchen Familien?',
    anonymous: false,
    questions: familiesQuestions,
    people: (projectId) => join(projectId, families),
    answers: (i) => [
      { choices: [i % 4] },
      { choices: i % 3 === 0 ? [0, 1] : i % 3 === 1 ? [1, 3] : [2] },
      { scale: 1 + ((i * 2) % 5) },
      i < familiesTexts.length ? { text: familiesTexts[i] as string } : {},
    ],
    n: 1,
  });

  // the consultation hours, anonymous: visitors online, Frau M. on paper (entered by Aylin)
  const visitors: [string, string, CodesignAgeBand, CodesignStake][] = [
    ['margarete', 'lindenhof', '80_plus', 'service_user'],
    ['heinrich', 'lindenhof', '65_79', 'service_user'],
    ['sabine', 'altstadt', '50_64', 'relative'],
    ['erwin', 'altstadt', '65_79', 'service_user'],
    ['wolfgang', 'lindenhof', '65_79', 'service_user'],
    ['karlheinz', 'weidenau', '65_79', 'service_user'],
    ['monika', 'lindenhof', '50_64', 'relative'],
    ['christa', 'altstadt', '80_plus', 'service_user'],
    ['renate', 'lindenhof', '65_79', 'volunteer'],
  ];
  const made2 = await seedSurvey(tx, c, {
    key: 'consultation',
    title: 'Umfrage: Wie war die neue Sprechstunde?',
    anonymous: true,
    questions: consultationQuestions,
    people: async (projectId) => {
      const out = await join(projectId, visitors);
      const fraum = await tx
        .selectFrom('codesign_participant')
        .select('id')
        .where('network_id', '=', c.networkId)
        .where('project_id', '=', projectId)
        .where('display_name', '=', 'Frau M.')
        .where('consent', 'is not', null)
        .executeTakeFirst();
      const aylin = person('aylin');
      if (fraum && aylin) out.push({ participantId: fraum.id, channel: 'paper', enteredBy: aylin });
      return out;
    },
    answers: (i) => [
      { choices: [i % 3] },
      { scale: [4, 5, 3, 4, 5, 2, 4, 5, 4, 3][i] ?? 4 },
      { choices: i % 2 === 0 ? [0, 1] : [0, 2] },
      { date: day(3 + i * 4) },
      i < consultationTexts.length ? { text: consultationTexts[i] as string } : {},
    ],
    n: 2,
  });
  return { codesignSurveyResponses: String(made1 + made2) };
}
