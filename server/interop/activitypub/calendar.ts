import type { CalendarEntry, CalendarSource } from '../../platform/calendar.ts';
import { remoteEventsBetween, remoteOrigin } from './remoteContent.ts';

/**
 * Events that arrived by ActivityPub from the groups the town follows, in the one calendar
 * (platform/calendar.ts) as Räume & Brücken's events from elsewhere, while federation is on: the
 * same for every reader (they are public where they come from), never what a moderator hid or what a
 * blocked instance sent (remoteContent.ts). Marked `remote` and linked to the original, never to a
 * page of ours. What we do not know is left unknown: no district (a district filter leaves them
 * out), step-free and free not said, not online (a filter for online leaves them out); they have no
 * registration here and no status, so none is cancelled.
 */
export const remoteEventsCalendar: CalendarSource = {
  enabled: (config) => config.federation.enabled,
  async entries(db, _actor, q) {
    // nothing remote is in a district or a community of ours, nor known to be step-free or free
    if (q.districtId || q.communityId || q.accessible || q.free || q.online) return [];
    const rows = await remoteEventsBetween(db, q.networkId, q.from, q.to, q.limit);
    const out: CalendarEntry[] = [];
    for (const r of rows) {
      const remote = remoteOrigin(r);
      if (!remote) continue;
      out.push({
        key: `places.remote_event:${r.id}`,
        area: 'places',
        kind: 'event',
        id: r.id,
        title: r.title,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        allDay: false,
        host: null,
        districtId: null,
        districtName: null,
        place: r.venue,
        online: false,
        accessible: null,
        free: null,
        price: '',
        cancelled: false,
        capacity: null,
        freePlaces: null,
        registration: false,
        link: null,
        remote,
      });
    }
    return out;
  },
};
