/**
 * Zeitbank: the keys of every cached answer of the area, one root per resource, so a change
 * refreshes what depends on it by prefix (`invalidateQueries({ queryKey: timebankKeys.timebank() })`).
 */
export const timebankKeys = {
  timebank: (...rest: readonly unknown[]) => ['timebank', ...rest] as const,
};
