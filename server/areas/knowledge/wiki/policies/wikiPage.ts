import type { SearchVisibility } from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

export interface WikiPageAccess {
  organisation_id: string | null;
  visibility: SearchVisibility;
  archived_at: Date | null;
}

/** Staff or admin of at least one organisation of the network. */
function actsForAnOrganisation(actor: Actor): boolean {
  if (!isSignedIn(actor)) return false;
  for (const role of actor.roles.values()) if (role === 'admin' || role === 'staff') return true;
  return false;
}

/**
 * Who reads and who writes a wiki page.
 *
 * - An organisation's wiki is written by that organisation's staff and admins — the people who act
 *   for it; its volunteers and everyone else read what its visibility allows.
 * - The network's wiki (no organisation) is shared know-how of all organisations: staff and admins
 *   of any organisation and the instance admins write it.
 * - Visibility: `public` for everyone, `signed_in` for the network's members, `members` for the
 *   organisation's own members (any role).
 * - An archived page is gone for readers (404); its editors still see it and can bring it back.
 */
export const wikiPagePolicy = {
  /** may start a page in this wiki (null: the network's) */
  create(actor: Actor, organisationId: string | null): boolean {
    if (!isSignedIn(actor)) return false;
    if (organisationId === null) return actsForAnOrganisation(actor) || actor.isInstanceAdmin;
    return actsFor(actor, organisationId);
  },
  edit(actor: Actor, page: Pick<WikiPageAccess, 'organisation_id'>): boolean {
    return wikiPagePolicy.create(actor, page.organisation_id);
  },
  /** may read it, as it is now (archived pages only for their editors) */
  view(actor: Actor, page: WikiPageAccess): boolean {
    if (page.archived_at) return wikiPagePolicy.edit(actor, page);
    return wikiPagePolicy.read(actor, page);
  },
  /** its visibility alone, archived or not */
  read(actor: Actor, page: Omit<WikiPageAccess, 'archived_at'>): boolean {
    switch (page.visibility) {
      case 'public':
        return true;
      case 'signed_in':
        return isSignedIn(actor);
      case 'members':
        return isSignedIn(actor) && page.organisation_id !== null && actor.roles.has(page.organisation_id);
    }
  },
};
