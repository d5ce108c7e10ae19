import './help.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { TileIcon } from '../../app/TileIcon.tsx';
import { PageHeading } from '../../app/ui.tsx';
import { needs } from './needs.ts';

/**
 * /hilfe-finden, "Ich suche Hilfe": the first tap — what kind of help, in everyday words. Each leads
 * to who helps with it (NeedPage), and from there to them or to asking.
 */
export default function FindHelpPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageHeading title={t('help.find.title')}>
        <p className="lead">{t('help.find.lead', { network: session.network.name })}</p>
      </PageHeading>
      <nav aria-labelledby="help-choose">
        <h2 id="help-choose" className="visually-hidden">
          {t('help.find.choose')}
        </h2>
        <ul className="tile-grid">
          {needs.map((n) => (
            <li key={n.slug}>
              <Link to={`/hilfe-finden/${n.slug}`} className="tile">
                <TileIcon path={n.icon} />
                <span className="tile-title">{t(`help.needs.${n.key}.title`)}</span>
                <span className="tile-hint">{t(`help.needs.${n.key}.hint`)}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link to="/suche" className="tile other">
              <TileIcon path="M10 4a6 6 0 1 0 0 12 6 6 0 0 0 0-12Zm4.5 10.5L20 20" />
              <span className="tile-title">{t('help.find.other')}</span>
              <span className="tile-hint">{t('help.find.otherHint')}</span>
            </Link>
          </li>
        </ul>
      </nav>
      <p className="hint">{t('help.find.phone')}</p>
      {session.account && (
        <p>
          <Link to="/hilfe-finden/meine-anfragen">{t('help.find.mine')}</Link>
        </p>
      )}
    </>
  );
}
