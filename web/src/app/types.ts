/**
 * The shapes of the HTTP API (server/routes/api/*), as the client reads them: derived from the
 * server's response schemas. Type-only imports: nothing reaches the bundle. The lists below stay
 * values (the pages loop over them).
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  AccountItem,
  AuditFilters,
  AuditItem,
  FlagItem,
  OutboxItem,
  SignInLink as SignInLinkSchema,
} from '../../../server/routes/api/admin/schema.ts';
import type { DistrictView } from '../../../server/routes/api/districts/schema.ts';
import type { InvitationPreview as InvitationPreviewSchema } from '../../../server/routes/api/invitations/index.ts';
import type { ActivityItem, ProfileView } from '../../../server/routes/api/me/index.ts';
import type { NetworkView } from '../../../server/routes/api/network/schema.ts';
import type {
  NotificationItem,
  NotificationPage as NotificationPageSchema,
} from '../../../server/routes/api/notifications/index.ts';
import type {
  InvitationView,
  MemberView,
  OrganisationAbilities as OrganisationAbilitiesSchema,
  OrganisationView,
} from '../../../server/routes/api/organisations/schema.ts';
import type { PersonView } from '../../../server/routes/api/people/index.ts';
import type { SearchHit as SearchHitSchema } from '../../../server/routes/api/search/index.ts';
import type { Abilities, SessionView } from '../../../server/routes/api/session/schema.ts';

/**
 * A type derived from a server schema (`Static<typeof XView>`) with some fields typed by hand, where
 * a schema cannot say what the client may rely on (a statistic's figures are null exactly when its
 * cell is suppressed).
 */
export type Fixed<T, F> = Omit<T, keyof F> & F;

/**
 * The languages of the web client: German, English and Leichte Sprache (`ls`, plain German). The
 * server knows only de and en; for it Leichte Sprache is German (the account's `plainLanguage`).
 */
export type Locale = 'de' | 'en' | 'ls';
export const locales: Locale[] = ['de', 'en', 'ls'];

export const organisationKinds = [
  'association',
  'charity',
  'company',
  'public_body',
  'cooperative',
  'initiative',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const sectors = [
  'social_service',
  'civil_society',
  'business',
  'public',
  'education',
  'health',
  'faith',
  'other',
] as const;
export type Sector = (typeof sectors)[number];

export const roles = ['admin', 'staff', 'volunteer'] as const;
export type Role = (typeof roles)[number];

export const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof days)[number];
export const dayParts = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof dayParts)[number];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type NetworkAbilities = Static<typeof Abilities>;

export type Session = Static<typeof SessionView>;

export type SessionAccount = NonNullable<Session['account']>;

export type Membership = SessionAccount['memberships'][number];

/** One half-day a person is usually free (the availability grid of the profile). */
export type Slot = Profile['availability'][number];

export type Profile = Static<typeof ProfileView>;

export type OrganisationAbilities = Static<typeof OrganisationAbilitiesSchema>;

export type Organisation = Static<typeof OrganisationView>;

export type Member = Static<typeof MemberView>;

export type Invitation = Static<typeof InvitationView>;

export type InvitationPreview = Static<typeof InvitationPreviewSchema>;

export type NetworkSettings = Static<typeof NetworkView>;

export type District = Static<typeof DistrictView>;

export type OutboxEmail = Static<typeof OutboxItem>;

/** A page of what an instance admin may see, and how many entries of support circles it leaves out. */
export interface ConfidentialPage<T> extends Page<T> {
  /** entries of support circles: counted, never listed */
  confidential: number;
}

/** POST /admin/accounts/{id}/sign-in-link: shown once, never listed again. */
export type SignInLink = Static<typeof SignInLinkSchema>;

/** GET /me/activity: what was done with one's own account, newest first. */
export type AccountActivity = Static<typeof ActivityItem>;

export type AuditEntry = Static<typeof AuditItem>;
export type AuditFilterChoices = Static<typeof AuditFilters>;

export type Notification = Static<typeof NotificationItem>;

export type NotificationPage = Static<typeof NotificationPageSchema>;

export type SearchHit = Static<typeof SearchHitSchema>;

export type Flag = Static<typeof FlagItem>;

export type AdminAccount = Static<typeof AccountItem>;

export type Person = Static<typeof PersonView>;
