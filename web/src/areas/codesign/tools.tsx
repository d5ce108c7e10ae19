import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { CodesignChannel, CodesignToolKind } from './types.ts';

/** What the project part's tool page hands the page of a tool's kind. */
export interface ToolPageProps {
  projectId: string;
  toolId: string;
}

/**
 * The page of each kind of tool, built by its part: the projects part's route
 * /mitgestalten/projekte/:projectId/werkzeuge/:toolId shows the project's header and renders the one
 * for the tool's kind. Each part's page loads its own data (its answers start with the same `tool`
 * header, server/areas/codesign/projects/present.ts). The one place that lists the kinds' pages.
 */
export const toolPages: Record<CodesignToolKind, LazyExoticComponent<ComponentType<ToolPageProps>>> = {
  ideas: lazy(() => import('./ideas/IdeasToolPage.tsx')),
  consensus: lazy(() => import('./consensus/ConsensusToolPage.tsx')),
  dots: lazy(() => import('./votes/DotsToolPage.tsx')),
  ranking: lazy(() => import('./votes/RankingToolPage.tsx')),
  survey: lazy(() => import('./surveys/SurveyToolPage.tsx')),
  meeting: lazy(() => import('./offline/MeetingToolPage.tsx')),
};

/** A contribution entered by a facilitator for a participant who consented (the body's `onBehalf`). */
export interface OnBehalf {
  participantId: string;
  channel: CodesignChannel;
}
