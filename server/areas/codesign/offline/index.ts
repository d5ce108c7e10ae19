/** Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies. */
import type { AreaPart } from '../../parts.ts';
import { codesignMeetingsCalendar } from './calendar.ts';
import { offlineRoutes } from './routes/index.ts';
import { seedOffline } from './seed.ts';

export const offlinePart: AreaPart = {
  routes: [{ prefix: '/codesign', plugin: offlineRoutes }],
  seed: seedOffline,
  /** meetings of public projects in the one calendar across all areas */
  calendar: [codesignMeetingsCalendar],
};
