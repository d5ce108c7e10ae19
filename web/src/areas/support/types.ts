/** The shapes of /api/v1/circles (server/routes/api/circles/schema.ts). */
export type CircleStatus = 'active' | 'frozen' | 'deletion_requested';
export type CircleRole = 'owner' | 'coordinator' | 'helper' | 'professional' | 'viewer';
export type InvitableRole = Exclude<CircleRole, 'owner'> | 'person';
export type ChangeableRole = Exclude<CircleRole, 'owner'>;
export type Visibility = 'all_members' | 'coordinators_professionals' | 'owner_only';
export type NeedKind = 'ride' | 'shopping' | 'visit' | 'meal' | 'appointment' | 'other';
export type ConsentScope = 'care_calendar' | 'network_map' | 'updates' | 'team';
export type ConsentGiver = 'person' | 'legal_guardian';
export type ConsentMethod = 'in_person' | 'written' | 'digital';

export const visibilities: Visibility[] = ['all_members', 'coordinators_professionals', 'owner_only'];
export const needKinds: NeedKind[] = ['ride', 'shopping', 'visit', 'meal', 'appointment', 'other'];
export const consentScopes: ConsentScope[] = ['care_calendar', 'network_map', 'updates', 'team'];
export const consentGivers: ConsentGiver[] = ['person', 'legal_guardian'];
export const consentMethods: ConsentMethod[] = ['in_person', 'written', 'digital'];
export const changeableRoles: ChangeableRole[] = ['coordinator', 'helper', 'professional', 'viewer'];

export interface CircleListItem {
  id: string;
  personLabel: string;
  status: CircleStatus;
  myRole: CircleRole;
  unclaimedThisWeek: number;
  createdAt: string;
}

export interface CircleAbilities {
  update: boolean;
  viewConsents: boolean;
  grantConsent: boolean;
  withdrawConsent: boolean;
  invite: boolean;
  changeRole: boolean;
  viewNeeds: boolean;
  manageNeeds: boolean;
  claim: boolean;
  viewLoad: boolean;
  feed: boolean;
  viewMap: boolean;
  editMap: boolean;
  viewUpdates: boolean;
  post: boolean;
  viewTeam: boolean;
  editTeam: boolean;
  viewAccessLog: boolean;
  export: boolean;
  requestDeletion: boolean;
}

export interface Settings {
  notifyNeeds: boolean;
  notifyUpdates: boolean;
  notifyReminders: boolean;
  notifyEmail: boolean;
  reminderHours: number;
}

export interface Circle {
  id: string;
  personLabel: string;
  personEmail?: string | null;
  personHasAccount: boolean;
  organisation: { id: string; name: string } | null;
  status: CircleStatus;
  purgeAfter: string | null;
  /** Days between a deletion request and the erasure (the server's grace period). */
  deletionGraceDays: number;
  consentScope: ConsentScope[];
  alertHours: number;
  myRole: CircleRole;
  mySettings: Settings;
  createdAt: string;
  abilities: CircleAbilities;
}

export interface Consent {
  id: string;
  version: number;
  kind: 'granted' | 'withdrawn';
  givenBy: ConsentGiver;
  guardianName: string | null;
  method: ConsentMethod;
  scope: ConsentScope[];
  givenAt: string;
  note: string;
  organisation: { id: string; name: string | null } | null;
  legalBasis: string | null;
  recordedBy: { id: string; name: string | null };
  createdAt: string;
}

export interface Member {
  accountId: string;
  name: string;
  email?: string;
  role: CircleRole;
  isPerson: boolean;
  joinedAt: string;
  abilities: { remove: boolean; changeRole: boolean };
}

export interface Invitation {
  id: string;
  role: InvitableRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  url?: string;
}

export interface Need {
  id: string;
  seriesId: string | null;
  kind: NeedKind;
  title: string;
  start: string;
  end: string;
  place: string;
  notes: string;
  visibility: Visibility;
  claimedBy: { id: string; name: string } | null;
  doneAt: string | null;
  thanks: string;
  /** the time credit the helper was given when it was marked done */
  credit: { minutes: number; reversed: boolean } | null;
  abilities: { claim: boolean; unclaim: boolean; done: boolean; credit: boolean; edit: boolean };
}

export interface Load {
  weeks: number;
  total: number;
  helpers: { accountId: string; name: string; count: number; share: number }[];
  warning: { accountId: string; name: string; share: number } | null;
  unclaimedNextWeek: number;
}

export interface Comment {
  id: string;
  author: { id: string; name: string };
  body: string;
  visibility: Visibility;
  createdAt: string;
  abilities: { delete: boolean };
}

export interface Attachment {
  id: string;
  kind: 'image' | 'pdf';
  name: string;
  /** What an image shows; empty for a PDF. */
  alt: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
  abilities: { delete: boolean };
}

export interface Update {
  id: string;
  author: { id: string; name: string };
  body: string;
  visibility: Visibility;
  createdAt: string;
  comments: Comment[];
  attachments: Attachment[];
  abilities: { delete: boolean; comment: boolean };
}

export interface TeamMember {
  id: string;
  name: string;
  organisationName: string;
  organisationId: string | null;
  roleTitle: string;
  contact: string;
  accountId: string | null;
}

export interface AccessLogEntry {
  id: string;
  /** For a visit of several reads, the last one */
  at: string;
  /** For a visit, its first read; otherwise equal to `at` */
  firstAt: string;
  count: number;
  action: string;
  actor: { id: string; name: string } | null;
  what: string;
}

export interface InvitationPreview {
  personLabel: string;
  inviterName: string | null;
  role: InvitableRole;
  email: string | null;
  needsDetails: boolean;
  expiresAt: string;
}
