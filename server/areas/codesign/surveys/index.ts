/** Surveys: questions of the usual types, anonymous or named, results with the small-cell rule. */
import type { AreaPart } from '../../parts.ts';
import { surveyRoutes } from './routes.ts';
import { seedSurveys } from './seed.ts';

export const surveysPart: AreaPart = {
  routes: [{ prefix: '/codesign/surveys', plugin: surveyRoutes }],
  seed: seedSurveys,
};
