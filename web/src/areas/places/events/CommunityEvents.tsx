import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { localDate } from '../../../app/localTime.ts';
import { QueryView } from '../../../app/ui.tsx';
import { EntryCard, useHostOptions } from './EventParts.tsx';
import { eventKeys } from './queries.ts';
import type { CalendarPage } from './types.ts';

/**
 * The events of one community from today on (the next three months), for the community's page: what
 * the reader may see of them (a members-only one only for its members), a way to all of them in the
 * calendar, and — for its owners and moderators — a way to invite to a new one. `headingLevel` is the
 * level of the section's heading on the page it is placed in.
 */
export function CommunityEvents({
  communityId,
  headingLevel = 2,
}: {
  communityId: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const hosts = useHostOptions();
  const from = localDate(new Date());
  const query = { from, to: localDate(new Date(), 91), area: 'places', community: communityId, limit: 10 };
  const events = useQuery({
    queryKey: eventKeys.calendar('community', query),
    queryFn: () => api<CalendarPage>('/places/events/calendar', { query }),
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const titleId = `community-events-${communityId}`;
  const mayHost = hosts.data?.communities.some((c) => c.id === communityId) ?? false;
  return (
    <section className="community-events" aria-labelledby={titleId}>
      <Heading id={titleId}>{t('placesEvents.community.title')}</Heading>
      <QueryView
        query={events}
        isEmpty={(p) => p.items.length === 0}
        empty={t('placesEvents.community.none')}
      >
        {(p) => (
          <ul className="card-list event-list">
            {p.items.map((e) => (
              <EntryCard key={e.key} e={e} headingLevel={headingLevel === 2 ? 3 : 4} withDay />
            ))}
          </ul>
        )}
      </QueryView>
      <p className="actions">
        <Link
          className="button secondary"
          to={`/raeume/kalender?gemeinschaft=${encodeURIComponent(communityId)}`}
        >
          {t('placesEvents.community.all')}
        </Link>
        {mayHost && (
          <Link
            className="button primary"
            to={`/raeume/kalender/neu?gemeinschaft=${encodeURIComponent(communityId)}`}
          >
            {t('placesEvents.community.create')}
          </Link>
        )}
      </p>
    </section>
  );
}
