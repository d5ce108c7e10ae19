/** Surveys: questions of the usual types, anonymous or named, results with the small-cell rule. */
import type { AreaPart } from '../../parts.ts';

export const surveysPart: AreaPart = {
  routes: [],
};
