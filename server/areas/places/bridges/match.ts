import type { BridgeNeedType, BridgeOfferType, BridgeTheme, Sector } from '../../../db/schema.ts';
import { type NodeKey, nodeKey, type TieGraph } from './distance.ts';
import { themesIn } from './themes.ts';

/**
 * Bridges worth building, decided from data alone (pure: no database): two parties — organisations,
 * or an organisation and a community — far apart in the interaction graph whose things fit together.
 *
 * Far apart: a different sector or a different district (a community is a sector of its own; a
 * district counts only when both name one), no tie within two steps over confirmed interactions
 * (distance.ts), and no person who belongs to both (they know each other through that person).
 *
 * Complementary: one side's offer (an organisation's resource in Teilen, its offer on the
 * Tauschring) shares a theme (themes.ts) with the other side's need (its want on the Tauschring, an
 * opportunity it runs in Mitmachen, or what a community is about — one that meets in a place also
 * looks for a place to meet). A theme counts `strong` (2) where the thing says it in its title or
 * skills or is of that kind (a room is a place), `weak` (1) in its text. A match scores the product
 * of the two, at least one side strong (2), and one more when the offer is a resource nobody booked
 * lately. Each pair keeps its best match; ties are broken by names and titles, so the same town
 * always gets the same suggestions.
 */

export type PartyType = 'organisation' | 'community';

export interface Party {
  type: PartyType;
  id: string;
  name: string;
  /** an organisation's sector; a community counts as a sector of its own */
  sector: Sector | 'community';
  districtId: string | null;
}

export type Weights = ReadonlyMap<BridgeTheme, 1 | 2>;

export interface Offer {
  party: NodeKey;
  type: BridgeOfferType;
  id: string;
  title: string;
  themes: Weights;
  /** a resource with no booking lately and none ahead */
  idle: boolean;
}

export interface Need {
  party: NodeKey;
  type: BridgeNeedType;
  id: string;
  title: string;
  themes: Weights;
}

/** A thing's themes: `strong` where its title, skills or kind say it, `weak` where only its text does. */
export function weigh(f: {
  strong: readonly string[];
  weak: readonly string[];
  kinds?: readonly BridgeTheme[];
}) {
  const w = new Map<BridgeTheme, 1 | 2>();
  for (const t of themesIn(f.weak.join('\n'))) w.set(t, 1);
  for (const t of [...themesIn(f.strong.join('\n')), ...(f.kinds ?? [])]) w.set(t, 2);
  return w;
}

/** The theme a resource is by its kind alone. */
export const kindThemes: Partial<Record<string, BridgeTheme>> = {
  room: 'space',
  vehicle: 'transport',
};

/** The theme a Tauschring post is by its category alone. */
export const categoryThemes: Partial<Record<string, BridgeTheme>> = {
  transport: 'transport',
};

export interface Candidate {
  /** side a: always an organisation; side b: another organisation (a < b by id) or a community */
  a: Party;
  b: Party;
  theme: BridgeTheme;
  giver: 'a' | 'b';
  offer: Offer;
  need: Need;
  differentSector: boolean;
  differentDistrict: boolean;
  /** the shortest path between the two; null when nothing joins them */
  steps: number | null;
  score: number;
}

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byName = (x: string, y: string) => x.localeCompare(y, 'de') || compare(x, y);

type Fit = { theme: BridgeTheme; offer: Offer; need: Need; score: number };

/** The best fit of one side's offers with the other side's needs (or undefined when nothing fits). */
function bestFit(offers: readonly Offer[], needs: readonly Need[], themes: readonly BridgeTheme[]) {
  // negative when x is the better fit
  const rank = (x: Fit, y: Fit) =>
    y.score - x.score ||
    themes.indexOf(x.theme) - themes.indexOf(y.theme) ||
    byName(x.offer.title, y.offer.title) ||
    byName(x.need.title, y.need.title) ||
    compare(x.offer.id, y.offer.id) ||
    compare(x.need.id, y.need.id);
  let best: Fit | undefined;
  for (const offer of offers)
    for (const need of needs)
      for (const [theme, ow] of offer.themes) {
        const nw = need.themes.get(theme);
        if (!nw || ow * nw < 2) continue;
        const fit = { theme, offer, need, score: ow * nw + (offer.idle ? 1 : 0) };
        if (!best || rank(fit, best) < 0) best = fit;
      }
  return best;
}

export interface BridgeInput {
  parties: readonly Party[];
  graph: TieGraph;
  /** pairs of nodes (`x|y`, both orders) that share a member */
  shareMembers: ReadonlySet<string>;
  offers: readonly Offer[];
  needs: readonly Need[];
  /** the themes in the order they rank on equal scores */
  themes: readonly BridgeTheme[];
}

/**
 * Every pair that is far apart and fits, with its best match, best first (score, then a resource
 * nobody uses, then pairs with no path at all before distant ones, then names).
 */
export function bridgeCandidates(input: BridgeInput): Candidate[] {
  const offersOf = group(input.offers);
  const needsOf = group(input.needs);
  const out: Candidate[] = [];
  const parties = [...input.parties].sort((x, y) => compare(key(x), key(y)));
  for (let i = 0; i < parties.length; i++)
    for (let j = i + 1; j < parties.length; j++) {
      let [a, b] = [parties[i]!, parties[j]!];
      if (a.type === 'community' && b.type === 'community') continue;
      if (a.type === 'community') [a, b] = [b, a];
      if (a.type === b.type && b.id < a.id) [a, b] = [b, a];
      const [ka, kb] = [key(a), key(b)];
      const differentSector = a.sector !== b.sector;
      const differentDistrict =
        a.districtId !== null && b.districtId !== null && a.districtId !== b.districtId;
      if (!differentSector && !differentDistrict) continue;
      if (input.shareMembers.has(`${ka}|${kb}`)) continue;
      if (input.graph.withinTwoSteps(ka, kb)) continue;
      const aGives = bestFit(offersOf.get(ka) ?? [], needsOf.get(kb) ?? [], input.themes);
      const bGives = bestFit(offersOf.get(kb) ?? [], needsOf.get(ka) ?? [], input.themes);
      const pick =
        aGives && (!bGives || aGives.score >= bGives.score)
          ? { giver: 'a' as const, ...aGives }
          : bGives
            ? { giver: 'b' as const, ...bGives }
            : undefined;
      if (!pick) continue;
      out.push({
        a,
        b,
        theme: pick.theme,
        giver: pick.giver,
        offer: pick.offer,
        need: pick.need,
        differentSector,
        differentDistrict,
        steps: input.graph.steps(ka, kb),
        score: pick.score,
      });
    }
  return out.sort(
    (x, y) =>
      y.score - x.score ||
      Number(y.offer.idle) - Number(x.offer.idle) ||
      Number(x.steps !== null) - Number(y.steps !== null) ||
      byName(first(x), first(y)) ||
      byName(second(x), second(y)) ||
      compare(key(x.a), key(y.a)) ||
      compare(key(x.b), key(y.b)),
  );
}

export const key = (p: Pick<Party, 'type' | 'id'>) => nodeKey(p.type, p.id);

// a pair ranks by its two names in alphabetical order: which side is `a` depends on ids, not on names
const first = (c: Candidate) => (byName(c.a.name, c.b.name) <= 0 ? c.a.name : c.b.name);
const second = (c: Candidate) => (byName(c.a.name, c.b.name) <= 0 ? c.b.name : c.a.name);

function group<T extends { party: NodeKey }>(things: readonly T[]): Map<NodeKey, T[]> {
  const m = new Map<NodeKey, T[]>();
  for (const t of things) {
    const list = m.get(t.party) ?? [];
    list.push(t);
    m.set(t.party, list);
  }
  return m;
}

/**
 * Which candidates become new suggestions: in their order, as long as neither party has `perParty`
 * suggestions waiting already (counted in `waiting`, and raised here), at most `limit` in all — so
 * nobody is flooded and the best come first.
 */
export function choose(
  candidates: readonly Candidate[],
  waiting: Map<NodeKey, number>,
  perParty: number,
  limit: number,
): Candidate[] {
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.length >= limit) break;
    const [ka, kb] = [key(c.a), key(c.b)];
    if ((waiting.get(ka) ?? 0) >= perParty || (waiting.get(kb) ?? 0) >= perParty) continue;
    waiting.set(ka, (waiting.get(ka) ?? 0) + 1);
    waiting.set(kb, (waiting.get(kb) ?? 0) + 1);
    chosen.push(c);
  }
  return chosen;
}
