/**
 * The shapes of the HTTP API (server/routes/api/*), as the client reads them: derived from the
 * server's response schemas. Type-only imports: nothing reaches the bundle. The lists below stay
 * values (the pages loop over them).
 */
import type { Static } from '@fastify/type-provider-typebox';
import type { FlagReason } from '../../../server/db/schema.ts';
import type {
  AccountItem,
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
 * A type derived from a server schema (`Static<typeof XView>`) with some fields typed by hand: the
 * schemas build some unions with `.map` (`Type.Union(list.map(Type.Literal))`), which Static types as
 * `never`; those fields get the type of the list they are built from.
 */
export type Fixed<T, F> = Omit<T, keyof F> & F;

export type Locale = 'de' | 'en';
export const locales: Locale[] = ['de', 'en'];

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

/** Hand-written: the schema builds day and part with `.map` (never under Static). */
export interface Slot {
  day: Day;
  part: DayPart;
}

export type Profile = Fixed<Static<typeof ProfileView>, { availability: Slot[] }>;

export type OrganisationAbilities = Static<typeof OrganisationAbilitiesSchema>;

export type Organisation = Fixed<Static<typeof OrganisationView>, { kind: OrganisationKind; sector: Sector }>;

export type Member = Fixed<Static<typeof MemberView>, { role: Role }>;

export type Invitation = Fixed<Static<typeof InvitationView>, { role: Role }>;

export type InvitationPreview = Fixed<Static<typeof InvitationPreviewSchema>, { role: Role }>;

export type NetworkSettings = Static<typeof NetworkView>;

export type District = Static<typeof DistrictView>;

/** `status` is built with `.map` on the server (never under Static): one of the outbox's states. */
export type OutboxEmail = Fixed<Static<typeof OutboxItem>, { status: string }>;

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

export type Notification = Static<typeof NotificationItem>;

export type NotificationPage = Static<typeof NotificationPageSchema>;

export type SearchHit = Static<typeof SearchHitSchema>;

/** `reason` and `status` are built with `.map` on the server (never under Static). */
export type Flag = Fixed<Static<typeof FlagItem>, { reason: FlagReason; status: string }>;

export type AdminAccount = Static<typeof AccountItem>;

/** `memberships[].role` is built with `.map` on the server (never under Static). */
export type Person = Fixed<Static<typeof PersonView>, { memberships: Membership[] }>;
