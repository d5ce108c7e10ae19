import type { CodesignSurveyQuestionKind } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/** A survey's questions, in order. */
export function questionsOf(db: Executor, networkId: string, toolId: string) {
  return db
    .selectFrom('codesign_survey_question')
    .select(['id', 'position', 'kind', 'prompt', 'help', 'required', 'options', 'low_label', 'high_label'])
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .orderBy('position')
    .execute();
}
export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

export async function responseCount(db: Executor, networkId: string, toolId: string): Promise<number> {
  const r = await db
    .selectFrom('codesign_survey_response')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether the participant's taking part in the survey is recorded (anonymous or not). */
export async function hasAnswered(
  db: Executor,
  networkId: string,
  toolId: string,
  participantId: string | null,
): Promise<boolean> {
  if (!participantId) return false;
  const r = await db
    .selectFrom('codesign_contribution')
    .select('id')
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .where('participant_id', '=', participantId)
    .where('kind', '=', 'survey')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Every answer of a survey, for its results. An anonymous survey's carry nothing about the person;
 * a named survey's carry the participant's groups (for the breakdown, with the small-cell rule).
 * The response id only tells answers of one response apart (it never leaves the server).
 */
export function answersOf(db: Executor, networkId: string, toolId: string, named: boolean) {
  let q = db
    .selectFrom('codesign_survey_answer as a')
    .innerJoin('codesign_survey_response as r', (j) =>
      j.onRef('r.network_id', '=', 'a.network_id').onRef('r.id', '=', 'a.response_id'),
    )
    .leftJoin('codesign_contribution as c', (j) =>
      j.onRef('c.network_id', '=', 'r.network_id').onRef('c.id', '=', 'r.contribution_id'),
    )
    .leftJoin('codesign_participant as p', (j) =>
      j.onRef('p.network_id', '=', 'c.network_id').onRef('p.id', '=', 'c.participant_id'),
    )
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'p.network_id').onRef('d.id', '=', 'p.district_id'),
    )
    .select([
      'a.question_id',
      'a.choices',
      'a.scale',
      'a.text_value',
      'a.date_value',
      'p.district_id',
      'd.name as district_name',
      'p.age_band',
      'p.stake',
    ])
    .where('a.network_id', '=', networkId)
    .where('r.tool_id', '=', toolId);
  if (!named) q = q.where('r.contribution_id', 'is', null);
  return q.execute();
}
export type AnswerRow = Awaited<ReturnType<typeof answersOf>>[number];

export interface QuestionFields {
  kind: CodesignSurveyQuestionKind;
  prompt: string;
  help: string;
  required: boolean;
  options: string[];
  lowLabel: string | null;
  highLabel: string | null;
}

/** The results of a running anonymous survey as at its last fifth answer. */
export function snapshotOf(db: Executor, networkId: string, toolId: string) {
  return db
    .selectFrom('codesign_survey_snapshot')
    .select(['responses', 'results'])
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .executeTakeFirst();
}
