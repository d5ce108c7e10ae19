/**
 * What the projects API answers, derived from the server's response schemas
 * (server/areas/codesign/projects/routes/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  ParticipantView,
  PhaseView,
  ProjectSummary as ProjectSummaryView,
  ProjectView,
  TimelineEntry as TimelineEntryView,
  ToolSummary as ToolSummaryView,
} from '../../../../../server/areas/codesign/projects/routes/schema.ts';

export type ProjectSummary = Static<typeof ProjectSummaryView>;
export type Project = Static<typeof ProjectView>;
export type Phase = Static<typeof PhaseView>;
export type ToolSummary = Static<typeof ToolSummaryView>;
export type Participant = Static<typeof ParticipantView>;
export type TimelineEntry = Static<typeof TimelineEntryView>;
export type Template = Project['template'];
export type Visibility = Project['visibility'];
export type Joining = Project['joining'];
export const templates: readonly Template[] = ['full', 'short', 'survey', 'custom'];
export const visibilities: readonly Visibility[] = ['public', 'members'];
export const joinings: readonly Joining[] = ['open', 'link', 'invitation'];
export const phaseKinds = ['needs', 'goals', 'ideas', 'decide', 'commit', 'implement', 'review'] as const;
export const toolKinds = ['ideas', 'consensus', 'dots', 'ranking', 'survey', 'meeting'] as const;
export const ageBands = ['under_18', '18_29', '30_49', '50_64', '65_79', '80_plus'] as const;
export const stakes = ['service_user', 'relative', 'volunteer', 'staff', 'resident', 'other'] as const;
