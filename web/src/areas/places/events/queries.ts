/** Events: the keys of every cached answer, one root per resource (a change refreshes by prefix). */
export const eventKeys = {
  calendar: (...rest: readonly unknown[]) => ['places-calendar', ...rest] as const,
  event: (...rest: readonly unknown[]) => ['place-event', ...rest] as const,
  mine: (...rest: readonly unknown[]) => ['place-event-mine', ...rest] as const,
};
