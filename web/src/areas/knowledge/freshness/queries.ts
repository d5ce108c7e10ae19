/**
 * Freshness: the keys of its cached answers, one root, so a check or a note refreshes what depends
 * on it by prefix (`invalidateQueries({ queryKey: freshnessKeys.freshness() })`).
 */
export const freshnessKeys = {
  freshness: (...rest: readonly unknown[]) => ['freshness', ...rest] as const,
};
