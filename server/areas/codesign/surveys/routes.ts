import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext, requireAccount } from '../../../http/context.ts';
import { type CsvStyle, csvLine, sendCsv } from '../../../http/csv.ts';
import { Problem, unauthenticated } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import type { Locale } from '../../../i18n/messages.ts';
import { minPeoplePerCell } from '../../../platform/smallCells.ts';
import { type Actor, isSignedIn } from '../../../policies/actor.ts';
import { type ToolAccess, toolFor } from '../projects/access.ts';
import { toolHeader } from '../projects/present.ts';
import { toolConfig } from '../projects/tools.ts';
import { answerSurvey, saveQuestions } from './commands/surveys.ts';
import {
  answersOf,
  hasAnswered,
  type QuestionRow,
  questionsOf,
  responseCount,
  snapshotOf,
} from './repositories/surveys.ts';
import { type Dimension, minTexts, type SurveyResults, surveyResults } from './results.ts';
import { QuestionsSave, ResponseCreate, ResultsView, SurveyView, ToolParams } from './schema.ts';

const present = (q: QuestionRow) => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  prompt: q.prompt,
  help: q.help,
  required: q.required,
  options: q.options,
  lowLabel: q.low_label,
  highLabel: q.high_label,
});

/** Facilitators see the results at any time; everyone who sees the project once the survey has closed. */
const resultsVisible = (a: ToolAccess) =>
  a.may.facilitate || (a.tool.closes_at !== null && a.tool.closes_at <= new Date());

const csvStyle: CsvStyle = { separator: ';', quote: 'needed' };

const dimensionWords: Record<Locale, Record<Dimension, string>> = {
  de: { district: 'Stadtteil', ageBand: 'Altersgruppe', stake: 'Rolle' },
  en: { district: 'District', ageBand: 'Age group', stake: 'Role' },
};

function resultsCsv(
  locale: Locale,
  r: { anonymous: boolean; tooFew: boolean; questions: SurveyResults },
): string[] {
  const de = locale === 'de';
  const hidden = de ? 'weniger als 5' : 'fewer than 5';
  const lines = [
    csvLine(
      csvStyle,
      de
        ? ['Frage', 'Gruppe', 'Antwort', 'Anzahl', 'Anteil (%)']
        : ['Question', 'Group', 'Answer', 'Count', 'Share (%)'],
    ),
  ];
  const all = de ? 'Alle' : 'Everyone';
  if (r.tooFew)
    lines.push(
      csvLine(csvStyle, [
        de
          ? 'Die Ergebnisse erscheinen, sobald mindestens 5 Personen geantwortet haben.'
          : 'The results appear once at least 5 people have answered.',
        '',
        '',
        '',
        '',
      ]),
    );
  for (const q of r.questions) {
    lines.push(csvLine(csvStyle, [q.prompt, all, de ? '(beantwortet)' : '(answered)', q.answered, '']));
    for (const o of q.options) lines.push(csvLine(csvStyle, [q.prompt, all, o.label, o.count, o.percent]));
    if (q.average !== null)
      lines.push(csvLine(csvStyle, [q.prompt, all, de ? '(Durchschnitt)' : '(average)', q.average, '']));
    for (const t of q.texts ?? []) lines.push(csvLine(csvStyle, [q.prompt, all, t, 1, '']));
    for (const b of q.breakdown ?? [])
      for (const g of b.groups) {
        const group = `${dimensionWords[locale][b.dimension]}: ${g.label ?? (de ? 'keine Angabe' : 'not given')}`;
        lines.push(
          csvLine(csvStyle, [q.prompt, group, de ? '(beantwortet)' : '(answered)', g.people ?? hidden, '']),
        );
        q.options.forEach((o, i) => {
          const c = g.counts[i];
          lines.push(csvLine(csvStyle, [q.prompt, group, o.label, c ?? hidden, '']));
        });
      }
  }
  return lines;
}

/**
 * Surveys (tools of kind 'survey'): the survey with its questions; its questions saved by
 * facilitators while nobody has answered; one answer per person (or a paper questionnaire entered
 * for a person who consented); the results — as JSON for the page and as CSV for facilitators.
 * Everything goes through the project's door (projects/access.ts): what one may not see is a 404.
 */
export async function surveyRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function surveyView(actor: Actor, toolId: string) {
    const access = await toolFor(db, networkId, actor, toolId, ['survey'], 'view');
    const [questions, responses, answered] = await Promise.all([
      questionsOf(db, networkId, toolId),
      responseCount(db, networkId, toolId),
      hasAnswered(db, networkId, toolId, access.project.participantId),
    ]);
    return {
      tool: toolHeader(access),
      anonymous: toolConfig('survey', access.tool.config).anonymous,
      questions: questions.map(present),
      answered,
      responses,
      resultsVisible: resultsVisible(access),
    };
  }

  async function results(actor: Actor, toolId: string, csv: boolean) {
    const access = await toolFor(db, networkId, actor, toolId, ['survey'], csv ? 'facilitate' : 'view');
    if (!resultsVisible(access)) {
      if (!isSignedIn(actor)) throw unauthenticated();
      throw new Problem(403, 'codesign.survey_results_later');
    }
    const { anonymous } = toolConfig('survey', access.tool.config);
    const [questions, answers, responses] = await Promise.all([
      questionsOf(db, networkId, toolId),
      answersOf(db, networkId, toolId, !anonymous),
      responseCount(db, networkId, toolId),
    ]);
    const base = {
      tool: toolHeader(access),
      anonymous,
      minTexts,
      minResponses: anonymous ? minPeoplePerCell : 0,
    };
    if (anonymous && access.open) {
      // while it runs: the results as at the last fifth answer (commands/surveys.ts takeSnapshot)
      const snap = await snapshotOf(db, networkId, toolId);
      return {
        ...base,
        responses: snap?.responses ?? 0,
        pending: responses - (snap?.responses ?? 0),
        tooFew: !snap,
        questions: snap ? (JSON.parse(snap.results) as SurveyResults) : [],
      };
    }
    const tooFew = anonymous && responses < minPeoplePerCell;
    return {
      ...base,
      responses,
      pending: 0,
      tooFew,
      questions: tooFew ? [] : surveyResults(questions, answers, !anonymous),
    };
  }

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/:toolId',
    {
      schema: {
        tags,
        summary: 'A survey: its questions, whether the reader answered, how many did',
        params: ToolParams,
        response: { 200: SurveyView, ...problems },
      },
    },
    async (req) => surveyView(req.actor, req.params.toolId),
  );

  app.put<{ Params: Static<typeof ToolParams>; Body: Static<typeof QuestionsSave> }>(
    '/:toolId/questions',
    {
      schema: {
        tags,
        summary: "Set a survey's questions, in order (facilitators; 409 once somebody answered)",
        params: ToolParams,
        body: QuestionsSave,
        response: { 200: SurveyView, ...problems },
      },
    },
    async (req) => {
      await saveQuestions(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        req.body.questions.map((q) => ({
          kind: q.kind,
          prompt: q.prompt,
          help: q.help ?? '',
          required: q.required,
          options: q.options ?? [],
          lowLabel: q.lowLabel ?? null,
          highLabel: q.highLabel ?? null,
        })),
      );
      return surveyView(req.actor, req.params.toolId);
    },
  );

  app.post<{ Params: Static<typeof ToolParams>; Body: Static<typeof ResponseCreate> }>(
    '/:toolId/responses',
    {
      schema: {
        tags,
        summary:
          'Answer a survey, once (or, as a facilitator, enter a paper questionnaire for a person who consented)',
        params: ToolParams,
        body: ResponseCreate,
        response: { 201: SurveyView, ...problems },
      },
    },
    async (req, reply) => {
      await answerSurvey(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        req.body.answers,
        req.body.onBehalf,
      );
      return reply.code(201).send(await surveyView(req.actor, req.params.toolId));
    },
  );

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/:toolId/results',
    {
      schema: {
        tags,
        summary:
          "A survey's results: counts, shares, averages, free text without names; groups only for named surveys, small cells hidden",
        params: ToolParams,
        response: { 200: ResultsView, ...problems },
      },
    },
    async (req) => results(req.actor, req.params.toolId, false),
  );

  app.get<{ Params: Static<typeof ToolParams> }>(
    '/:toolId/results.csv',
    {
      schema: {
        tags,
        summary: "A survey's results as CSV (facilitators; small cells hidden as on the page)",
        params: ToolParams,
        produces: ['text/csv'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (req, reply) => {
      requireAccount(req);
      const r = await results(req.actor, req.params.toolId, true);
      return sendCsv(reply, `umfrage-${r.tool.paperCode.toLowerCase()}.csv`, resultsCsv(req.locale, r));
    },
  );
}
