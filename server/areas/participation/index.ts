/**
 * Mitmachen: opportunities on the engagement ladder, shifts with capacity and a waitlist, hours
 * confirmed by coordinators, the volunteer certificate, joint opportunities and the playbook.
 */
import type { AreaManifest } from '../manifest.ts';
import { participationActivity } from './activity.ts';
import { participationCalendar } from './calendar.ts';
import { remindShift, shiftReminderJob } from './commands/remindShift.ts';
import { opportunityPolicy, refOf } from './policies/opportunity.ts';
import { findOpportunity } from './repositories/opportunities.ts';
import { findShift } from './repositories/shifts.ts';
import { hoursRoutes } from './routes/hours/index.ts';
import { opportunityRoutes } from './routes/opportunities/index.ts';
import { playbookRoutes } from './routes/playbook/index.ts';
import { shiftRoutes } from './routes/shifts/index.ts';
import { seedParticipation } from './seed.ts';
import { participationToday } from './today.ts';

/** What other areas may use: an opportunity and its shifts, and who may see and run them (Mitgestalten's commitments). */
export { createOpportunity } from './commands/saveOpportunity.ts';
export { coordinates, opportunityPolicy, refOf } from './policies/opportunity.ts';
export { findOpportunity } from './repositories/opportunities.ts';
export { findShift, insertShift, listShifts } from './repositories/shifts.ts';

export const participationArea: AreaManifest = {
  id: 'participation',
  routes: [
    { prefix: '/opportunities', plugin: opportunityRoutes },
    { prefix: '/shifts', plugin: shiftRoutes },
    { prefix: '/hours', plugin: hoursRoutes },
    { prefix: '/playbook', plugin: playbookRoutes },
  ],
  jobs: () => ({
    /** remind everyone with a place a day before their shift */
    [shiftReminderJob]: async (db, { networkId, payload }) => {
      if (typeof payload.shiftId === 'string') await remindShift(db, networkId, payload.shiftId);
    },
  }),
  seed: seedParticipation,
  /** check-in, my shifts, hours and invitations to decide; a mini task nearby */
  today: participationToday,
  activity: participationActivity,
  /** the shifts of published opportunities in the one calendar across all areas */
  calendar: [participationCalendar],
  transferSources: {
    /** a shift, through its opportunity: a draft's only for its coordinators */
    shift: async (tx, actor, networkId, id) => {
      const shift = await findShift(tx, networkId, id);
      const opportunity = shift && (await findOpportunity(tx, networkId, shift.opportunity_id));
      return !!opportunity && opportunityPolicy.view(actor, refOf(opportunity));
    },
  },
};
