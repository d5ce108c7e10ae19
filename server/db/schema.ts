import type { Insertable, Selectable, SelectType } from 'kysely';
import type { DB } from './database.generated.ts';

export type { AvailabilitySlot, NetworkSettings, PlaybookChannel } from './columns.ts';
/**
 * Kysely's view of the tables is generated from the migrated database (database.generated.ts,
 * `npm run db:types`); this file keeps the domain's lists of values that the code iterates over,
 * each checked at compile time against the CHECK constraint of its column (see the end).
 */
export type { DB };

/** The values a column may hold, as the generated types say (null left out; an array's element). */
type Value<T extends keyof DB, C extends keyof DB[T]> =
  NonNullable<SelectType<DB[T][C]>> extends readonly (infer E)[] ? E : NonNullable<SelectType<DB[T][C]>>;

export type Account = Selectable<DB['account']>;
export type Organisation = Selectable<DB['organisation']>;
export type NewOrganisation = Insertable<DB['organisation']>;
export type Membership = Selectable<DB['membership']>;
export type District = Selectable<DB['district']>;

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

export const membershipRoles = ['admin', 'staff', 'volunteer'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/**
 * The kinds of help a person looks for (the first tap of "Ich suche Hilfe",
 * web/src/features/help/needs.ts) and an organisation's services name (migration
 * 20261209_0900_organisation_services).
 */
export const helpKinds = [
  'shopping',
  'escort',
  'visit',
  'household',
  'digital',
  'advice',
  'care',
  'rides',
  'borrow',
  'learning',
] as const;
export type HelpKind = (typeof helpKinds)[number];
/** Where an organisation's service takes place: at its address, at another one, at no fixed place. */
export const servicePlaces = ['organisation', 'elsewhere', 'none'] as const;
export type ServicePlace = (typeof servicePlaces)[number];

export const flagReasons = ['spam', 'abuse', 'privacy', 'illegal', 'other'] as const;
export type FlagReason = (typeof flagReasons)[number];

/** Who may find a search entry (platform/search.ts): everyone, people signed in, one organisation's members. */
export const searchVisibilities = ['public', 'signed_in', 'members'] as const;
export type SearchVisibility = (typeof searchVisibilities)[number];

export const areas = ['knowledge', 'participation', 'codesign', 'sharing', 'support', 'places'] as const;
export type Area = (typeof areas)[number];
export type PartyType = Value<'interaction', 'a_type'>;
export type InteractionStatus = Value<'interaction', 'status'>;

// Teilen: time bank (migration 20261125_1100_timebank)
export type TimebankOwnerType = Value<'timebank_account', 'owner_type'>;
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

export const exchangeCategories = ['skill', 'help', 'item', 'lesson', 'transport', 'other'] as const;
export type ExchangeCategory = (typeof exchangeCategories)[number];

// Unterstützungskreise (migrations 20261125_1200_circles, 20261206_1000_circle_relative_role,
// 20261206_1030_circle_representative_invitation)
export const circleRoles = ['owner', 'coordinator', 'helper', 'relative', 'professional', 'viewer'] as const;
export type CircleRole = (typeof circleRoles)[number];
/** An invitation makes an owner of the person at the centre or of their representative; any other role as itself. */
export type CircleInvitationRole = Exclude<CircleRole, 'owner'> | 'person' | 'representative';
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
export type CircleAttachmentKind = Value<'circle_attachment', 'kind'>;

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

// Wissen (migration 20261206_1110_knowledge; each part's own tables in its migrations after it)
export const discussionThemes = [
  'everyday',
  'family',
  'age',
  'health',
  'mobility',
  'housing',
  'environment',
  'culture',
  'youth',
  'work',
  'other',
] as const;
export type DiscussionTheme = (typeof discussionThemes)[number];
/** A post or thread of a new account waits for a moderator (first-post review). */
export const reviewStatuses = ['visible', 'pending', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const newsStatuses = ['draft', 'published'] as const;
export type NewsStatus = (typeof newsStatuses)[number];
export const mapReportKinds = ['defect', 'suggestion', 'good_place', 'missing_offer'] as const;
export type MapReportKind = (typeof mapReportKinds)[number];
export const mapReportCategories = [
  'mobility',
  'accessibility',
  'green',
  'safety',
  'cleanliness',
  'youth',
  'age',
  'culture',
  'health',
  'other',
] as const;
export type MapReportCategory = (typeof mapReportCategories)[number];
export const mapReportStatuses = [
  'new',
  'confirmed',
  'forwarded',
  'in_progress',
  'done',
  'rejected',
] as const;
export type MapReportStatus = (typeof mapReportStatuses)[number];
/** What a person can follow (notifications of what is new there, and the digest). */
export const followTargets = [
  'discussion_thread',
  'organisation',
  'district',
  'wiki_page',
  'map_report',
] as const;
export type FollowTarget = (typeof followTargets)[number];
/** What has an owner and a review interval (freshness). */
export const freshnessTargets = ['wiki_page', 'map_report'] as const;
export type FreshnessTarget = (typeof freshnessTargets)[number];
/** How often a person gets the digest of what they follow (off until they choose). */
export const digestFrequencies = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];
/** What a wiki page's attachment is: an image (re-encoded as WebP) or a PDF document. */
export const wikiAttachmentKinds = ['image', 'pdf'] as const;
export type WikiAttachmentKind = (typeof wikiAttachmentKinds)[number];
// Wissen, dossiers (migration 20261206_1250_dossiers)
/** A dossier's handling: a draft, then sent, received, on a committee's agenda, answered. */
export const dossierStatuses = ['draft', 'sent', 'received', 'on_agenda', 'answered'] as const;
export type DossierStatus = (typeof dossierStatuses)[number];
/** The steps of its history (every status but the draft). */
export const dossierSteps = ['sent', 'received', 'on_agenda', 'answered'] as const;
export type DossierStep = (typeof dossierSteps)[number];
/** What may be evidence in a dossier. */
export const dossierItemTypes = ['map_report', 'discussion_thread', 'discussion_post', 'wiki_page'] as const;
export type DossierItemType = (typeof dossierItemTypes)[number];

// Räume & Brücken (migration 20261208_0900_places_communities; each part's own tables after it)
/** Where a community meets: in one place, across towns, or online only. */
export const communitySpaces = ['local', 'translocal', 'online'] as const;
export type CommunitySpace = (typeof communitySpaces)[number];
export const communityJoinings = ['open', 'request'] as const;
export type CommunityJoining = (typeof communityJoinings)[number];
export const communityRoles = ['owner', 'moderator', 'member'] as const;
export type CommunityRole = (typeof communityRoles)[number];
export const communityMemberStatuses = ['requested', 'active'] as const;
export type CommunityMemberStatus = (typeof communityMemberStatuses)[number];
// Räume & Brücken, events (migration 20261208_1100_places_events); registrations take signupStatuses
/** Who may see an event: everyone, or the host's members only. */
export const placeEventVisibilities = ['public', 'members'] as const;
export type PlaceEventVisibility = (typeof placeEventVisibilities)[number];
export const placeEventStatuses = ['scheduled', 'cancelled'] as const;
export type PlaceEventStatus = (typeof placeEventStatuses)[number];

// Räume & Brücken: bridges worth building (migration 20261208_1300_places_bridges)
export const bridgeStatuses = ['open', 'accepted', 'not_now', 'introduced'] as const;
export type BridgeStatus = (typeof bridgeStatuses)[number];
/** What the two sides' things have in common (areas/places/bridges/themes.ts words each). */
export const bridgeThemes = [
  'space',
  'food',
  'transport',
  'tools',
  'digital',
  'language',
  'print',
  'children',
  'companionship',
  'sport',
  'garden',
] as const;
export type BridgeTheme = (typeof bridgeThemes)[number];
export const bridgeOfferTypes = ['resource', 'exchange_offer'] as const;
export type BridgeOfferType = (typeof bridgeOfferTypes)[number];
export const bridgeNeedTypes = ['exchange_want', 'opportunity', 'community'] as const;
export type BridgeNeedType = (typeof bridgeNeedTypes)[number];
export const bridgeOutcomes = ['interaction', 'met', 'not_met'] as const;
export type BridgeOutcome = (typeof bridgeOutcomes)[number];

// Mitgestalten (migration 20261206_1400_codesign; each part's own tables in its migrations after it)
/** The steps of a co-design project, in the order a full project goes through them. */
export const codesignPhaseKinds = [
  'needs',
  'goals',
  'ideas',
  'decide',
  'commit',
  'implement',
  'review',
] as const;
export type CodesignPhaseKind = (typeof codesignPhaseKinds)[number];
/** The tools a phase can use; what each does is configured in areas/codesign/projects/tools.ts. */
export const codesignToolKinds = ['ideas', 'consensus', 'dots', 'ranking', 'survey', 'meeting'] as const;
export type CodesignToolKind = (typeof codesignToolKinds)[number];
export const codesignTemplates = ['full', 'short', 'survey', 'custom'] as const;
export type CodesignTemplate = (typeof codesignTemplates)[number];
export const codesignVisibilities = ['public', 'members'] as const;
export type CodesignVisibility = (typeof codesignVisibilities)[number];
export const codesignJoinings = ['invitation', 'link', 'open'] as const;
export type CodesignJoining = (typeof codesignJoinings)[number];
export const codesignProjectStatuses = ['draft', 'active', 'closed'] as const;
export type CodesignProjectStatus = (typeof codesignProjectStatuses)[number];
export const codesignParticipantRoles = ['participant', 'facilitator'] as const;
export type CodesignParticipantRole = (typeof codesignParticipantRoles)[number];
export const codesignParticipantStatuses = ['invited', 'active', 'left'] as const;
export type CodesignParticipantStatus = (typeof codesignParticipantStatuses)[number];
export const codesignJoinedVia = ['organiser', 'invitation', 'link', 'open', 'assisted'] as const;
export type CodesignJoinedVia = (typeof codesignJoinedVia)[number];
/** The groups a project counts in "who is affected vs who took part". */
export const codesignAgeBands = ['under_18', '18_29', '30_49', '50_64', '65_79', '80_plus'] as const;
export type CodesignAgeBand = (typeof codesignAgeBands)[number];
export const codesignStakes = [
  'service_user',
  'relative',
  'volunteer',
  'staff',
  'resident',
  'other',
] as const;
export type CodesignStake = (typeof codesignStakes)[number];
/** How a person agreed that staff enter contributions for them. */
export const codesignConsents = ['in_person', 'paper', 'phone'] as const;
export type CodesignConsent = (typeof codesignConsents)[number];
/** How a contribution reached the project. */
export const codesignChannels = ['online', 'paper', 'phone', 'meeting'] as const;
export type CodesignChannel = (typeof codesignChannels)[number];
export const codesignEnteredRoles = ['admin', 'staff', 'volunteer', 'facilitator'] as const;
export type CodesignEnteredRole = (typeof codesignEnteredRoles)[number];
/** The ideas part (migration 20261206_1420_codesign_ideas): a point's side, and what facilitators mark an idea as. */
export const codesignPointSides = ['pro', 'contra'] as const;
export type CodesignPointSide = (typeof codesignPointSides)[number];
export const codesignIdeaMarks = ['selected'] as const;
export type CodesignIdeaMark = (typeof codesignIdeaMarks)[number];
// consensus (migration 20261206_1430_codesign_consensus)
/** A participant's stance on a proposal, as in Loomio. */
export const codesignStances = ['agree', 'abstain', 'disagree', 'block'] as const;
export type CodesignStance = (typeof codesignStances)[number];
/** What came of a proposal once it closed. */
export const codesignOutcomes = ['decided', 'not_decided', 'changed'] as const;
export type CodesignOutcome = (typeof codesignOutcomes)[number];
// Mitgestalten, commitments (migration 20261206_1470_codesign_commitments)
/** What a commitment promises: a booking (a room or resource), a loan, shifts or a whole opportunity, time credits, a task. */
export const codesignCommitmentKinds = [
  'booking',
  'loan',
  'shifts',
  'opportunity',
  'credits',
  'task',
] as const;
export type CodesignCommitmentKind = (typeof codesignCommitmentKinds)[number];
export const codesignCommitmentStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type CodesignCommitmentStatus = (typeof codesignCommitmentStatuses)[number];
export const codesignMeasureTypes = ['proposal', 'idea'] as const;
export type CodesignMeasureType = (typeof codesignMeasureTypes)[number];
/** The groups a meeting's attendance is counted by (migration 20261206_1460_codesign_offline). */
export const codesignAttendanceDimensions = ['district', 'age_band', 'stake', 'language'] as const;
export type CodesignAttendanceDimension = (typeof codesignAttendanceDimensions)[number];
/** How a tally's totals were counted: a paper poster or a show of hands at a meeting. */
export const codesignTallyChannels = ['paper', 'meeting'] as const;
export type CodesignTallyChannel = (typeof codesignTallyChannels)[number];
// Mitgestalten, accountability (migration 20261206_1480_codesign_accountability)
/** The kinds of group a project counts in "who is affected vs who took part". */
export const codesignDimensions = ['district', 'age_band', 'stake', 'language'] as const;
export type CodesignDimension = (typeof codesignDimensions)[number];
export const codesignOutcomeStatuses = [
  'planned',
  'on_track',
  'delayed',
  'achieved',
  'partly_achieved',
  'not_achieved',
  'abandoned',
] as const;
export type CodesignOutcomeStatus = (typeof codesignOutcomeStatuses)[number];
/** A survey question's kind (migration 20261206_1450_codesign_surveys). */
export const codesignSurveyQuestionKinds = ['single', 'multiple', 'scale', 'text', 'date'] as const;
export type CodesignSurveyQuestionKind = (typeof codesignSurveyQuestionKinds)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/**
 * Each list above holds exactly the values its columns' CHECK constraints allow: a migration that
 * adds or drops one fails `npm run typecheck` here until the list follows.
 */
export type ListsMatchTheDatabase = [
  Holds<Same<OrganisationKind, Value<'organisation', 'kind'>>>,
  Holds<Same<Sector, Value<'organisation', 'sector'>>>,
  Holds<Same<DigestFrequency, Value<'knowledge_digest_setting', 'frequency'>>>,
  Holds<Same<MembershipRole, Value<'membership', 'role'>>>,
  Holds<Same<MembershipRole, Value<'one_time_token', 'role'>>>,
  Holds<Same<FlagReason, Value<'flag', 'reason'>>>,
  Holds<Same<SearchVisibility, Value<'search_document', 'visibility'>>>,
  Holds<Same<Area, Value<'interaction', 'area'>>>,
  Holds<Same<PartyType, Value<'interaction', 'b_type'>>>,
  Holds<Same<TransferStatus, Value<'timebank_transfer', 'status'>>>,
  Holds<Same<TransferSourceType, Value<'timebank_transfer', 'source_type'>>>,
  Holds<Same<ResourceKind, Value<'resource', 'kind'>>>,
  Holds<Same<BookingStatus, Value<'booking', 'status'>>>,
  Holds<Same<ExchangeCategory, Value<'exchange_post', 'category'>>>,
  Holds<Same<CircleRole, Value<'circle_member', 'role'>>>,
  Holds<Same<CircleInvitationRole, Value<'circle_invitation', 'role'>>>,
  Holds<Same<CircleVisibility, Value<'circle_need', 'visibility'>>>,
  Holds<Same<CircleVisibility, Value<'circle_update', 'visibility'>>>,
  Holds<Same<CircleVisibility, Value<'circle_comment', 'visibility'>>>,
  Holds<Same<ConsentScope, Value<'circle_consent', 'scope'>>>,
  Holds<Same<NeedKind, Value<'circle_need', 'kind'>>>,
  Holds<Same<MapSector, Value<'circle_map_entry', 'sector'>>>,
  Holds<Same<TieQuality, Value<'circle_map_entry', 'quality'>>>,
  Holds<Same<TieQuality, Value<'circle_map_tie', 'quality'>>>,
  Holds<Same<SupportKind, Value<'circle_map_entry', 'support'>>>,
  Holds<Same<SupportKind, Value<'circle_map_tie', 'support'>>>,
  Holds<Same<LadderLevel, Value<'opportunity', 'level'>>>,
  Holds<Same<OpportunityMode, Value<'opportunity', 'mode'>>>,
  Holds<Same<OpportunityStatus, Value<'opportunity', 'status'>>>,
  Holds<Same<SignupStatus, Value<'shift_signup', 'status'>>>,
  Holds<Same<HoursStatus, Value<'hours_entry', 'status'>>>,
  Holds<Same<PartnerStatus, Value<'opportunity_organisation', 'status'>>>,
  Holds<Same<SearchVisibility, Value<'wiki_page', 'visibility'>>>,
  Holds<Same<SearchVisibility, Value<'news_post', 'visibility'>>>,
  Holds<Same<NewsStatus, Value<'news_post', 'status'>>>,
  Holds<Same<DiscussionTheme, Value<'discussion_thread', 'theme'>>>,
  Holds<Same<ReviewStatus, Value<'discussion_thread', 'review_status'>>>,
  Holds<Same<ReviewStatus, Value<'discussion_post', 'review_status'>>>,
  Holds<Same<MapReportKind, Value<'map_report', 'kind'>>>,
  Holds<Same<MapReportCategory, Value<'map_report', 'category'>>>,
  Holds<Same<MapReportStatus, Value<'map_report', 'status'>>>,
  Holds<Same<MapReportStatus, Value<'map_report_status_change', 'from_status'>>>,
  Holds<Same<MapReportStatus, Value<'map_report_status_change', 'to_status'>>>,
  Holds<Same<FollowTarget, Value<'knowledge_follow', 'target_type'>>>,
  Holds<Same<FreshnessTarget, Value<'knowledge_outdated', 'target_type'>>>,
  Holds<Same<FreshnessTarget, Value<'knowledge_review_reminder', 'target_type'>>>,
  Holds<Same<WikiAttachmentKind, Value<'wiki_attachment', 'kind'>>>,
  Holds<Same<DossierStatus, Value<'dossier', 'status'>>>,
  Holds<Same<DossierStep, Value<'dossier_step', 'step'>>>,
  Holds<Same<DossierItemType, Value<'dossier_item', 'item_type'>>>,
  Holds<Same<CodesignPhaseKind, Value<'codesign_phase', 'kind'>>>,
  Holds<Same<CodesignToolKind, Value<'codesign_tool', 'kind'>>>,
  Holds<Same<CodesignTemplate, Value<'codesign_project', 'template'>>>,
  Holds<Same<CodesignVisibility, Value<'codesign_project', 'visibility'>>>,
  Holds<Same<CodesignJoining, Value<'codesign_project', 'joining'>>>,
  Holds<Same<CodesignProjectStatus, Value<'codesign_project', 'status'>>>,
  Holds<Same<CodesignParticipantRole, Value<'codesign_participant', 'role'>>>,
  Holds<Same<CodesignParticipantStatus, Value<'codesign_participant', 'status'>>>,
  Holds<Same<CodesignJoinedVia, Value<'codesign_participant', 'joined_via'>>>,
  Holds<Same<CodesignAgeBand, Value<'codesign_participant', 'age_band'>>>,
  Holds<Same<CodesignStake, Value<'codesign_participant', 'stake'>>>,
  Holds<Same<CodesignConsent, Value<'codesign_participant', 'consent'>>>,
  Holds<Same<CodesignChannel, Value<'codesign_contribution', 'channel'>>>,
  Holds<Same<CodesignEnteredRole, Value<'codesign_contribution', 'entered_role'>>>,
  Holds<Same<CodesignPointSide, Value<'codesign_idea_point', 'side'>>>,
  Holds<Same<CodesignIdeaMark, Value<'codesign_idea', 'mark'>>>,
  Holds<Same<CodesignStance, Value<'codesign_stance', 'stance'>>>,
  Holds<Same<CodesignOutcome, Value<'codesign_proposal', 'outcome'>>>,
  Holds<Same<CodesignCommitmentKind, Value<'codesign_commitment', 'kind'>>>,
  Holds<Same<CodesignCommitmentStatus, Value<'codesign_commitment', 'status'>>>,
  Holds<Same<CodesignMeasureType, Value<'codesign_commitment', 'measure_type'>>>,
  Holds<Same<CodesignAttendanceDimension, Value<'codesign_meeting_attendance', 'dimension'>>>,
  Holds<Same<CodesignTallyChannel, Value<'codesign_tally', 'channel'>>>,
  Holds<Same<CodesignDimension, Value<'codesign_affected_group', 'dimension'>>>,
  Holds<Same<CodesignOutcomeStatus, Value<'codesign_outcome', 'status'>>>,
  Holds<Same<CodesignSurveyQuestionKind, Value<'codesign_survey_question', 'kind'>>>,
  Holds<Same<CommunitySpace, Value<'community', 'space'>>>,
  Holds<Same<CommunityJoining, Value<'community', 'joining'>>>,
  Holds<Same<CommunityRole, Value<'community_member', 'role'>>>,
  Holds<Same<CommunityMemberStatus, Value<'community_member', 'status'>>>,
  Holds<Same<BridgeStatus, Value<'bridge_suggestion', 'status'>>>,
  Holds<Same<BridgeTheme, Value<'bridge_suggestion', 'theme'>>>,
  Holds<Same<BridgeOfferType, Value<'bridge_suggestion', 'offer_type'>>>,
  Holds<Same<BridgeNeedType, Value<'bridge_suggestion', 'need_type'>>>,
  Holds<Same<BridgeOutcome, Value<'bridge_suggestion', 'outcome'>>>,
  Holds<Same<PlaceEventVisibility, Value<'place_event', 'visibility'>>>,
  Holds<Same<PlaceEventStatus, Value<'place_event', 'status'>>>,
  Holds<Same<SignupStatus, Value<'place_event_registration', 'status'>>>,
  Holds<Same<HelpKind, Value<'organisation_service', 'help_kinds'>>>,
  Holds<Same<ServicePlace, Value<'organisation_service', 'place'>>>,
];
