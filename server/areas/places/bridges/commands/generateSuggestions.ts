import { bridgeThemes } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import { type NodeKey, nodeKey, TieGraph } from '../distance.ts';
import { bridgeCandidates, type Candidate, choose, key } from '../match.ts';
import { parties, sharedMembers, ties } from '../repositories/graph.ts';
import { needs, offers } from '../repositories/sources.ts';
import {
  allSuggestions,
  insertSuggestion,
  lockGeneration,
  refreshReason,
  removeStale,
  reopen,
} from '../repositories/suggestions.ts';

/** The job kind of the generation (recurring, see ../index.ts). */
export const generateJob = 'places.bridges_generate';

/** At most this many suggestions wait for one organisation or community at a time. */
export const perParty = 3;
/** At most this many new suggestions in one run. */
export const perRun = 50;

export interface GenerationSummary {
  created: number;
  refreshed: number;
  reopened: number;
  removed: number;
}

/**
 * Bridges worth building, from the network's data as it is now (match.ts decides, pure and
 * deterministic: the same town gives the same suggestions). Guarantees: one run at a time per
 * network (an advisory lock for its transaction), one suggestion per pair ever (a unique key); a
 * suggestion nobody answered is kept up to date with today's reason or goes when it no longer holds;
 * one a side said yes to stays for the other side (its reason still refreshed while it holds); one
 * set aside stays hidden until its time is over, then opens again as new if it still holds (or goes);
 * an introduction is never touched. New ones are added best first, while neither side has
 * `perParty` waiting, at most `perRun` a run. Everything in one transaction.
 */
export async function generateSuggestions(
  db: Executor,
  networkId: string,
  now = new Date(),
): Promise<GenerationSummary> {
  return executeTx(db, async (tx) => {
    await lockGeneration(tx, networkId);
    const [ps, ts, shared, os, ns, existing] = await Promise.all([
      parties(tx, networkId),
      ties(tx, networkId),
      sharedMembers(tx, networkId),
      offers(tx, networkId, now),
      needs(tx, networkId, now),
      allSuggestions(tx, networkId),
    ]);
    const candidates = bridgeCandidates({
      parties: ps,
      graph: new TieGraph(ts),
      shareMembers: shared,
      offers: os,
      needs: ns,
      themes: bridgeThemes,
    });
    const byPair = new Map<string, Candidate>(candidates.map((c) => [pairKey(key(c.a), key(c.b)), c]));
    const summary: GenerationSummary = { created: 0, refreshed: 0, reopened: 0, removed: 0 };
    const waiting = new Map<NodeKey, number>();
    const count = (k: NodeKey) => waiting.set(k, (waiting.get(k) ?? 0) + 1);
    const taken = new Set<string>();
    for (const s of existing) {
      const ka = nodeKey('organisation', s.organisation_id);
      const kb = s.other_organisation_id
        ? nodeKey('organisation', s.other_organisation_id)
        : nodeKey('community', s.other_community_id!);
      const pair = pairKey(ka, kb);
      taken.add(pair);
      const c = byPair.get(pair);
      if (s.status === 'introduced') continue;
      if (s.status === 'not_now') {
        if (s.hidden_until && s.hidden_until > now) continue;
        if (c && (await reopen(tx, networkId, s.id, c, now))) {
          summary.reopened++;
          count(ka);
          count(kb);
        } else if (!c && (await removeStale(tx, networkId, s.id, now))) summary.removed++;
        continue;
      }
      if (c) {
        if (await refreshReason(tx, networkId, s.id, c, now)) summary.refreshed++;
        count(ka);
        count(kb);
      } else if (s.status === 'open' && (await removeStale(tx, networkId, s.id, now))) summary.removed++;
      else if (s.status === 'accepted') {
        count(ka);
        count(kb);
      }
    }
    const fresh = candidates.filter((c) => !taken.has(pairKey(key(c.a), key(c.b))));
    for (const c of choose(fresh, waiting, perParty, perRun))
      if (await insertSuggestion(tx, networkId, c, now)) summary.created++;
    return summary;
  });
}

const pairKey = (a: NodeKey, b: NodeKey) => `${a}|${b}`;
