/** What the Mitmachen API answers (see the TypeBox schemas in server/routes/api/{opportunities,shifts,hours,playbook}). */

export const ladderLevels = ['mini', 'event_project', 'regular', 'codesign_role'] as const;
export type Level = (typeof ladderLevels)[number];
export const modes = ['online', 'on_site', 'hybrid'] as const;
export type Mode = (typeof modes)[number];
export const statuses = ['draft', 'published', 'closed'] as const;
export type OpportunityStatus = (typeof statuses)[number];
export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;
export type SignupStatus = 'signed_up' | 'waitlisted' | 'withdrawn' | 'checked_in' | 'no_show';
export type HoursStatus = 'pending' | 'confirmed' | 'rejected';

export interface Opportunity {
  id: string;
  level: Level;
  title: string;
  description: string;
  mode: Mode;
  districtId: string | null;
  place: string;
  lat: number | null;
  lng: number | null;
  skills: string[];
  languages: string[];
  accessibility: string;
  minAge: number | null;
  needsPoliceClearance: boolean;
  effortMinutes: number | null;
  status: OpportunityStatus;
  /** who runs it: the lead and the partners that accepted */
  organisations: { id: string; name: string; isLead: boolean }[];
  /** invited, no answer yet: all for its coordinators, one's own for an invited organisation, else none */
  invitedOrganisations: { id: string; name: string; invitedAt: string }[];
  nextShiftAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; close: boolean; manageShifts: boolean; managePartners: boolean };
}

/** An invitation to run an opportunity jointly, waiting for an organisation the person acts for. */
export interface PartnerInvitation {
  opportunity: {
    id: string;
    title: string;
    description: string;
    level: Level;
    mode: Mode;
    status: OpportunityStatus;
  };
  organisation: { id: string; name: string };
  lead: { id: string; name: string };
  invitedAt: string;
}

export interface Suggestion {
  opportunity: Opportunity;
  score: number;
  reasons: string[];
}

export interface NextStep {
  currentLevel: Level | null;
  nextLevel: Level | null;
  suggestions: Suggestion[];
}

export interface MapItem {
  id: string;
  title: string;
  level: Level;
  mode: Mode;
  lat: number;
  lng: number;
  nextShiftAt: string | null;
}

export interface Shift {
  id: string;
  opportunityId: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  freePlaces: number;
  waitlisted: number;
  waitlistEnabled: boolean;
  note: string;
  mySignup: { id: string; status: SignupStatus; waitlistPosition: number | null } | null;
}

export interface SignupResult {
  signupId: string;
  status: 'signed_up' | 'waitlisted';
  waitlistPosition: number | null;
}

export interface MySignup {
  signupId: string;
  shiftId: string;
  status: SignupStatus;
  startsAt: string;
  endsAt: string;
  opportunity: { id: string; title: string; level: Level };
}

export interface Roster {
  shift: {
    id: string;
    opportunityId: string;
    opportunityTitle: string;
    startsAt: string;
    endsAt: string;
    capacity: number;
    signedUp: number;
  };
  items: {
    signupId: string;
    accountId: string;
    name: string;
    email: string;
    status: SignupStatus;
    waitlistPosition: number | null;
    signedUpAt: string;
    checkedInAt: string | null;
  }[];
}

export interface Hours {
  id: string;
  volunteer: { id: string; name: string };
  organisation: { id: string; name: string };
  opportunityId: string | null;
  shiftId: string | null;
  level: Level | null;
  activity: string;
  date: string;
  minutes: number;
  source: 'check_in' | 'logged';
  status: HoursStatus;
  decidedAt: string | null;
  decisionNote: string;
  creditMinutes: number | null;
  abilities: { decide: boolean };
}

export interface Certificate {
  person: { id: string; name: string };
  network: string;
  issuedOn: string;
  totalMinutes: number;
  organisations: { id: string; name: string; minutes: number; entries: number }[];
}

/** One month and level; with fewer volunteers than the server's minimum, `suppressed` and no figures. */
export type StatsRow = { month: string; level: Level } & (
  | { suppressed: false; signups: number; volunteers: number; confirmedMinutes: number }
  | { suppressed: true; signups: null; volunteers: null; confirmedMinutes: null }
);

export interface Stats {
  items: StatsRow[];
  minPeoplePerCell: number;
}

export interface Person {
  id: string;
  name: string;
}

export interface PlaybookChannel {
  channel: string;
  reached: string;
}

export interface PlaybookRevision {
  pageId: string;
  revision: number;
  currentRevision: number;
  title: string;
  body: string;
  tags: string[];
  channels: PlaybookChannel[];
  summary: string;
  author: Person | null;
  organisation: Person | null;
  createdAt: string;
  abilities: { edit: boolean };
}

export interface PlaybookRevisionSummary {
  revision: number;
  title: string;
  summary: string;
  author: Person | null;
  organisation: Person | null;
  createdAt: string;
}

export interface PlaybookDiff {
  from: number;
  to: number;
  title: { from: string; to: string };
  tags: { added: string[]; removed: string[] };
  lines: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}
