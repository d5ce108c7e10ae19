import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely's view of the tables. Keep in step with db/migrations. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface NetworkSettings {
  tileUrl?: string;
  tileAttribution?: string;
  mapCenter?: [number, number];
  mapZoom?: number;
}

export interface NetworkTable {
  id: Generated<string>;
  slug: string;
  name: string;
  settings: Json<NetworkSettings>;
  created_at: Timestamp;
}

export interface DistrictTable {
  network_id: string;
  id: Generated<string>;
  slug: string;
  name: string;
  boundary: Json<unknown> | null;
  center_lat: number | null;
  center_lng: number | null;
  created_at: Timestamp;
}

export interface AccountTable {
  network_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: Generated<'de' | 'en'>;
  is_instance_admin: Generated<boolean>;
  blocked_at: TimestampNullable;
  blocked_reason: string | null;
  email_verified_at: TimestampNullable;
  created_at: Timestamp;
}

export interface AvailabilitySlot {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  part: 'morning' | 'afternoon' | 'evening';
}

export interface ProfileTable {
  network_id: string;
  account_id: string;
  bio: Generated<string>;
  skills: Generated<string[]>;
  interests: Generated<string[]>;
  languages: Generated<string[]>;
  availability: Json<AvailabilitySlot[]>;
  district_ids: Generated<string[]>;
  updated_at: Timestamp;
}

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

export interface OrganisationTable {
  network_id: string;
  id: Generated<string>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  description: Generated<string>;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  district_id: string | null;
  lat: number | null;
  lng: number | null;
  created_at: Timestamp;
}

export const membershipRoles = ['admin', 'staff', 'volunteer'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export interface MembershipTable {
  network_id: string;
  organisation_id: string;
  account_id: string;
  role: MembershipRole;
  created_at: Timestamp;
}

export interface SessionTable {
  network_id: string;
  id: string;
  account_id: string;
  csrf_token: string;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** Begun with a sign-in link an instance admin made: circles stay closed, no password can be set */
  assisted: Generated<boolean>;
}

export interface OneTimeTokenTable {
  network_id: string;
  token_hash: string;
  purpose: 'login' | 'invitation' | 'assisted_login';
  account_id: string | null;
  email: string;
  organisation_id: string | null;
  role: MembershipRole | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: TimestampNullable;
  revoked_at: TimestampNullable;
}

export interface AuthFailureTable {
  network_id: string;
  key: string;
  at: Timestamp;
}

export interface OutboxEmailTable {
  network_id: string;
  id: Generated<string>;
  to_address: string;
  subject: string;
  /** What is delivered, secrets included; no route returns it, and it is redacted once sent or failed */
  body_text: string;
  /** What an instance admin may read: the text with every secret redacted */
  body_shown: string;
  /** A support circle's mail: admins only count these */
  confidential: Generated<boolean>;
  status: Generated<'queued' | 'sent' | 'failed' | 'held'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: TimestampNullable;
}

export interface NotificationTable {
  network_id: string;
  id: Generated<string>;
  account_id: string;
  kind: string;
  params: Json<Record<string, string | number>>;
  link: string | null;
  created_at: Timestamp;
  read_at: TimestampNullable;
}

export interface AuditLogTable {
  network_id: string;
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  at: Timestamp;
}

export interface SearchDocumentTable {
  network_id: string;
  entity_type: string;
  entity_id: string;
  title: string;
  body: string;
  link: string;
  hidden: Generated<boolean>;
  updated_at: Timestamp;
  tsv: ColumnType<string, never, never>;
}

export const flagReasons = ['spam', 'abuse', 'privacy', 'illegal', 'other'] as const;
export type FlagReason = (typeof flagReasons)[number];

export interface FlagTable {
  network_id: string;
  id: Generated<string>;
  entity_type: string;
  entity_id: string;
  reporter_id: string;
  reason: FlagReason;
  note: Generated<string>;
  status: Generated<'open' | 'hidden' | 'dismissed'>;
  resolved_by: string | null;
  resolved_at: TimestampNullable;
  created_at: Timestamp;
}

export interface HiddenContentTable {
  network_id: string;
  entity_type: string;
  entity_id: string;
  hidden_by: string;
  reason: string;
  hidden_at: Timestamp;
}

export interface JobTable {
  network_id: string;
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  run_at: Timestamp;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: TimestampNullable;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: TimestampNullable;
}

export const areas = ['knowledge', 'participation', 'codesign', 'sharing', 'support', 'places'] as const;
export type Area = (typeof areas)[number];
export type PartyType = 'person' | 'organisation';

export type InteractionStatus = 'pending' | 'confirmed';

export interface InteractionTable {
  network_id: string;
  id: Generated<string>;
  area: Area;
  kind: string;
  mode: 'online' | 'offline';
  a_type: PartyType;
  a_id: string;
  b_type: PartyType;
  b_id: string;
  occurred_at: Timestamp;
  source_type: string | null;
  source_id: string | null;
  created_at: Timestamp;
  /** 'pending' only for one logged by hand with a person, until they confirm (migration 20261126_1200_interaction_confirmation) */
  status: Generated<InteractionStatus>;
  confirmed_at: TimestampNullable;
}

/** After a person removed an interaction someone logged by hand with them, that someone may not log another with them until `until` (migration 20261128_1000_interaction_cooldown). */
export interface InteractionCooldownTable {
  network_id: string;
  requester_id: string;
  person_id: string;
  until: Timestamp;
}

// Teilen: time bank (migration 20261125_1100_timebank)
export type TimebankOwnerType = 'person' | 'organisation' | 'pool';
export const transferStatuses = ['requested', 'completed', 'declined', 'cancelled', 'reversed'] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferSourceTypes = ['offer', 'booking', 'shift', 'need'] as const;
export type TransferSourceType = (typeof transferSourceTypes)[number];
/**
 * What a person may name as a payment's source on the time bank's own route. A care-circle need
 * ('need', migration 20261125_1600_need_credit) is named only by marking it done with a credit, which
 * checks the circle's policy: nobody else may tie a transfer to a need (or use up its one credit).
 */
export const payableSourceTypes = [
  'offer',
  'booking',
  'shift',
] as const satisfies readonly TransferSourceType[];

export interface TimebankAccountTable {
  network_id: string;
  id: Generated<string>;
  owner_type: TimebankOwnerType;
  person_id: string | null;
  organisation_id: string | null;
  credit_limit: number | null;
  balance: Generated<number>;
  created_at: Timestamp;
}

export interface TimebankEntryTable {
  network_id: string;
  id: Generated<string>;
  seq: Generated<number>;
  kind: 'transfer' | 'reversal';
  memo: Generated<string>;
  reverses_entry_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TimebankLineTable {
  network_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  amount: number;
}

export interface TimebankTransferTable {
  network_id: string;
  id: Generated<string>;
  payer_account_id: string;
  payee_account_id: string;
  minutes: number;
  memo: Generated<string>;
  status: TransferStatus;
  initiated_by: string;
  idempotency_key: string;
  request_hash: string;
  source_type: TransferSourceType | null;
  source_id: string | null;
  entry_id: string | null;
  reversal_entry_id: string | null;
  decided_by: string | null;
  decided_at: TimestampNullable;
  created_at: Timestamp;
}

// Teilen: resources and bookings (migration 20261125_1101_sharing)
export const resourceKinds = ['room', 'equipment', 'vehicle', 'giveaway', 'skill', 'service'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export const bookingStatuses = [
  'requested',
  'approved',
  'declined',
  'cancelled',
  'handed_over',
  'returned',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export interface ResourceTable {
  network_id: string;
  id: Generated<string>;
  kind: ResourceKind;
  owner_type: 'organisation' | 'person';
  organisation_id: string | null;
  person_id: string | null;
  title: string;
  description: Generated<string>;
  district_id: string | null;
  lat: number | null;
  lng: number | null;
  approximate: Generated<boolean>;
  public_lat: number | null;
  public_lng: number | null;
  who_may_borrow: Generated<'members' | 'everyone'>;
  deposit_cents: Generated<number>;
  fee_cents: Generated<number>;
  fee_note: Generated<string>;
  rules: Generated<string>;
  accessibility: Generated<string>;
  capacity: number | null;
  auto_approve: Generated<boolean>;
  buffer_minutes: Generated<number>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * The unfiltered map summed per cell of the base grid (migration 20261127_0900): kept exact by
 * triggers on resource, read by clusterResources at low zoom.
 */
export interface ResourceMapCellTable {
  network_id: string;
  gx: number;
  gy: number;
  n: number;
  /** Σ map_e6(public_lat): whole millionths of a degree */
  sum_lat_e6: number;
  sum_lng_e6: number;
  /** the smallest id in the cell */
  one_id: string | null;
}

export interface ResourceAvailabilityTable {
  network_id: string;
  id: Generated<string>;
  resource_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
}

export interface ResourceBlockedPeriodTable {
  network_id: string;
  id: Generated<string>;
  resource_id: string;
  period: string;
  reason: Generated<string>;
  created_at: Timestamp;
}

export interface BookingTable {
  network_id: string;
  id: Generated<string>;
  resource_id: string;
  requester_id: string;
  organisation_id: string | null;
  series_id: string | null;
  period: string;
  buffered_period: ColumnType<string, string | undefined, string | undefined>;
  buffer_minutes: Generated<number>;
  status: Generated<BookingStatus>;
  note: Generated<string>;
  decision_note: Generated<string>;
  handover_note: Generated<string>;
  return_note: Generated<string>;
  decided_by: string | null;
  decided_at: TimestampNullable;
  handed_over_at: TimestampNullable;
  returned_at: TimestampNullable;
  cancelled_at: TimestampNullable;
  created_at: Timestamp;
}

export interface CalendarFeedTable {
  network_id: string;
  token_hash: string;
  kind: 'resource' | 'person';
  resource_id: string | null;
  account_id: string | null;
  created_by: string;
  created_at: Timestamp;
  revoked_at: TimestampNullable;
}

export interface ResourcePhotoTable {
  network_id: string;
  id: Generated<string>;
  resource_id: string;
  position: Generated<number>;
  alt: string;
  content_type: 'image/webp';
  width: number;
  height: number;
  bytes: Buffer;
  thumb: Buffer;
  created_by: string;
  created_at: Timestamp;
}

export const exchangeCategories = ['skill', 'help', 'item', 'lesson', 'transport', 'other'] as const;
export type ExchangeCategory = (typeof exchangeCategories)[number];

export interface ExchangePostTable {
  network_id: string;
  id: Generated<string>;
  kind: 'offer' | 'want';
  author_id: string;
  organisation_id: string | null;
  category: ExchangeCategory;
  title: string;
  description: Generated<string>;
  district_id: string | null;
  time_credit_minutes: number | null;
  status: Generated<'open' | 'closed'>;
  expires_at: Timestamp;
  reminded_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExchangeMessageTable {
  network_id: string;
  id: Generated<string>;
  post_id: string;
  sender_id: string;
  recipient_id: string;
  body: string;
  created_at: Timestamp;
  read_at: TimestampNullable;
}

// Unterstützungskreise (migration 20261125_1200_circles)
export const circleRoles = ['owner', 'coordinator', 'helper', 'professional', 'viewer'] as const;
export type CircleRole = (typeof circleRoles)[number];
export const circleVisibilities = ['all_members', 'coordinators_professionals', 'owner_only'] as const;
export type CircleVisibility = (typeof circleVisibilities)[number];
export const consentScopes = ['care_calendar', 'network_map', 'updates', 'team'] as const;
export type ConsentScope = (typeof consentScopes)[number];
export const needKinds = ['ride', 'shopping', 'visit', 'meal', 'appointment', 'other'] as const;
export type NeedKind = (typeof needKinds)[number];
export const mapSectors = ['family', 'friends_neighbours', 'work_school_clubs', 'professional'] as const;
export type MapSector = (typeof mapSectors)[number];
export const tieQualities = ['supportive', 'ambivalent', 'conflict'] as const;
export type TieQuality = (typeof tieQualities)[number];
export const supportKinds = ['practical', 'emotional', 'information', 'care', 'money'] as const;
export type SupportKind = (typeof supportKinds)[number];

export interface CircleTable {
  network_id: string;
  id: Generated<string>;
  person_label: string;
  person_email: string | null;
  person_account_id: string | null;
  organisation_id: string | null;
  created_by: string;
  status: Generated<'active' | 'deletion_requested'>;
  deletion_requested_at: TimestampNullable;
  purge_after: TimestampNullable;
  alert_hours: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CircleConsentTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  version: number;
  kind: 'granted' | 'withdrawn';
  given_by: 'person' | 'legal_guardian';
  guardian_name: string | null;
  method: 'in_person' | 'written' | 'digital';
  scope: ConsentScope[];
  given_at: Timestamp;
  note: Generated<string>;
  organisation_id: string | null;
  legal_basis: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface CircleMemberTable {
  network_id: string;
  circle_id: string;
  account_id: string;
  role: CircleRole;
  notify_needs: Generated<boolean>;
  notify_updates: Generated<boolean>;
  notify_reminders: Generated<boolean>;
  notify_email: Generated<boolean>;
  reminder_hours: Generated<number>;
  joined_at: Timestamp;
}

export interface CircleInvitationTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  token_hash: string;
  role: Exclude<CircleRole, 'owner'> | 'person';
  email: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: TimestampNullable;
  used_by: string | null;
  revoked_at: TimestampNullable;
}

export interface CircleNeedSeriesTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  first_start: Timestamp;
  duration_minutes: number;
  until_date: string | null;
  materialised_until: Timestamp;
  created_at: Timestamp;
}

export interface CircleNeedTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  series_id: string | null;
  kind: NeedKind;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: Generated<string>;
  notes: Generated<string>;
  visibility: Generated<CircleVisibility>;
  claimed_by: string | null;
  claimed_at: TimestampNullable;
  done_at: TimestampNullable;
  done_by: string | null;
  thanks: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  /** the time credit paid to the helper when it was marked done (migration 20261125_1600_need_credit) */
  credit_transfer_id: Generated<string | null>;
}

export interface CircleFeedTable {
  network_id: string;
  token_hash: string;
  circle_id: string;
  account_id: string;
  created_at: Timestamp;
  revoked_at: TimestampNullable;
}

export interface CircleMapEntryTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  sector: MapSector;
  ring: number;
  label: string;
  show_label: Generated<boolean>;
  account_id: string | null;
  quality: Generated<TieQuality>;
  support: Generated<SupportKind[]>;
  note: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CircleMapTieTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  a_entry_id: string;
  b_entry_id: string;
  quality: Generated<TieQuality>;
  support: Generated<SupportKind[]>;
  created_at: Timestamp;
}

export interface CircleMapSnapshotTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  title: Generated<string>;
  data: Json<unknown>;
  created_by: string;
  taken_at: Timestamp;
}

export interface CircleUpdateTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  author_id: string;
  body: string;
  visibility: CircleVisibility;
  created_at: Timestamp;
}

export interface CircleCommentTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  update_id: string;
  author_id: string;
  body: string;
  visibility: CircleVisibility;
  created_at: Timestamp;
}

export type CircleAttachmentKind = 'image' | 'pdf';

export interface CircleAttachmentTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  update_id: string;
  position: number;
  kind: CircleAttachmentKind;
  name: string;
  alt: Generated<string>;
  content_type: 'image/webp' | 'application/pdf';
  size: number;
  width: number | null;
  height: number | null;
  bytes: Buffer;
  thumb: Buffer | null;
  created_by: string;
  created_at: Timestamp;
}

export interface CircleTeamMemberTable {
  network_id: string;
  id: Generated<string>;
  circle_id: string;
  name: string;
  organisation_name: Generated<string>;
  organisation_id: string | null;
  role_title: Generated<string>;
  contact: Generated<string>;
  account_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface DB {
  network: NetworkTable;
  district: DistrictTable;
  account: AccountTable;
  profile: ProfileTable;
  organisation: OrganisationTable;
  membership: MembershipTable;
  session: SessionTable;
  one_time_token: OneTimeTokenTable;
  auth_failure: AuthFailureTable;
  outbox_email: OutboxEmailTable;
  notification: NotificationTable;
  audit_log: AuditLogTable;
  search_document: SearchDocumentTable;
  flag: FlagTable;
  hidden_content: HiddenContentTable;
  job: JobTable;
  interaction: InteractionTable;
  interaction_cooldown: InteractionCooldownTable;
  timebank_account: TimebankAccountTable;
  timebank_entry: TimebankEntryTable;
  timebank_line: TimebankLineTable;
  timebank_transfer: TimebankTransferTable;
  resource: ResourceTable;
  resource_map_cell: ResourceMapCellTable;
  resource_availability: ResourceAvailabilityTable;
  resource_blocked_period: ResourceBlockedPeriodTable;
  booking: BookingTable;
  calendar_feed: CalendarFeedTable;
  resource_photo: ResourcePhotoTable;
  exchange_post: ExchangePostTable;
  exchange_message: ExchangeMessageTable;
  circle: CircleTable;
  circle_consent: CircleConsentTable;
  circle_member: CircleMemberTable;
  circle_invitation: CircleInvitationTable;
  circle_need_series: CircleNeedSeriesTable;
  circle_need: CircleNeedTable;
  circle_feed: CircleFeedTable;
  circle_map_entry: CircleMapEntryTable;
  circle_map_tie: CircleMapTieTable;
  circle_map_snapshot: CircleMapSnapshotTable;
  circle_update: CircleUpdateTable;
  circle_comment: CircleCommentTable;
  circle_attachment: CircleAttachmentTable;
  circle_team_member: CircleTeamMemberTable;
  opportunity: OpportunityTable;
  opportunity_organisation: OpportunityOrganisationTable;
  shift: ShiftTable;
  shift_signup: ShiftSignupTable;
  participation_settings: ParticipationSettingsTable;
  hours_entry: HoursEntryTable;
  playbook_page: PlaybookPageTable;
  playbook_revision: PlaybookRevisionTable;
}

// Mitmachen (migrations 20261125_1300_participation, 20261125_1301_playbook, 20261126_0900_opportunity_partner_consent)
export const ladderLevels = ['mini', 'event_project', 'regular', 'codesign_role'] as const;
export type LadderLevel = (typeof ladderLevels)[number];
export const opportunityModes = ['online', 'on_site', 'hybrid'] as const;
export type OpportunityMode = (typeof opportunityModes)[number];
export const opportunityStatuses = ['draft', 'published', 'closed'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];
export const signupStatuses = ['signed_up', 'waitlisted', 'withdrawn', 'checked_in', 'no_show'] as const;
export type SignupStatus = (typeof signupStatuses)[number];
export const hoursStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type HoursStatus = (typeof hoursStatuses)[number];
/** An organisation named to run an opportunity: invited until one of its coordinators accepts. */
export const partnerStatuses = ['invited', 'accepted'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export interface OpportunityTable {
  network_id: string;
  id: Generated<string>;
  level: LadderLevel;
  title: string;
  description: Generated<string>;
  mode: OpportunityMode;
  district_id: string | null;
  place: Generated<string>;
  lat: number | null;
  lng: number | null;
  skills: Generated<string[]>;
  languages: Generated<string[]>;
  accessibility: Generated<string>;
  min_age: number | null;
  needs_police_clearance: Generated<boolean>;
  effort_minutes: number | null;
  status: Generated<OpportunityStatus>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OpportunityOrganisationTable {
  network_id: string;
  opportunity_id: string;
  organisation_id: string;
  is_lead: Generated<boolean>;
  /** only 'accepted' rows run the opportunity; the lead is always accepted (CHECK) */
  status: Generated<PartnerStatus>;
  added_at: Timestamp;
}

export interface ShiftTable {
  network_id: string;
  id: Generated<string>;
  opportunity_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  signed_up: Generated<number>;
  waitlist_enabled: Generated<boolean>;
  note: Generated<string>;
  created_at: Timestamp;
}

export interface ShiftSignupTable {
  network_id: string;
  id: Generated<string>;
  shift_id: string;
  account_id: string;
  status: SignupStatus;
  queue_no: Generated<number>;
  created_at: Timestamp;
  promoted_at: TimestampNullable;
  withdrawn_at: TimestampNullable;
  checked_in_at: TimestampNullable;
  checked_in_by: string | null;
  reminded_at: TimestampNullable;
}

export interface ParticipationSettingsTable {
  network_id: string;
  organisation_id: string;
  credit_minutes_per_hour: Generated<number>;
  updated_at: Timestamp;
}

export interface HoursEntryTable {
  network_id: string;
  id: Generated<string>;
  account_id: string;
  organisation_id: string;
  opportunity_id: string | null;
  shift_id: string | null;
  signup_id: string | null;
  activity: string;
  occurred_on: string;
  minutes: number;
  source: 'check_in' | 'logged';
  status: Generated<HoursStatus>;
  decided_by: string | null;
  decided_at: TimestampNullable;
  decision_note: Generated<string>;
  credit_minutes: number | null;
  credit_transfer_id: string | null;
  created_at: Timestamp;
}

export interface PlaybookPageTable {
  network_id: string;
  id: Generated<string>;
  current_revision: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookChannel {
  channel: string;
  reached: string;
}

export interface PlaybookRevisionTable {
  network_id: string;
  page_id: string;
  revision: number;
  title: string;
  body: Generated<string>;
  tags: Generated<string[]>;
  channels: Json<PlaybookChannel[]>;
  summary: Generated<string>;
  author_id: string | null;
  organisation_id: string | null;
  created_at: Timestamp;
}

export type Account = Selectable<AccountTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Membership = Selectable<MembershipTable>;
export type District = Selectable<DistrictTable>;
