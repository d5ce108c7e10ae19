/**
 * The map's cached answers, one root per resource, so a change refreshes what depends on it by prefix
 * (`invalidateQueries({ queryKey: mapReportKeys.all() })`).
 */
export const mapReportKeys = {
  all: () => ['mapReports'] as const,
  list: (...rest: readonly unknown[]) => ['mapReports', 'list', ...rest] as const,
  map: (...rest: readonly unknown[]) => ['mapReports', 'map', ...rest] as const,
  nearby: (...rest: readonly unknown[]) => ['mapReports', 'nearby', ...rest] as const,
  report: (id: string) => ['mapReports', 'report', id] as const,
};
