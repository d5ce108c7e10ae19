/** The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place, their status, "me too", GeoJSON. */
import type { AreaPart } from '../../parts.ts';
import { reportsActivity } from './activity.ts';
import { mapReportRoutes } from './routes/reports/index.ts';
import { seedReports } from './seed.ts';
import { reportsToday } from './today.ts';

export const reportsPart: AreaPart = {
  routes: [{ prefix: '/map-reports', plugin: mapReportRoutes }],
  seed: seedReports,
  today: reportsToday,
  activity: reportsActivity,
};
