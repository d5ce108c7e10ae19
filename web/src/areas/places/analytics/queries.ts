/** Network analytics: the keys of its cached answers. */
export const analyticsKeys = {
  network: (period: string, area: string) => ['places-analytics', 'network', period, area] as const,
  all: () => ['places-analytics'] as const,
  me: () => ['places-analytics', 'me'] as const,
};
