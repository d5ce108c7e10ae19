import type { Config } from '../../../config.ts';
import type { JobHandler } from '../../../platform/jobs.ts';
import {
  alertUnclaimed,
  extendSeries,
  extendSeriesJob,
  needAlertJob,
  needReminderJob,
  remindClaimant,
} from './careCalendar.ts';
import { purgeCircle, purgeJob } from './purgeCircle.ts';

/** Background jobs of Unterstützungskreise: unclaimed-need alerts, reminders, weekly series, purges. */
export function circleJobHandlers(config: Config): Record<string, JobHandler> {
  const smtp = Boolean(config.smtpUrl);
  return {
    [needAlertJob]: (db, { networkId, payload }) => alertUnclaimed(db, networkId, payload, smtp),
    [needReminderJob]: (db, { networkId, payload }) => remindClaimant(db, networkId, payload, smtp),
    [extendSeriesJob]: async (db, { networkId }) => {
      await extendSeries(db, networkId);
    },
    [purgeJob]: async (db, { networkId, payload }) => {
      if (typeof payload.circleId === 'string') await purgeCircle(db, networkId, payload.circleId);
    },
  };
}
