import type { CalendarEntry, CalendarSource } from '../../../platform/calendar.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { eventPolicy } from './policies/event.ts';
import { type EventRow, eventsRegisteredBy, listEvents } from './repositories/events.ts';

/** An event as the one calendar shows it. */
export function calendarEntryOf(e: EventRow): CalendarEntry {
  return {
    key: `places.event:${e.id}`,
    area: 'places',
    kind: 'event',
    id: e.id,
    title: e.title,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    allDay: false,
    host: e.organisation_id
      ? { type: 'organisation', id: e.organisation_id, name: e.organisation_name ?? '' }
      : e.community_id
        ? { type: 'community', id: e.community_id, name: e.community_name ?? '' }
        : null,
    districtId: e.district_id,
    districtName: e.district_name,
    place: e.venue,
    online: e.online_url !== null,
    // an online-only event has no venue to be step-free or not
    accessible: e.venue ? e.step_free : null,
    free: e.free,
    price: e.price,
    cancelled: e.status === 'cancelled',
    capacity: e.capacity,
    freePlaces: e.capacity === null ? null : Math.max(0, e.capacity - e.signed_up),
    registration: e.registration && e.status === 'scheduled',
    link: webPaths.placesEvent(e.id),
  };
}

/**
 * Räume & Brücken's events in the one calendar: what the reader may see by the events policy (a
 * members-only event only for the host's members; to everyone else it is not there), cancelled ones
 * marked as such.
 */
export const eventsCalendar: CalendarSource = {
  async entries(db, actor, q) {
    const rows = await listEvents(db, q.networkId, actor, q);
    return rows.filter((e) => eventPolicy.view(actor, e)).map(calendarEntryOf);
  },
  async mine(db, q) {
    const rows = await eventsRegisteredBy(db, q.networkId, q.accountId, q);
    return rows.map((e) => ({
      ...calendarEntryOf(e),
      myStatus: e.my_status === 'waitlisted' ? ('waitlisted' as const) : ('registered' as const),
    }));
  },
};
