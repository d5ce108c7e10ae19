/**
 * What the Mitmachen API answers, derived from the server's response schemas
 * (server/areas/participation/routes/{opportunities,shifts,hours,playbook}/schema.ts). Type-only
 * imports: nothing reaches the bundle. The lists below stay values (the pages loop over them); the
 * schemas build their unions from the database's lists with `.map`, which Static types as `never`,
 * so those fields are given the list's type (Fixed).
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CertificateView,
  HoursView,
} from '../../../../server/areas/participation/routes/hours/schema.ts';
import type {
  MapView,
  NextStepView,
  OpportunityView,
  PartnerInvitationView,
  ShiftView,
  StatsView,
  SuggestionView,
} from '../../../../server/areas/participation/routes/opportunities/schema.ts';
import type {
  DiffView,
  RevisionSummary,
  RevisionView,
} from '../../../../server/areas/participation/routes/playbook/schema.ts';
import type {
  MySignupView,
  RosterView,
  SignupResult as SignupResultView,
} from '../../../../server/areas/participation/routes/shifts/schema.ts';
import type {
  HoursStatus as DbHoursStatus,
  SignupStatus as DbSignupStatus,
} from '../../../../server/db/schema.ts';
import type { Fixed } from '../../app/types.ts';

export const ladderLevels = ['mini', 'event_project', 'regular', 'codesign_role'] as const;
export type Level = (typeof ladderLevels)[number];
export const modes = ['online', 'on_site', 'hybrid'] as const;
export type Mode = (typeof modes)[number];
export const statuses = ['draft', 'published', 'closed'] as const;
export type OpportunityStatus = (typeof statuses)[number];
export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;
export type SignupStatus = DbSignupStatus;
export type HoursStatus = DbHoursStatus;

export type Opportunity = Static<typeof OpportunityView>;

export type PartnerInvitation = Static<typeof PartnerInvitationView>;

export type Suggestion = Static<typeof SuggestionView>;

export type NextStep = Static<typeof NextStepView>;

export type MapItem = Static<typeof MapView>['items'][number];

export type Shift = Static<typeof ShiftView>;

export type SignupResult = Static<typeof SignupResultView>;

export type MySignup = Static<typeof MySignupView>;

export type Roster = Static<typeof RosterView>;

export type Hours = Static<typeof HoursView>;

export type Certificate = Static<typeof CertificateView>;

/**
 * One month and level; with fewer volunteers than the server's minimum, `suppressed` and no figures.
 * Hand-written: the schema cannot say that the figures are null exactly when `suppressed`.
 */
export type StatsRow = { month: string; level: Level } & (
  | { suppressed: false; signups: number; volunteers: number; confirmedMinutes: number }
  | { suppressed: true; signups: null; volunteers: null; confirmedMinutes: null }
);

export type Stats = Fixed<Static<typeof StatsView>, { items: StatsRow[] }>;

export type PlaybookRevision = Static<typeof RevisionView>;

export type Person = NonNullable<PlaybookRevision['author']>;

export type PlaybookChannel = PlaybookRevision['channels'][number];

export type PlaybookRevisionSummary = Static<typeof RevisionSummary>;

export type PlaybookDiff = Static<typeof DiffView>;
