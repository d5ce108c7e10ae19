/** The shapes of /api/v1/circles (server/routes/api/circles/schema.ts). */
export type CircleStatus = 'active' | 'frozen' | 'deletion_requested';
export type CircleRole = 'owner' | 'coordinator' | 'helper' | 'professional' | 'viewer';
export type InvitableRole = Exclude<CircleRole, 'owner'> | 'person';
export type Visibility = 'all_members' | 'coordinators_professionals' | 'owner_only';
export type NeedKind = 'ride' | 'shopping' | 'visit' | 'meal' | 'appointment' | 'other';

export const visibilities: Visibility[] = ['all_members', 'coordinators_professionals', 'owner_only'];

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
  invite: boolean;
  viewNeeds: boolean;
  manageNeeds: boolean;
  claim: boolean;
  viewLoad: boolean;
  viewMap: boolean;
  viewUpdates: boolean;
  post: boolean;
  viewTeam: boolean;
}

export interface Circle {
  id: string;
  personLabel: string;
  personHasAccount: boolean;
  organisation: { id: string; name: string } | null;
  status: CircleStatus;
  purgeAfter: string | null;
  alertHours: number;
  myRole: CircleRole;
  createdAt: string;
  abilities: CircleAbilities;
}

export interface Need {
  id: string;
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
  abilities: { claim: boolean; unclaim: boolean; done: boolean; edit: boolean };
}

export interface Load {
  weeks: number;
  total: number;
  helpers: { accountId: string; name: string; count: number; share: number }[];
  warning: { accountId: string; name: string; share: number } | null;
  unclaimedNextWeek: number;
}

export interface Update {
  id: string;
  author: { id: string; name: string };
  body: string;
  visibility: Visibility;
  createdAt: string;
  comments: { id: string; author: { id: string; name: string }; body: string; createdAt: string }[];
}

export interface InvitationPreview {
  personLabel: string;
  inviterName: string | null;
  role: InvitableRole;
  email: string | null;
  needsDetails: boolean;
  expiresAt: string;
}
