/** Räume & Brücken: the keys of every cached answer of the area. */
export const placesKeys = {
  interactions: (...rest: readonly unknown[]) => ['interactions', ...rest] as const,
};
