/**
 * Accountability: the keys of its cached answers, one root per project, so a save refreshes what
 * depends on it by prefix (`invalidateQueries({ queryKey: accountabilityKeys.project(id) })`).
 */
export const accountabilityKeys = {
  project: (projectId: string, ...rest: readonly unknown[]) =>
    ['codesign-accountability', projectId, ...rest] as const,
  method: (pageId: string) => ['codesign-accountability', 'method', pageId] as const,
};
