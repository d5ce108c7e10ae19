import type { CircleInvitationRole, CircleRole, CircleVisibility, ConsentScope } from '../../../db/schema.ts';
import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../policies/actor.ts';

/**
 * What the policy knows about one circle and one actor: the actor's role in it (null for anyone who is
 * not a member, instance admins included), whether the circle is live (an active consent record and
 * no deletion pending), which parts the consent covers, and whether it is still being prepared.
 */
export interface CircleAccess {
  role: CircleRole | null;
  live: boolean;
  scope: ReadonlySet<ConsentScope>;
  /**
   * Nobody owns the circle yet: a professional opened it for a person who has not accepted their
   * invitation (nor has a legal representative). Until one of them does, it is only being prepared.
   */
  preparing: boolean;
}

export type InvitableRole = CircleInvitationRole;

/** One member as the actor looks at them: their role, and who each of the two is. */
export interface MemberTarget {
  role: CircleRole;
  /** the member is the actor */
  self: boolean;
  actorIsPerson: boolean;
  /** the member is the person at the centre */
  targetIsPerson: boolean;
}

/** One need as the actor looks at it: not yet done, claimed by someone, claimed by the actor. */
export interface NeedState {
  open: boolean;
  claimed: boolean;
  mine: boolean;
}

/**
 * What decides whether a circle is live: its status and the kind of its latest consent record (null
 * when it has none). The repositories read the latest record in one place (`latestConsentKind`).
 */
export interface CircleState {
  status: 'active' | 'deletion_requested';
  consent_kind: 'granted' | 'withdrawn' | null;
}

/**
 * A circle is live while no deletion is pending and its latest consent record grants; otherwise it is
 * frozen: only its owner reads it, nobody changes it, it accepts no members and sends no alerts.
 */
export const isLive = (c: CircleState) => c.status === 'active' && c.consent_kind === 'granted';

/**
 * Those who organise a circle: the owner and the coordinators. They see the person's email and the
 * members', may give back or mark done a need someone else claimed, and hear of needs nobody claimed.
 */
export const organiserRoles = ['owner', 'coordinator'] as const satisfies readonly CircleRole[];
export const organises = (c: { role: CircleRole | null }) =>
  c.role !== null && (organiserRoles as readonly CircleRole[]).includes(c.role);

/**
 * Those who lend a hand: helpers and relatives (Angehörige). A relative has exactly a helper's rights —
 * the role says who they are to the person, not what they may do; a relative who plans with the person
 * is made a coordinator like anyone else.
 */
export const helperRoles = ['helper', 'relative'] as const satisfies readonly CircleRole[];
const helping = (role: CircleRole) => (helperRoles as readonly CircleRole[]).includes(role);

const isOwner = (c: CircleAccess) => c.role === 'owner';
const inRoles =
  (...roles: CircleRole[]) =>
  (c: CircleAccess) =>
    c.role !== null && roles.includes(c.role);

/** A part of the circle (calendar, map, updates, team) is open to the owner always, to others only under consent. */
const covered = (c: CircleAccess, part: ConsentScope) => isOwner(c) || c.scope.has(part);

/** Reading: members of a live circle; the owner also while it is frozen (withdrawn consent or deletion pending). */
const canRead = (c: CircleAccess) => c.role !== null && (c.live || isOwner(c));
/** Writing: only while the circle is live. */
const canWrite = (c: CircleAccess, ...roles: CircleRole[]) =>
  c.live && c.role !== null && roles.includes(c.role);

/** The invitations that make an owner: the person at the centre, or their legal representative. */
const ownerInvitations: readonly InvitableRole[] = ['person', 'representative'];

/**
 * While nobody owns the circle, the professional who opened it prepares it — the calendar, the map, the
 * team, the label — and invites the person (or their representative) to take it over; nobody else
 * joins, since who belongs to the circle is the owner's decision. Their every read is logged for the
 * person (as any professional's), who finds it in the access log once they own the circle.
 */
const prepares = (c: CircleAccess) => c.preparing && canWrite(c, 'professional');

const invite = (c: CircleAccess, role: InvitableRole) =>
  canWrite(c, 'owner') ||
  (canWrite(c, 'coordinator') && !ownerInvitations.includes(role) && role !== 'coordinator') ||
  (prepares(c) && ownerInvitations.includes(role));

/**
 * Unterstützungskreise. Everything is private to the circle's members; nobody else — instance admins
 * included — sees that a circle exists (the routes answer 404). The owner (the person at the centre or
 * their legal representative) sees everything and can remove anyone. A professional who opens a circle
 * for someone is never its owner: until the person or their representative takes it over, it is only
 * being prepared (see `prepares`). Without an active consent record only the owner can read, and nobody
 * can change anything except the consent itself and the deletion request.
 */
export const circlePolicy = {
  /** Anyone signed in may open a circle for themselves; staff and admins of an organisation on someone's behalf. */
  create: (actor: Actor) => isSignedIn(actor),
  createOnBehalf: (actor: Actor, organisationId: string) =>
    isSignedIn(actor) && actsFor(actor, organisationId),

  view: canRead,
  update: (c: CircleAccess) => canWrite(c, 'owner', 'coordinator') || prepares(c),
  /** The person's email address and the members': those who organise, and who prepares the circle. */
  seeEmails: (c: CircleAccess) => organises(c) || prepares(c),

  /** Consent history: the owner, and the coordinators and professionals who work under it. */
  viewConsents: (c: CircleAccess) => canRead(c) && inRoles('owner', 'coordinator', 'professional')(c),
  /** Granting (renewing) consent: the owner at any time; coordinators and professionals record a new version while live. */
  grantConsent: (c: CircleAccess) => isOwner(c) || canWrite(c, 'coordinator', 'professional'),
  withdrawConsent: (c: CircleAccess) => isOwner(c) && c.live,

  viewMembers: canRead,
  invite,
  /** Whether the actor may invite anyone at all: a helper is the role the most people may invite. */
  inviteSomeone: (c: CircleAccess) => invite(c, 'helper'),
  /** Whether the actor may invite someone to own the circle: the person at the centre or a representative. */
  inviteOwner: (c: CircleAccess) => invite(c, 'representative'),
  changeRole: (c: CircleAccess) => canWrite(c, 'owner'),
  /**
   * The owner removes anyone but an owner; coordinators remove helpers, relatives and viewers; everyone
   * but an owner may leave — except the one who prepares a circle nobody owns yet (it would be left to
   * no one; they discard it instead).
   */
  removeMember: (c: CircleAccess, target: CircleRole, self: boolean) => {
    if (!c.live || c.role === null || target === 'owner') return false;
    if (self) return !c.preparing;
    if (isOwner(c)) return true;
    return c.role === 'coordinator' && (helping(target) || target === 'viewer');
  },
  /** The person at the centre decides: they may take a proxy's ownership away; nobody removes the person. */
  removeOwner: (c: CircleAccess, actorIsPerson: boolean, targetIsPerson: boolean) =>
    c.live && isOwner(c) && actorIsPerson && !targetIsPerson,
  /** Removing this member: an owner by `removeOwner`, anyone else by `removeMember`. */
  removeThisMember: (c: CircleAccess, m: MemberTarget): boolean =>
    m.role === 'owner'
      ? circlePolicy.removeOwner(c, m.actorIsPerson, m.targetIsPerson)
      : circlePolicy.removeMember(c, m.role, m.self),
  /** An owner's role is not changed: ownership is handed over or taken away, never edited. */
  changeRoleOf: (c: CircleAccess, m: MemberTarget) => canWrite(c, 'owner') && m.role !== 'owner',
  settings: (c: CircleAccess) => c.live && c.role !== null,

  viewNeeds: (c: CircleAccess) => canRead(c) && covered(c, 'care_calendar'),
  manageNeeds: (c: CircleAccess) =>
    canWrite(c, 'owner', 'coordinator', 'professional') && covered(c, 'care_calendar'),
  claim: (c: CircleAccess) =>
    canWrite(c, 'owner', 'coordinator', ...helperRoles, 'professional') && covered(c, 'care_calendar'),
  /**
   * Marking someone else's help done with a time credit: those who organise (the owner and the
   * coordinators). Whose account pays is the time bank's policy; the helper never pays themselves.
   */
  giveCredit: (c: CircleAccess) => canWrite(c, 'owner', 'coordinator') && covered(c, 'care_calendar'),
  /** The load spread and the unclaimed overview are for those who organise. */
  viewLoad: (c: CircleAccess) =>
    canRead(c) && inRoles('owner', 'coordinator', 'professional')(c) && covered(c, 'care_calendar'),
  feed: (c: CircleAccess) => c.live && c.role !== null && covered(c, 'care_calendar'),
  /** Claiming this need: an open one nobody has claimed yet. */
  claimNeed: (c: CircleAccess, n: NeedState): boolean => n.open && !n.claimed && circlePolicy.claim(c),
  /** Giving back, or marking done, a claimed open need: whoever claimed it, or those who organise. */
  unclaimNeed: (c: CircleAccess, n: NeedState): boolean =>
    n.open && n.claimed && (n.mine || organises(c)) && c.live,
  finishNeed: (c: CircleAccess, n: NeedState) => n.open && n.claimed && (n.mine || organises(c)) && c.live,
  /** Marking done with a time credit someone else's help: the helper never credits themselves. */
  creditNeed: (c: CircleAccess, n: NeedState): boolean =>
    n.open && n.claimed && !n.mine && circlePolicy.giveCredit(c),

  viewMap: (c: CircleAccess) =>
    canRead(c) && inRoles('owner', 'coordinator', 'professional')(c) && covered(c, 'network_map'),
  editMap: (c: CircleAccess) =>
    canWrite(c, 'owner', 'coordinator', 'professional') && covered(c, 'network_map'),
  /** Full names of people without an account on the map; others see initials. */
  seeMapLabels: organises,

  viewUpdates: (c: CircleAccess) => canRead(c) && covered(c, 'updates'),
  post: (c: CircleAccess) =>
    canWrite(c, 'owner', 'coordinator', ...helperRoles, 'professional') && covered(c, 'updates'),
  deletePost: (c: CircleAccess, authorIsActor: boolean) =>
    c.live && (isOwner(c) || (authorIsActor && c.role !== null)) && covered(c, 'updates'),

  viewTeam: (c: CircleAccess) =>
    canRead(c) && inRoles('owner', 'coordinator', 'professional')(c) && covered(c, 'team'),
  editTeam: (c: CircleAccess) => canWrite(c, 'owner', 'coordinator', 'professional') && covered(c, 'team'),

  viewAccessLog: (c: CircleAccess) => isOwner(c),
  export: (c: CircleAccess) => isOwner(c),
  /** The owner; and the one who prepares a circle nobody has taken over discards it the same way. */
  requestDeletion: (c: CircleAccess) => isOwner(c) || prepares(c),

  /** Per-item visibility of needs, posts and comments; authors always see their own. */
  seeItem: (c: CircleAccess, visibility: CircleVisibility, authorIsActor = false) => {
    if (c.role === null) return false;
    if (authorIsActor || isOwner(c)) return true;
    if (visibility === 'all_members') return true;
    if (visibility === 'coordinators_professionals')
      return c.role === 'coordinator' || c.role === 'professional';
    return false;
  },
};

/** The abilities the client uses to hide what the server would refuse. */
export const circleAbilities = (c: CircleAccess) =>
  abilitiesOf(
    circlePolicy,
    {
      update: 'update',
      viewConsents: 'viewConsents',
      grantConsent: 'grantConsent',
      withdrawConsent: 'withdrawConsent',
      invite: 'inviteSomeone',
      inviteOwner: 'inviteOwner',
      changeRole: 'changeRole',
      viewNeeds: 'viewNeeds',
      manageNeeds: 'manageNeeds',
      claim: 'claim',
      viewLoad: 'viewLoad',
      feed: 'feed',
      viewMap: 'viewMap',
      editMap: 'editMap',
      viewUpdates: 'viewUpdates',
      post: 'post',
      viewTeam: 'viewTeam',
      editTeam: 'editTeam',
      viewAccessLog: 'viewAccessLog',
      export: 'export',
      requestDeletion: 'requestDeletion',
    },
    c,
  );

/** A need's abilities, one for each thing the need page offers. */
export const needAbilities = (c: CircleAccess, n: NeedState) =>
  abilitiesOf(
    circlePolicy,
    {
      claim: 'claimNeed',
      unclaim: 'unclaimNeed',
      done: 'finishNeed',
      credit: 'creditNeed',
      edit: 'manageNeeds',
    },
    c,
    n,
  );

/** A member's abilities in the member list. */
export const memberAbilities = (c: CircleAccess, m: MemberTarget) =>
  abilitiesOf(circlePolicy, { remove: 'removeThisMember', changeRole: 'changeRoleOf' }, c, m);

/** An update's abilities: its author (or the owner) deletes it; whoever may post comments on it. */
export const updateAbilities = (c: CircleAccess, authorIsActor: boolean) =>
  abilitiesOf(circlePolicy, { delete: 'deletePost', comment: 'post' }, c, authorIsActor);

/** A comment's or an attachment's abilities: deleted by the one who wrote it (or the owner). */
export const postPartAbilities = (c: CircleAccess, authorIsActor: boolean) =>
  abilitiesOf(circlePolicy, { delete: 'deletePost' }, c, authorIsActor);
