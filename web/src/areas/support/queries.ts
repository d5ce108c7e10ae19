/**
 * Unterstützungskreise: the keys of every cached answer of the area. Everything of one circle sits
 * under its key, so leaving or purging a circle drops all of it from the cache at once.
 */
export const supportKeys = {
  /** the list of my circles */
  circles: () => ['circles'] as const,
  circle: (id: string) => ['circle', id] as const,
  map: (id: string) => ['circle', id, 'map'] as const,
};
