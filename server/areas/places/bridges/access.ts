import type { Executor } from '../../../db/tx.ts';
import { notFound } from '../../../http/problem.ts';
import type { Actor } from '../../../policies/actor.ts';
import { type SuggestionRef, suggestionPolicy } from './policies/suggestion.ts';
import { communityKeepers, findSuggestion, type SuggestionRow } from './repositories/suggestions.ts';

/** The policy's view of a suggestion (with the keepers of a community side). */
export async function refOf(db: Executor, networkId: string, row: SuggestionRow): Promise<SuggestionRef> {
  return {
    status: row.status,
    a: row.organisation_id,
    b: row.other_organisation_id
      ? { type: 'organisation', id: row.other_organisation_id }
      : { type: 'community', id: row.other_community_id! },
    bKeepers: row.other_community_id ? await communityKeepers(db, networkId, row.other_community_id) : [],
    accepted: { a: row.a_accepted_at !== null, b: row.b_accepted_at !== null },
    notNowSide: row.not_now_side,
    giver: row.giver,
    followUpAsked: row.follow_up_asked_at !== null,
    outcome: row.outcome,
    met: { a: row.a_met, b: row.b_met },
  };
}

/**
 * The one door to a suggestion: it exists only for the people who speak for its sides and for the
 * network's coordinator; for everyone else it is not found, exactly like a missing one. `lock` takes
 * the row for the rest of the caller's transaction (a change of state).
 */
export async function suggestionFor(db: Executor, networkId: string, actor: Actor, id: string, lock = false) {
  const row = await findSuggestion(db, networkId, id, lock);
  if (!row) throw notFound();
  const ref = await refOf(db, networkId, row);
  if (!suggestionPolicy.view(actor, ref)) throw notFound();
  return { row, ref };
}
