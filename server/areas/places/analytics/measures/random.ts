/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every machine, so sampled betweenness, Louvain's node order, the E-I permutations and the test
 * graphs are reproducible. Not for anything secret.
 */
export interface Random {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Shuffles `xs` in place (Fisher–Yates) and returns it. */
export function shuffle<T extends { length: number; [i: number]: number }>(xs: T, random: Random): T {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
  return xs;
}
