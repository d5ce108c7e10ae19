/** Bridges: the keys of every cached answer of the part. */
export const bridgesKeys = {
  all: (...rest: readonly unknown[]) => ['places', 'bridges', ...rest] as const,
  hitRate: () => ['places', 'bridges', 'hit-rate'] as const,
};
