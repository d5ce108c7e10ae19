import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/**
 * Who may do what in a discussion. Everyone reads what is visible; people signed in (and not
 * blocked) write. A thread's steward — its author, the staff of the organisation it was started
 * for, and the instance admins (the network's coordinators) — marks the solution and closes it.
 * Only the author edits or deletes a post. What waits for review (or was rejected) exists only for
 * its author (pending) and the instance admins; for everyone else it answers like nothing at all.
 */

export interface ThreadRef {
  author_id: string | null;
  organisation_id: string | null;
  review_status: 'visible' | 'pending' | 'rejected';
  closed_at: Date | null;
}

export interface PostRef {
  author_id: string | null;
  review_status: 'visible' | 'pending' | 'rejected';
  deleted_at: Date | null;
}

const isAdmin = (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin;

export const threadPolicy = {
  /** a hidden thread is checked by the caller (moderation) */
  view: (actor: Actor, t: ThreadRef) =>
    t.review_status === 'visible' ||
    isAdmin(actor) ||
    (t.review_status === 'pending' && actor.accountId !== null && actor.accountId === t.author_id),
  create: (actor: Actor) => isSignedIn(actor),
  reply: (actor: Actor, t: ThreadRef) =>
    isSignedIn(actor) && t.closed_at === null && t.review_status !== 'rejected',
  steward: (actor: Actor, t: ThreadRef) =>
    isSignedIn(actor) &&
    (actor.isInstanceAdmin ||
      actor.accountId === t.author_id ||
      (t.organisation_id !== null && actsFor(actor, t.organisation_id))),
  edit: (actor: Actor, t: ThreadRef) =>
    isSignedIn(actor) &&
    t.review_status !== 'rejected' &&
    (actor.isInstanceAdmin || actor.accountId === t.author_id),
  review: (actor: Actor) => isAdmin(actor),
};

export const postPolicy = {
  view: (actor: Actor, p: PostRef) =>
    p.review_status === 'visible' ||
    isAdmin(actor) ||
    (p.review_status === 'pending' && actor.accountId !== null && actor.accountId === p.author_id),
  edit: (actor: Actor, p: PostRef) =>
    isSignedIn(actor) &&
    p.deleted_at === null &&
    p.review_status !== 'rejected' &&
    actor.accountId === p.author_id,
  delete: (actor: Actor, p: PostRef) =>
    isSignedIn(actor) && p.deleted_at === null && actor.accountId === p.author_id,
};

/** How long an account counts as new for the first-post review. */
export const newAccountDays = 7;

/**
 * First-post review: a contribution waits for an instance admin when it comes from an account
 * younger than `newAccountDays` that has no visible post yet and nobody vouches for — no
 * organisation counts it among its members, it is no instance admin. Once one post is approved the
 * person writes freely. Spam accounts are new and alone; neighbours who joined through an
 * organisation, and everyone who has been around for a week, are not held up.
 */
export function needsReview(
  actor: Actor,
  account: { created_at: Date },
  hasVisiblePost: boolean,
  now: Date = new Date(),
): boolean {
  if (actor.isInstanceAdmin || actor.roles.size > 0 || hasVisiblePost) return false;
  return now.getTime() - account.created_at.getTime() < newAccountDays * 86_400_000;
}
