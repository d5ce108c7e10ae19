/**
 * Teilen: the keys of every cached answer of the area, one root per resource, so a change
 * refreshes what depends on it by prefix (`invalidateQueries({ queryKey: sharingKeys.resource() })`).
 */
export const sharingKeys = {
  resource: (...rest: readonly unknown[]) => ['resource', ...rest] as const,
  resources: (...rest: readonly unknown[]) => ['resources', ...rest] as const,
  bookings: (...rest: readonly unknown[]) => ['bookings', ...rest] as const,
  booking: (...rest: readonly unknown[]) => ['booking', ...rest] as const,
  exchange: (...rest: readonly unknown[]) => ['exchange', ...rest] as const,
  utilisation: (...rest: readonly unknown[]) => ['utilisation', ...rest] as const,
};
