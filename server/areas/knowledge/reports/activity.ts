import type { ActivityFigure, AreaManifest } from '../../manifest.ts';
import { filedBetween } from './repositories/reports.ts';

/**
 * The map's figure for the front page: the reports filed in the last whole month, and by how many
 * people (resting on them, as the front page's small-number rule wants).
 */
export const reportsActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => {
  const filed = await filedBetween(db, networkId, month.from, month.to);
  return [{ key: 'mapReports', value: filed.value, people: filed.people }] satisfies ActivityFigure[];
};
