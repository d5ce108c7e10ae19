import type { Static } from '@fastify/type-provider-typebox';
import type {
  AnswerInput,
  QuestionInput,
  QuestionResult,
  QuestionView,
  ResultsView,
  SurveyView,
} from '../../../../../server/areas/codesign/surveys/schema.ts';

/** The survey part's shapes, derived from the server's schemas. */
export type Survey = Static<typeof SurveyView>;
export type Question = Static<typeof QuestionView>;
export type QuestionDraft = Static<typeof QuestionInput>;
export type Answer = Static<typeof AnswerInput>;
export type Results = Static<typeof ResultsView>;
export type QuestionResults = Static<typeof QuestionResult>;

export const surveyKeys = {
  survey: (toolId: string) => ['codesign', 'surveys', toolId] as const,
  results: (toolId: string) => ['codesign', 'surveys', toolId, 'results'] as const,
};
