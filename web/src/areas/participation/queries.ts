/**
 * Mitmachen: the keys of every cached answer of the area, one root per resource, so a change
 * refreshes what depends on it by prefix (`invalidateQueries({ queryKey: participationKeys.opportunities() })`).
 */
export const participationKeys = {
  opportunities: (...rest: readonly unknown[]) => ['opportunities', ...rest] as const,
  opportunity: (...rest: readonly unknown[]) => ['opportunity', ...rest] as const,
  shifts: (...rest: readonly unknown[]) => ['shifts', ...rest] as const,
  hours: (...rest: readonly unknown[]) => ['hours', ...rest] as const,
  playbook: (...rest: readonly unknown[]) => ['playbook', ...rest] as const,
};
