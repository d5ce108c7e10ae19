import type { NewsStatus, SearchVisibility } from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** What the policies need of a post. */
export interface PostFacts {
  organisation_id: string;
  status: NewsStatus;
  visibility: SearchVisibility;
  comments_open: boolean;
}

/** What the policies need of a comment. */
export interface CommentFacts {
  author_id: string | null;
}

/** Whether the person may read a published post of this visibility. */
export function mayRead(actor: Actor, p: Pick<PostFacts, 'organisation_id' | 'visibility'>): boolean {
  switch (p.visibility) {
    case 'public':
      return true;
    case 'signed_in':
      return isSignedIn(actor);
    case 'members':
      return isSignedIn(actor) && actor.roles.has(p.organisation_id);
  }
}

/**
 * An organisation's news: its staff and admins write, publish, take back and delete its posts; a
 * draft exists only for them. A published post is read by whom its visibility names (everyone,
 * people signed in, the organisation's members). Signed-in people who may read it comment while
 * comments are open; a blocked account never (its session is gone, and `actsFor`/`isSignedIn` say
 * no). Each comment's author edits and deletes it; the organisation's staff and admins and the
 * instance admins remove any comment under its posts.
 */
export const newsPolicy = {
  /** write for the organisation (a new post) */
  write: (actor: Actor, organisationId: string) => actsFor(actor, organisationId),
  view: (actor: Actor, p: PostFacts) =>
    actsFor(actor, p.organisation_id) || (p.status === 'published' && mayRead(actor, p)),
  edit: (actor: Actor, p: PostFacts) => actsFor(actor, p.organisation_id),
  publish: (actor: Actor, p: PostFacts) => actsFor(actor, p.organisation_id) && p.status === 'draft',
  unpublish: (actor: Actor, p: PostFacts) => actsFor(actor, p.organisation_id) && p.status === 'published',
  delete: (actor: Actor, p: PostFacts) => actsFor(actor, p.organisation_id),
  comment: (actor: Actor, p: PostFacts) =>
    isSignedIn(actor) && p.status === 'published' && p.comments_open && mayRead(actor, p),
};

export const commentPolicy = {
  edit: (actor: Actor, _p: PostFacts, c: CommentFacts) =>
    isSignedIn(actor) && c.author_id === actor.accountId,
  remove: (actor: Actor, p: PostFacts, c: CommentFacts) =>
    isSignedIn(actor) &&
    (c.author_id === actor.accountId || actsFor(actor, p.organisation_id) || actor.isInstanceAdmin),
};
