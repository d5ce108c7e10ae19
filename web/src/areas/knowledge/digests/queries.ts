/** The keys of every cached answer of following and the digest, one root per resource. */
export const digestKeys = {
  follows: (...rest: readonly unknown[]) => ['follows', ...rest] as const,
  settings: () => ['digest-settings'] as const,
};
