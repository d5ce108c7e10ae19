import type { Executor } from '../../../../db/tx.ts';
import { executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { minPeoplePerCell } from '../../../../platform/smallCells.ts';
import { type ToolAccess, toolFor } from '../../projects/access.ts';
import { contribute, type OnBehalf } from '../../projects/contribute.ts';
import { toolConfig } from '../../projects/tools.ts';
import {
  answersOf,
  type QuestionFields,
  type QuestionRow,
  questionsOf,
  responseCount,
} from '../repositories/surveys.ts';
import { surveyResults } from '../results.ts';

/**
 * A survey's two writes, each one transaction:
 *
 * - facilitators set its questions (the whole list, in order: adding, changing, removing and
 *   reordering are one save) — only while nobody has answered (the database refuses it after);
 * - a participant answers once (the unique survey contribution; a second answer is a 409 even when
 *   both arrive at the same moment), or a facilitator enters a paper questionnaire for a person who
 *   consented. In an anonymous survey the answers go under a fresh random response id and nothing
 *   else: the contribution says that the person answered, never what.
 */

type Pg = { code?: string; constraint?: string };
const isCheck = (e: unknown, constraint: string) =>
  (e as Pg)?.code === '23514' && (e as Pg).constraint === constraint;

const field = (
  f: string,
  code: 'field.required' | 'field.invalid' | 'field.too_short',
  params?: Record<string, number>,
) => ({ field: f, code, ...(params ? { params } : {}) }) as const;

/** The questions as they may be stored: options only with choices, labels only with a scale (422 naming the field). */
export function checkQuestions(list: QuestionFields[]): QuestionFields[] {
  const fields: ReturnType<typeof field>[] = [];
  const out = list.map((q, i) => {
    const prompt = q.prompt.trim();
    if (prompt.length < 3) fields.push(field(`/questions/${i}/prompt`, 'field.too_short', { min: 3 }));
    const choice = q.kind === 'single' || q.kind === 'multiple';
    const options = choice ? q.options.map((o) => o.trim()) : [];
    if (choice) {
      if (options.length < 2) fields.push(field(`/questions/${i}/options`, 'field.too_short', { min: 2 }));
      options.forEach((o, j) => {
        if (!o) fields.push(field(`/questions/${i}/options/${j}`, 'field.required'));
      });
      if (new Set(options).size !== options.length)
        fields.push(field(`/questions/${i}/options`, 'field.invalid'));
    }
    const scale = q.kind === 'scale';
    const lowLabel = scale ? (q.lowLabel?.trim() ?? '') : '';
    const highLabel = scale ? (q.highLabel?.trim() ?? '') : '';
    if (scale && !lowLabel) fields.push(field(`/questions/${i}/lowLabel`, 'field.required'));
    if (scale && !highLabel) fields.push(field(`/questions/${i}/highLabel`, 'field.required'));
    return {
      ...q,
      prompt,
      help: q.help.trim(),
      options,
      lowLabel: scale ? lowLabel : null,
      highLabel: scale ? highLabel : null,
    };
  });
  if (fields.length > 0) throw new Problem(422, 'validation', { fields: [...fields] });
  return out;
}

/** Replaces the survey's questions by `list`, in its order (facilitators; 409 once somebody answered). */
export async function saveQuestions(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  list: QuestionFields[],
): Promise<void> {
  const questions = checkQuestions(list);
  await executeTx(db, async (tx) => {
    const access = await toolFor(tx, ctx.networkId, ctx.actor, toolId, ['survey'], 'facilitate');
    // the first answer and this save wait for each other: the tool row is the survey's lock
    await tx
      .selectFrom('codesign_tool')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', toolId)
      .forUpdate()
      .execute();
    if ((await responseCount(tx, ctx.networkId, toolId)) > 0)
      throw new Problem(409, 'codesign.survey_answered');
    try {
      await tx
        .deleteFrom('codesign_survey_question')
        .where('network_id', '=', ctx.networkId)
        .where('tool_id', '=', toolId)
        .execute();
      if (questions.length > 0)
        await tx
          .insertInto('codesign_survey_question')
          .values(
            questions.map((q, i) => ({
              network_id: ctx.networkId,
              tool_id: toolId,
              position: i + 1,
              kind: q.kind,
              prompt: q.prompt,
              help: q.help,
              required: q.required,
              options: q.options,
              low_label: q.lowLabel,
              high_label: q.highLabel,
            })),
          )
          .execute();
    } catch (e) {
      if (isCheck(e, 'codesign_survey_answered')) throw new Problem(409, 'codesign.survey_answered');
      throw e;
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.survey_questions_saved',
      entityType: 'codesign_tool',
      entityId: toolId,
      details: { projectId: access.project.id, questions: questions.length },
      ip: ctx.ip,
    });
  });
}

export interface AnswerGiven {
  questionId: string;
  choices?: number[] | undefined;
  scale?: number | undefined;
  text?: string | undefined;
  date?: string | undefined;
}

type AnswerValue = {
  choices: number[] | null;
  scale: number | null;
  text_value: string | null;
  date_value: string | null;
};

/** The answers checked against the questions: each fits its question's kind, the required ones are there. */
export function checkAnswers(questions: QuestionRow[], given: AnswerGiven[]) {
  const fields: ReturnType<typeof field>[] = [];
  const byId = new Map(given.map((a, i) => [a.questionId, { a, i }]));
  if (byId.size !== given.length) fields.push(field('/answers', 'field.invalid'));
  const known = new Set(questions.map((q) => q.id));
  given.forEach((a, i) => {
    if (!known.has(a.questionId)) fields.push(field(`/answers/${i}/questionId`, 'field.invalid'));
  });
  const rows: { question_id: string; value: AnswerValue }[] = [];
  for (const q of questions) {
    const hit = byId.get(q.id);
    const a = hit?.a;
    const at = `/answers/${hit?.i ?? q.position - 1}`;
    const none = { choices: null, scale: null, text_value: null, date_value: null };
    let value: AnswerValue | null = null;
    if (a) {
      const given = [a.choices, a.scale, a.text, a.date].filter((v) => v !== undefined).length;
      const text = a.text?.trim() ?? '';
      if (q.kind === 'single' || q.kind === 'multiple') {
        const c = a.choices ? [...new Set(a.choices)].sort((x, y) => x - y) : [];
        if (given > 1 || c.some((x) => x >= q.options.length) || (q.kind === 'single' && c.length > 1))
          fields.push(field(at, 'field.invalid'));
        else if (c.length > 0) value = { ...none, choices: c };
      } else if (q.kind === 'scale') {
        if (given > 1 || (a.choices ?? a.text ?? a.date) !== undefined)
          fields.push(field(at, 'field.invalid'));
        else if (a.scale !== undefined) value = { ...none, scale: a.scale };
      } else if (q.kind === 'text') {
        if (given > 1 || (a.choices ?? a.scale ?? a.date) !== undefined)
          fields.push(field(at, 'field.invalid'));
        else if (text) value = { ...none, text_value: text };
      } else if (q.kind === 'date') {
        if (given > 1 || (a.choices ?? a.scale ?? a.text) !== undefined)
          fields.push(field(at, 'field.invalid'));
        else if (a.date) value = { ...none, date_value: a.date };
      }
    }
    if (value) rows.push({ question_id: q.id, value });
    else if (q.required && !fields.some((f) => f.field === at)) fields.push(field(at, 'field.required'));
  }
  if (fields.length > 0) throw new Problem(422, 'validation', { fields: [...fields] });
  return rows;
}

/**
 * Records one person's answers: once per person and survey, while it is open. In an anonymous
 * survey the response row gets no contribution; the contribution (that they answered) is written
 * first and the response after it, with nothing in common but the survey.
 */
export async function answerSurvey(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  given: AnswerGiven[],
  onBehalf?: OnBehalf,
): Promise<void> {
  try {
    await executeTx(db, async (tx) => {
      const access: ToolAccess = await toolFor(
        tx,
        ctx.networkId,
        ctx.actor,
        toolId,
        ['survey'],
        onBehalf ? 'facilitate' : 'participate',
      );
      const { anonymous } = toolConfig('survey', access.tool.config);
      // answers wait for a questions save in progress (and it for them); an anonymous survey's answers
      // come one after the other, so that every fifth one takes the snapshot of exactly five more
      const lock = tx
        .selectFrom('codesign_tool')
        .select('id')
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', toolId);
      await (anonymous ? lock.forUpdate() : lock.forShare()).execute();
      const questions = await questionsOf(tx, ctx.networkId, toolId);
      if (questions.length === 0) throw new Problem(409, 'codesign.survey_empty');
      const rows = checkAnswers(questions, given);
      if (rows.length === 0) throw new Problem(422, 'codesign.survey_nothing_answered');
      const taking = await contribute(tx, ctx, access, 'survey', onBehalf);
      const response = await tx
        .insertInto('codesign_survey_response')
        .values({
          network_id: ctx.networkId,
          tool_id: toolId,
          contribution_id: anonymous ? null : taking.contributionId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('codesign_survey_answer')
        .values(
          rows.map((r) => ({
            network_id: ctx.networkId,
            response_id: response.id,
            question_id: r.question_id,
            ...r.value,
          })),
        )
        .execute();
      if (anonymous) await takeSnapshot(tx, ctx.networkId, toolId, questions);
    });
  } catch (e) {
    const pg = e as Pg;
    if (pg?.code === '23505' && pg.constraint === 'codesign_contribution_survey_once')
      throw new Problem(409, 'codesign.survey_already_answered');
    if (isCheck(e, 'codesign_survey_open')) throw new Problem(409, 'codesign.tool_not_open');
    throw e;
  }
}

/**
 * At every fifth answer of an anonymous survey, its results as they are now: what the results show
 * while it runs. Between two snapshots five people answered — nobody learns one person's answers by
 * watching the results change.
 */
export async function takeSnapshot(
  tx: Executor,
  networkId: string,
  toolId: string,
  questions: QuestionRow[],
) {
  const n = await responseCount(tx, networkId, toolId);
  if (n % minPeoplePerCell !== 0) return;
  const results = surveyResults(questions, await answersOf(tx, networkId, toolId, false), false);
  await tx
    .insertInto('codesign_survey_snapshot')
    .values({ network_id: networkId, tool_id: toolId, responses: n, results: JSON.stringify(results) })
    .onConflict((oc) =>
      oc.columns(['network_id', 'tool_id']).doUpdateSet({ responses: n, results: JSON.stringify(results) }),
    )
    .execute();
}
