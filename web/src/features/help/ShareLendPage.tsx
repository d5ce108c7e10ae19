import './help.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { TileIcon } from '../../app/TileIcon.tsx';
import { PageHeading } from '../../app/ui.tsx';

/** The kinds of thing in the Teilen catalogue that are lent, booked or given away, with their pictures. */
const kinds = [
  { kind: 'room', icon: 'M4 20V6l8-3 8 3v14M4 20h16M9 20v-5h6v5' },
  { kind: 'equipment', icon: 'M14 6a4 4 0 0 1-5 5l-6 6 3 3 6-6a4 4 0 0 1 5-5l-2 2 2 2 2-2a4 4 0 0 0-5-5Z' },
  {
    kind: 'vehicle',
    icon: 'M3 16V8a2 2 0 0 1 2-2h11l4 5v5h-2M3 16h2m4 0h6M7 14a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z',
  },
  {
    kind: 'giveaway',
    icon: 'M4 10h16v10H4V10Zm-1-4h18v4H3V6Zm9 0v14M12 6c-2-3-5-3-5-1s3 1 5 1c2 0 5 1 5-1s-3-2-5 1',
  },
] as const;

/**
 * /teilen-leihen, "Ich möchte etwas teilen oder leihen": borrowing by kind (one tap into the Teilen
 * catalogue, filtered), or offering something — a thing, a room, one's skill — in the catalogue, the
 * Tauschring or the time bank.
 */
export default function ShareLendPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      <PageHeading title={t('help.share.title')}>
        <p className="lead">{t('help.share.lead', { network: session.network.name })}</p>
      </PageHeading>
      <section aria-labelledby="share-borrow">
        <h2 id="share-borrow">{t('help.share.borrow')}</h2>
        <ul className="tile-grid">
          {kinds.map((k) => (
            <li key={k.kind}>
              <Link to={`/teilen?art=${k.kind}`} className="tile">
                <TileIcon path={k.icon} />
                <span className="tile-title">{t(`help.share.kinds.${k.kind}`)}</span>
                <span className="tile-hint">{t(`help.share.kinds.${k.kind}Hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="actions">
          <Link className="button secondary" to="/teilen">
            {t('help.share.catalogue')}
          </Link>
          <Link className="button secondary" to="/teilen/karte">
            {t('help.share.map')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="share-offer">
        <h2 id="share-offer">{t('help.share.offer')}</h2>
        {!session.account && <p className="notice">{t('help.share.signInToOffer')}</p>}
        <ul className="feature-list">
          <li>
            <Link to="/teilen/neu">{t('help.share.offerThing')}</Link>
            <span>{t('help.share.offerThingHint')}</span>
          </li>
          <li>
            <Link to="/tauschring">{t('help.share.offerExchange')}</Link>
            <span>{t('help.share.offerExchangeHint')}</span>
          </li>
          <li>
            <Link to="/zeitbank">{t('help.share.timebank')}</Link>
            <span>{t('help.share.timebankHint')}</span>
          </li>
        </ul>
      </section>
    </>
  );
}
