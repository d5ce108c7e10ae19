/** The shapes of the HTTP API (server/routes/api/*), as the client reads them. */

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

export interface NetworkAbilities {
  administer: boolean;
  createOrganisation: boolean;
  moderate: boolean;
  readOutbox: boolean;
  readAuditLog: boolean;
  flag: boolean;
}

export interface Membership {
  organisationId: string;
  name: string;
  slug: string;
  role: string;
}

export interface SessionAccount {
  id: string;
  displayName: string;
  email: string;
  locale: Locale;
  isInstanceAdmin: boolean;
  memberships: Membership[];
}

export interface Session {
  network: { id: string; name: string; slug: string };
  account: SessionAccount | null;
  csrfToken: string | null;
  /**
   * Signed in with a sign-in link an instance admin made (not by the person themself): support
   * circles stay closed in this session and no password can be set.
   */
  assisted: boolean;
  abilities: NetworkAbilities;
}

export interface Slot {
  day: Day;
  part: DayPart;
}

export interface Profile {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  hasPassword: boolean;
  bio: string;
  skills: string[];
  interests: string[];
  languages: string[];
  availability: Slot[];
  districtIds: string[];
}

export interface OrganisationAbilities {
  update: boolean;
  viewMembers: boolean;
  manageMembers: boolean;
  invite: boolean;
  delete: boolean;
}

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  memberCount: number;
  abilities: OrganisationAbilities;
}

export interface Member {
  accountId: string;
  displayName: string;
  role: Role;
  since: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationPreview {
  organisation: { id: string; name: string; slug: string };
  role: Role;
  email: string;
  hasAccount: boolean;
  expiresAt: string;
}

export interface NetworkSettings {
  name: string;
  slug: string;
  settings: {
    tileUrl: string | null;
    tileAttribution: string | null;
    mapCenter: [number, number] | null;
    mapZoom: number | null;
  };
}

export interface District {
  id: string;
  slug: string;
  name: string;
  centerLat: number | null;
  centerLng: number | null;
  hasBoundary: boolean;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  /** the text with every secret (the token of a sign-in or invitation link) shown as `[…]` */
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A page of what an instance admin may see, and how many entries of support circles it leaves out. */
export interface ConfidentialPage<T> extends Page<T> {
  /** entries of support circles: counted, never listed */
  confidential: number;
}

/** POST /admin/accounts/{id}/sign-in-link: shown once, never listed again. */
export interface SignInLink {
  link: string;
  expiresAt: string;
}

/** GET /me/activity: what was done with one's own account, newest first. */
export interface AccountActivity {
  id: number;
  /** e.g. session.created, password.changed, account.sign_in_link_created */
  action: string;
  /** done by someone else (an instance admin, or the command line when byName is null) */
  byOther: boolean;
  byName: string | null;
  /** how a session began: password, link or assisted_link */
  method: string | null;
  /** the reason an admin gave (a block, a sign-in link) */
  reason: string | null;
  at: string;
}

export interface AuditEntry {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: unknown;
  at: string;
}

export interface Notification {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

export interface SearchHit {
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  link: string;
}

export interface Flag {
  id: string;
  entityType: string;
  entityId: string;
  reason: string;
  note: string | null;
  status: string;
  reporterName: string | null;
  createdAt: string;
  link: string | null;
}

export interface AdminAccount {
  id: string;
  displayName: string;
  email: string;
  isInstanceAdmin: boolean;
  blocked: boolean;
  createdAt: string;
}

export interface Person {
  id: string;
  displayName: string;
  bio: string;
  skills: string[];
  interests: string[];
  languages: string[];
  memberships: Membership[];
}
