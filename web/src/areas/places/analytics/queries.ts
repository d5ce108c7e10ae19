/** Network analytics: the keys of its cached answers. */
export const analyticsKeys = {
  network: (period: string, area: string) => ['places-analytics', 'network', period, area] as const,
  ties: (period: string, area: string, snapshot: string | null) =>
    ['places-analytics', 'ties', period, area, snapshot] as const,
  all: () => ['places-analytics'] as const,
  me: () => ['places-analytics', 'me'] as const,
};
