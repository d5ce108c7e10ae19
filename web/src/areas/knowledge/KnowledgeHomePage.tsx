import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { TileIcon } from '../../app/TileIcon.tsx';
import { PageHeading } from '../../app/ui.tsx';

/** The ways into Wissen, the most asked-for first: tell something, look at the map, talk, read. */
const ways = [
  {
    key: 'report',
    to: '/wissen/karte/neu',
    icon: 'M12 21s-6-5.3-6-10a6 6 0 1 1 12 0c0 4.7-6 10-6 10Zm0-13v4m0 2v.1',
  },
  { key: 'map', to: '/wissen/karte', icon: 'M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2V6Zm6-2v14m6-12v14' },
  { key: 'discussions', to: '/wissen/diskussionen', icon: 'M4 5h11v8H8l-4 3V5Zm11 4h5v9l-3-2h-7v-3' },
  {
    key: 'news',
    to: '/wissen/neuigkeiten',
    icon: 'M5 4h11v16H7a2 2 0 0 1-2-2V4Zm11 4h3v10a2 2 0 0 1-2 2M8 8h5m-5 4h5m-5 4h3',
  },
  {
    key: 'wiki',
    to: '/wissen/wiki',
    icon: 'M4 5a2 2 0 0 1 2-2h5v18H6a2 2 0 0 1-2-2V5Zm16 0a2 2 0 0 0-2-2h-5v18h5a2 2 0 0 0 2-2V5Z',
  },
  { key: 'dossiers', to: '/wissen/dossiers', icon: 'M6 3h9l4 4v14H6V3Zm9 0v4h4M9 12h7m-7 4h7' },
] as const;

/**
 * /wissen: the local knowledge network at a glance — what it is for in one sentence, and big tiles
 * into each of its parts; for people signed in, what they follow; for the coordinator, what went stale.
 */
export default function KnowledgeHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageHeading title={t('knowledge.home.title')}>
        <p className="lead">{t('knowledge.home.lead')}</p>
      </PageHeading>
      <nav aria-label={t('knowledge.home.parts')}>
        <ul className="tile-grid">
          {ways.map((w) => (
            <li key={w.key}>
              <Link to={w.to} className="tile">
                <TileIcon path={w.icon} />
                <span className="tile-title">{t(`knowledge.home.${w.key}.title`)}</span>
                <span className="tile-hint">{t(`knowledge.home.${w.key}.hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {session.account && (
        <section aria-labelledby="knowledge-mine">
          <h2 id="knowledge-mine">{t('knowledge.home.mine')}</h2>
          <ul className="link-list">
            <li>
              <Link to="/wissen/folgen">{t('knowledge.home.following')}</Link>
            </li>
            {session.account.isInstanceAdmin && (
              <li>
                <Link to="/wissen/aktualitaet">{t('knowledge.home.stale')}</Link>
              </li>
            )}
          </ul>
        </section>
      )}
      <section aria-labelledby="knowledge-loop">
        <h2 id="knowledge-loop">{t('knowledge.home.loopTitle')}</h2>
        <ol>
          <li>{t('knowledge.home.loop1')}</li>
          <li>{t('knowledge.home.loop2')}</li>
          <li>{t('knowledge.home.loop3')}</li>
        </ol>
      </section>
    </>
  );
}
