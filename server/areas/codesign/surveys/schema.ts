import { Type } from '@fastify/type-provider-typebox';
import { codesignSurveyQuestionKinds } from '../../../db/schema.ts';
import { literals, Uuid } from '../../../http/schemas.ts';
import { OnBehalfBody, ToolHeader } from '../projects/present.ts';

/** The shapes of the survey routes. */

export const ToolParams = Type.Object({ toolId: Uuid }, { additionalProperties: false });

const Kind = literals(codesignSurveyQuestionKinds);
const Label = Type.String({ minLength: 1, maxLength: 60 });

export const QuestionView = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  kind: Kind,
  prompt: Type.String(),
  help: Type.String(),
  required: Type.Boolean(),
  /** the choices of a single or multiple choice question */
  options: Type.Array(Type.String()),
  /** the words at the ends of a scale (1 and 5) */
  lowLabel: Type.Union([Type.String(), Type.Null()]),
  highLabel: Type.Union([Type.String(), Type.Null()]),
});

export const SurveyView = Type.Object({
  tool: ToolHeader,
  /** no identifier is stored with the answers */
  anonymous: Type.Boolean(),
  questions: Type.Array(QuestionView),
  /** the reader has answered (taking part is recorded, what they answered is not shown back) */
  answered: Type.Boolean(),
  /** how many answered: the questions cannot change once somebody has */
  responses: Type.Integer(),
  /** the reader may see the results now (facilitators always, everyone else once it closed) */
  resultsVisible: Type.Boolean(),
});

export const QuestionInput = Type.Object(
  {
    kind: Kind,
    prompt: Type.String({ minLength: 3, maxLength: 500 }),
    help: Type.Optional(Type.String({ maxLength: 1000 })),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
    lowLabel: Type.Optional(Type.Union([Label, Type.Null()])),
    highLabel: Type.Optional(Type.Union([Label, Type.Null()])),
  },
  { additionalProperties: false },
);

export const QuestionsSave = Type.Object(
  { questions: Type.Array(QuestionInput, { maxItems: 100 }) },
  { additionalProperties: false },
);

export const AnswerInput = Type.Object(
  {
    questionId: Uuid,
    /** single / multiple choice: the indexes of the chosen options */
    choices: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 19 }), { minItems: 1, maxItems: 20 }),
    ),
    scale: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    date: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);

export const ResponseCreate = Type.Object(
  { answers: Type.Array(AnswerInput, { maxItems: 100 }), onBehalf: OnBehalfBody },
  { additionalProperties: false },
);

const Count = Type.Union([Type.Integer(), Type.Null()]);

export const GroupCell = Type.Object({
  /** the group: a district's id, an age band or a stake; null for "not said" */
  key: Type.Union([Type.String(), Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
  /** people in this group who answered the question; null when 1–4 (hidden, small-cell rule) */
  people: Count,
  /** per option (scale: per value 1–5); null where hidden */
  counts: Type.Array(Count),
  suppressed: Type.Boolean(),
});

export const QuestionResult = Type.Object({
  id: Uuid,
  kind: Kind,
  prompt: Type.String(),
  required: Type.Boolean(),
  /** how many answered this question */
  answered: Type.Integer(),
  /** single / multiple: per option; scale: per value 1–5 (labels at the ends); date: per date */
  options: Type.Array(Type.Object({ label: Type.String(), count: Type.Integer(), percent: Type.Number() })),
  average: Type.Union([Type.Number(), Type.Null()]),
  lowLabel: Type.Union([Type.String(), Type.Null()]),
  highLabel: Type.Union([Type.String(), Type.Null()]),
  /** free text: the answers without names (anonymous: shuffled); null while fewer than 5 */
  texts: Type.Union([Type.Array(Type.String()), Type.Null()]),
  /** named surveys only: per group of the participants, small cells hidden */
  breakdown: Type.Union([
    Type.Array(
      Type.Object({ dimension: literals(['district', 'ageBand', 'stake']), groups: Type.Array(GroupCell) }),
    ),
    Type.Null(),
  ]),
});

export const ResultsView = Type.Object({
  tool: ToolHeader,
  anonymous: Type.Boolean(),
  /** the answers the results rest on */
  responses: Type.Integer(),
  /** free-text answers are listed from this many on */
  minTexts: Type.Integer(),
  /**
   * an anonymous survey with fewer answers than this shows no results yet (`questions` empty): with
   * one or two answers, who took part would give away what they answered
   */
  minResponses: Type.Integer(),
  tooFew: Type.Boolean(),
  /** a running anonymous survey: answers given since the results were last taken (at every fifth) */
  pending: Type.Integer(),
  questions: Type.Array(QuestionResult),
});
