import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { TileIcon } from '../../../app/TileIcon.tsx';
import { PageHeading } from '../../../app/ui.tsx';

interface Way {
  key: string;
  to: string;
  icon: string;
  /** who the tile is for: everybody, people signed in */
  for: 'all' | 'signedIn';
}

/** The ways into Räume & Brücken, the most asked-for first: what is on, whom to join, whom one meets. */
const ways: readonly Way[] = [
  {
    key: 'calendar',
    to: '/raeume/kalender',
    icon: 'M4 6h16v14H4V6Zm0 4h16M8 3v4m8-4v4m-8 7h2m3 0h2m-7 3h2',
    for: 'all',
  },
  {
    key: 'communities',
    to: '/raeume/gemeinschaften',
    icon: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM2 20c0-3 3-5 6-5s6 2 6 5m0-4.6c.6-.3 1.3-.4 2-.4 3 0 6 2 6 5',
    for: 'all',
  },
  {
    key: 'interactions',
    to: '/begegnungen',
    icon: 'M7 8a3 3 0 1 0 0-.1M17 8a3 3 0 1 0 0-.1M4 20c0-3 1.5-5 3-5s3 2 3 5m4 0c0-3 1.5-5 3-5s3 2 3 5M10 12h4',
    for: 'signedIn',
  },
  {
    key: 'ownNetwork',
    to: '/raeume/netzwerk/ich',
    icon: 'M12 12a2 2 0 1 0 0-.1M5 5a2 2 0 1 0 0-.1M19 5a2 2 0 1 0 0-.1M5 19a2 2 0 1 0 0-.1M19 19a2 2 0 1 0 0-.1M6.5 6.5l4 4m3 0 4-4m-11 11 4-4m3 0 4 4',
    for: 'signedIn',
  },
];

/**
 * /raeume: Räume & Brücken at a glance — what the network across places and milieus is for in one
 * sentence, and big tiles into its parts: what is on in town and beyond, communities to join, the
 * people and organisations one meets.
 */
export default function PlacesHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const shown = ways.filter((w) => w.for === 'all' || session.account);
  return (
    <>
      <PageHeading title={t('places.home.title')}>
        <p className="lead">{t('places.home.lead')}</p>
      </PageHeading>
      <nav aria-label={t('places.home.parts')}>
        <ul className="tile-grid">
          {shown.map((w) => (
            <li key={w.key}>
              <Link to={w.to} className="tile">
                <TileIcon path={w.icon} />
                <span className="tile-title">{t(`places.home.${w.key}.title`)}</span>
                <span className="tile-hint">{t(`places.home.${w.key}.hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="places-why">
        <h2 id="places-why">{t('places.home.whyTitle')}</h2>
        <p>{t('places.home.why')}</p>
      </section>
    </>
  );
}
