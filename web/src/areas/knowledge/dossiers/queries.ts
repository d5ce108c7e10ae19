/** The keys of every cached answer of the dossiers, one root, so a change refreshes them all by prefix. */
export const dossierKeys = {
  all: (...rest: readonly unknown[]) => ['dossiers', ...rest] as const,
};
