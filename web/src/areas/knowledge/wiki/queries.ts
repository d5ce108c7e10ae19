/** The wiki's cached answers, one root, so a save refreshes every list, page and history by prefix. */
export const wikiKeys = {
  all: () => ['wiki'] as const,
  list: (...rest: readonly unknown[]) => ['wiki', 'list', ...rest] as const,
  page: (id: string | undefined, ...rest: readonly unknown[]) => ['wiki', 'page', id, ...rest] as const,
};
