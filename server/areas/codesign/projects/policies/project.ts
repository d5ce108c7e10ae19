import type {
  CodesignJoining,
  CodesignParticipantRole,
  CodesignParticipantStatus,
  CodesignProjectStatus,
  CodesignVisibility,
} from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** What the policies need of a project and of the asking person's place in it. */
export interface ProjectFacts {
  status: CodesignProjectStatus;
  visibility: CodesignVisibility;
  joining: CodesignJoining;
  /** organisations that run it: the lead and every partner that accepted */
  runningOrganisationIds: readonly string[];
  /** organisations invited to run it that have not answered yet: their coordinators see the project to decide */
  invitedOrganisationIds?: readonly string[];
  /** the asking person's row among the participants, if any */
  me: { role: CodesignParticipantRole; status: CodesignParticipantStatus } | null;
}

/** Staff or admin of an organisation that runs the project: they set it up and steer it. */
export const organises = (actor: Actor, p: ProjectFacts) =>
  p.runningOrganisationIds.some((o) => actsFor(actor, o));

/** Staff or admin of an organisation invited to run the project (not yet accepted). */
export const invitedToRun = (actor: Actor, p: ProjectFacts) =>
  (p.invitedOrganisationIds ?? []).some((o) => actsFor(actor, o));

const activeMember = (actor: Actor, p: ProjectFacts) => isSignedIn(actor) && p.me?.status === 'active';
/** invited to take part: they see the project to decide */
const invitedMember = (actor: Actor, p: ProjectFacts) => isSignedIn(actor) && p.me?.status === 'invited';

/**
 * Mitgestalten's one rule of who may do what in a project (every part asks it):
 * - organise (edit the project, its phases and tools, invite, close): staff and admins of a running
 *   organisation;
 * - facilitate (enter contributions for people who consented, record meetings, tally paper, merge and
 *   moderate): those, and participants the project made facilitators;
 * - view: a draft only its organisers (and the coordinators of an organisation invited to run it, to decide);
 *   a members-only project also those invited to take part; otherwise a public project everyone, a members-only project
 *   its organisers and active participants (to everyone else it does not exist: 404);
 * - participate (contribute in their own name): signed-in active participants of an active project,
 *   and anyone signed in where joining is open (they join with their first contribution);
 * - join: signed in, not yet active in it, the project active and open or joined by link (the link's
 *   secret is checked by the route) — or invited.
 * Instance admins have no extra rights here: a members-only project is its members' business.
 */
export const projectPolicy = {
  organise: (actor: Actor, p: ProjectFacts) => organises(actor, p),
  facilitate: (actor: Actor, p: ProjectFacts) =>
    organises(actor, p) || (activeMember(actor, p) && p.me?.role === 'facilitator' && p.status !== 'draft'),
  view: (actor: Actor, p: ProjectFacts) =>
    organises(actor, p) ||
    invitedToRun(actor, p) ||
    (p.status !== 'draft' &&
      (p.visibility === 'public' || activeMember(actor, p) || invitedMember(actor, p))),
  participate: (actor: Actor, p: ProjectFacts) =>
    isSignedIn(actor) &&
    p.status === 'active' &&
    (p.me?.status === 'active' || (p.me === null && p.joining === 'open' && p.visibility === 'public')),
  join: (actor: Actor, p: ProjectFacts) =>
    isSignedIn(actor) &&
    p.status === 'active' &&
    p.me?.status !== 'active' &&
    (p.joining !== 'invitation' || p.me?.status === 'invited'),
};
