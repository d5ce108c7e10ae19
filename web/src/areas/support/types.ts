/**
 * The shapes of /api/v1/circles, derived from the server's response schemas
 * (server/areas/support/routes/circles/schema.ts). Type-only imports: nothing reaches the bundle.
 * The lists below stay values: the pages loop over them.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  AccessLogEntry as AccessLogEntrySchema,
  AttachmentView,
  CircleListItem as CircleListItemSchema,
  CircleRoleSchema,
  CircleView,
  CommentView,
  ConsentView,
  InvitableRoleSchema,
  InvitationPreview as InvitationPreviewSchema,
  InvitationView,
  LoadView,
  MemberView,
  NeedKindSchema,
  NeedView,
  ScopeSchema,
  Settings as SettingsSchema,
  TeamView,
  UpdateView,
  VisibilitySchema,
} from '../../../../server/areas/support/routes/circles/schema.ts';

export type CircleRole = Static<typeof CircleRoleSchema>;
export type CircleStatus = CircleListItem['status'];
export type InvitableRole = Static<typeof InvitableRoleSchema>;
export type ChangeableRole = Exclude<CircleRole, 'owner'>;
export type Visibility = Static<typeof VisibilitySchema>;
export type NeedKind = Static<typeof NeedKindSchema>;
export type ConsentScope = Static<typeof ScopeSchema>;
export type ConsentGiver = Consent['givenBy'];
export type ConsentMethod = Consent['method'];

export const visibilities: Visibility[] = ['all_members', 'coordinators_professionals', 'owner_only'];
export const needKinds: NeedKind[] = ['ride', 'shopping', 'visit', 'meal', 'appointment', 'other'];
export const consentScopes: ConsentScope[] = ['care_calendar', 'network_map', 'updates', 'team'];
export const consentGivers: ConsentGiver[] = ['person', 'legal_guardian'];
export const consentMethods: ConsentMethod[] = ['in_person', 'written', 'digital'];
export const changeableRoles: ChangeableRole[] = [
  'coordinator',
  'helper',
  'relative',
  'professional',
  'viewer',
];

export type CircleListItem = Static<typeof CircleListItemSchema>;

export type CircleAbilities = Circle['abilities'];

export type Settings = Static<typeof SettingsSchema>;

export type Circle = Static<typeof CircleView>;

export type Consent = Static<typeof ConsentView>;

export type Member = Static<typeof MemberView>;

export type Invitation = Static<typeof InvitationView>;

export type Need = Static<typeof NeedView>;

export type Load = Static<typeof LoadView>;

export type Comment = Static<typeof CommentView>;

export type Attachment = Static<typeof AttachmentView>;

export type Update = Static<typeof UpdateView>;

export type TeamMember = Static<typeof TeamView>;

export type AccessLogEntry = Static<typeof AccessLogEntrySchema>;

export type InvitationPreview = Static<typeof InvitationPreviewSchema>;
