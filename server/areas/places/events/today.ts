import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { registrationsOfPerson } from './repositories/registrations.ts';

const say = wording({
  title: { de: 'Ihre nächsten Veranstaltungen', en: 'Your next events' },
  event: { de: '„{title}“ ansehen', en: 'See “{title}”' },
  registered: { de: 'Sie sind angemeldet', en: 'you are registered' },
  waitlisted: {
    de: 'Sie stehen auf der Warteliste (Platz {position})',
    en: 'you are on the waitlist (place {position})',
  },
  cancelled: { de: 'abgesagt', en: 'cancelled' },
});

/**
 * Räume & Brücken's events on the home: the events the person registered for (with a place or
 * waiting) that have not ended, earliest first; a cancelled one stays until its day, so the person
 * learns of it here too.
 */
export const eventsToday: TodaySource = async (tx, _actor, ctx) => {
  const rows = await registrationsOfPerson(tx, ctx.networkId, ctx.accountId, {
    from: ctx.now,
    limit: 50,
  });
  const coming = rows.filter((r) => r.status === 'signed_up' || r.status === 'waitlisted');
  return section({
    id: 'places.events',
    group: 'upcoming',
    order: 25,
    title: say(ctx.locale, 'title'),
    items: coming.slice(0, todayFetch).map((r) => ({
      key: `place_event:${r.event_id}`,
      title: say(ctx.locale, 'event', { title: r.title }),
      detail:
        r.event_status === 'cancelled'
          ? say(ctx.locale, 'cancelled')
          : r.status === 'waitlisted'
            ? say(ctx.locale, 'waitlisted', { position: r.position ?? 0 })
            : say(ctx.locale, 'registered'),
      when: { at: r.starts_at, kind: 'on' as const },
      link: webPaths.placesEvent(r.event_id),
    })),
    total: coming.length,
    more: webPaths.placesMyEvents(),
  });
};
