import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyLink } from '../../app/CopyLink.tsx';
import { absolute, type DataFormat, explanationOf, mediaTypes } from './entries.ts';
import './data.css';

/** `/api/v1/resources/geojson?…` → "resources.geojson": a download named after its layer. */
const fileName = (href: string) => `${(href.split('?')[0] ?? '').split('/').slice(-2)[0] ?? 'karte'}.geojson`;

export interface SubscribeLink {
  format: Exclude<DataFormat, 'openapi'>;
  /** the path on this server (apiUrl(…)) */
  href: string;
}

/**
 * "Abonnieren / Herunterladen": the one way every page offers its feeds, calendars and map files — a
 * row of links named by their format, and, folded away, what they are in plain words with each address
 * to copy (a feed or calendar app wants the address, not the file) and the way to the page of all data.
 * Feeds are also announced in the document's head (`<link rel="alternate">`), so browsers and feed
 * readers find them; `title` names them there.
 */
export function Subscribe({ links, title }: { links: SubscribeLink[]; title?: string }) {
  const { t } = useTranslation();
  const kinds = [...new Set(links.map((l) => explanationOf(l.format)))];
  const feeds = links
    .filter((l) => l.format === 'rss' || l.format === 'atom')
    .map((l) => `${l.format}|${l.href}`)
    .join(' ');

  useEffect(() => {
    if (!feeds || !title) return;
    const added = feeds.split(' ').map((pair) => {
      const [format, href] = pair.split('|') as [DataFormat, string];
      const l = document.createElement('link');
      l.rel = 'alternate';
      l.type = mediaTypes[format];
      l.href = href;
      l.title = `${title} (${t(`data.format.${format}`)})`;
      document.head.appendChild(l);
      return l;
    });
    return () => {
      for (const l of added) l.remove();
    };
  }, [feeds, title, t]);

  return (
    <div className="subscribe">
      <p className="subscribe-links">
        <span className="subscribe-label">{t('data.subscribe.label')}</span>{' '}
        {links.map((l) => (
          <a
            key={l.href}
            href={l.href}
            type={mediaTypes[l.format]}
            {...(l.format === 'geojson' ? { download: fileName(l.href) } : {})}
          >
            {t(`data.format.${l.format}`)}
          </a>
        ))}
      </p>
      <details className="subscribe-help">
        <summary>{t('data.subscribe.what')}</summary>
        {kinds.map((k) => (
          <p key={k}>{t(`data.explain.${k}`)}</p>
        ))}
        {links.map((l) => (
          <CopyLink
            key={l.href}
            label={t('data.subscribe.address', { format: t(`data.format.${l.format}`) })}
            url={absolute(l.href)}
          />
        ))}
        <p>
          <Link to="/daten">{t('data.subscribe.all')}</Link>
        </p>
      </details>
    </div>
  );
}
