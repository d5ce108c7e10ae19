/**
 * Events: what organisations and communities invite people to — registration with capacity and a
 * waitlist (the platform's one mechanism for places, shared with Mitmachen's shifts), attendance that
 * writes interactions, reminders — and the one calendar across all areas with its iCalendar feeds.
 */
import { remoteEventsCalendar } from '../../../interop/activitypub/calendar.ts';
import type { AreaPart } from '../../parts.ts';
import { eventsCalendar } from './calendar.ts';
import { eventReminderJob, remindEvent } from './commands/remindEvent.ts';
import { calendarRoutes } from './routes/calendar/index.ts';
import { eventRoutes } from './routes/events/index.ts';
import { seedEvents } from './seed.ts';
import { eventsToday } from './today.ts';

export const eventsPart: AreaPart = {
  routes: [
    { prefix: '/places/events', plugin: calendarRoutes },
    { prefix: '/places/events', plugin: eventRoutes },
  ],
  jobs: () => ({
    /** remind everyone with a place a day before the event */
    [eventReminderJob]: async (db, { networkId, payload }) => {
      if (typeof payload.eventId === 'string') await remindEvent(db, networkId, payload.eventId);
    },
  }),
  seed: seedEvents,
  /** my next events */
  today: eventsToday,
  /** its events in the one calendar across all areas, and those from elsewhere while federation is on */
  calendar: [eventsCalendar, remoteEventsCalendar],
};
