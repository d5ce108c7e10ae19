/** Commitments: the keys of every cached answer of the part, one root per resource. */
export const commitmentKeys = {
  list: (...rest: readonly unknown[]) => ['codesign', 'commitments', 'list', ...rest] as const,
  options: (...rest: readonly unknown[]) => ['codesign', 'commitments', 'options', ...rest] as const,
  linked: (...rest: readonly unknown[]) => ['codesign', 'commitments', 'linked', ...rest] as const,
};
