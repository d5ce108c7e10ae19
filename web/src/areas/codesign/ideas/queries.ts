/**
 * Ideas: the keys of every cached answer of the part, one root per resource, so a change refreshes
 * what depends on it by prefix (`invalidateQueries({ queryKey: ideasKeys.list(toolId) })`).
 */
export const ideasKeys = {
  list: (toolId: string, ...rest: readonly unknown[]) => ['codesignIdeas', 'list', toolId, ...rest] as const,
  idea: (ideaId: string) => ['codesignIdeas', 'idea', ideaId] as const,
  all: (toolId: string) => ['codesignIdeas', 'all', toolId] as const,
};
