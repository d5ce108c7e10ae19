import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyLink } from '../../app/CopyLink.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';
import { absolute, type DataEntry, dataEntries, dataGroups, explanationOf, mediaTypes } from './entries.ts';
import './data.css';

/**
 * /daten, "Daten & Schnittstellen": every feed, calendar, map layer and the OpenAPI document, grouped,
 * each with what it contains, its terms, the page it belongs to and its address to copy — all built
 * from the one list in entries.ts. Linked from the footer of every page.
 */
export default function DataPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const network = session.network.name;
  return (
    <>
      <PageHeading title={t('data.page.title')}>
        <p className="lead">{t('data.page.lead', { network })}</p>
      </PageHeading>
      <section className="card" aria-labelledby="data-how">
        <h2 id="data-how">{t('data.page.how')}</h2>
        <ul>
          <li>{t('data.page.howFeed')}</li>
          <li>{t('data.page.howIcs')}</li>
          <li>{t('data.page.howGeojson')}</li>
        </ul>
      </section>
      {dataGroups.map((group) => (
        <section key={group} aria-labelledby={`data-${group}`}>
          <h2 id={`data-${group}`}>{t(`data.page.groups.${group}`)}</h2>
          <ul className="data-list">
            {dataEntries
              .filter((e) => e.group === group)
              .map((e) => (
                <Entry key={e.key} e={e} network={network} />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Entry({ e, network }: { e: DataEntry; network: string }) {
  const { t } = useTranslation();
  const title = t(`data.entries.${e.key}.title`);
  const kinds = [...new Set(e.formats.map((f) => explanationOf(f.format)))];
  const onSite = e.page.startsWith('/api/');
  return (
    <li className="card data-entry" aria-labelledby={`data-entry-${e.key}`}>
      <h3 id={`data-entry-${e.key}`}>{title}</h3>
      <dl>
        <dt>{t('data.page.contains')}</dt>
        <dd>{t(`data.entries.${e.key}.contains`)}</dd>
        {e.each && (
          <>
            <dt>{t('data.page.each')}</dt>
            <dd>{t(`data.entries.${e.key}.each`)}</dd>
          </>
        )}
        {e.licence && (
          <>
            <dt>{t('data.page.licence')}</dt>
            <dd>{t(`data.licence.${e.licence}`, { network })}</dd>
          </>
        )}
      </dl>
      {e.personal && <p className="hint">{t('data.page.personal')}</p>}
      {kinds.map((k) => (
        <p key={k} className="hint">
          {t(`data.explain.${k}`)}
        </p>
      ))}
      {e.formats.map((f) => (
        <div key={f.path}>
          <CopyLink
            label={t('data.subscribe.address', { format: t(`data.format.${f.format}`) })}
            url={absolute(f.path)}
          />
        </div>
      ))}
      <p className="actions">
        {e.formats.map((f) => (
          <a key={f.path} href={f.path} type={mediaTypes[f.format]}>
            {t('data.page.open', { name: t(`data.format.${f.format}`) })}
          </a>
        ))}
        {onSite ? (
          <a href={e.page}>{t('data.entries.openapi.docs')}</a>
        ) : (
          <span>
            {t('data.page.seeOn')} <Link to={e.page}>{e.page}</Link>
          </span>
        )}
      </p>
    </li>
  );
}
