import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Surveys: questions of the usual types, anonymous or named, results with the small-cell rule. The
// survey shows on its project's tool page (../tools.tsx); this is its short link of its own.
const SurveyDirectPage = lazy(() =>
  import('./SurveyToolPage.tsx').then((m) => ({ default: m.SurveyDirectPage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'mitgestalten/umfragen/:toolId', element: <SurveyDirectPage /> },
];
