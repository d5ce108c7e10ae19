import './wiki.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { formatDate } from '../../../app/ui.tsx';
import { wikiKeys } from './queries.ts';
import type { WikiPage, WikiVisibility } from './types.ts';

export const wikiPath = (id: string) => `/wissen/wiki/${encodeURIComponent(id)}`;

/** A page as it is now, or at an earlier revision. */
export function useWikiPage(id: string | undefined, revision?: number) {
  return useQuery({
    queryKey: wikiKeys.page(id, revision ?? 'current'),
    queryFn: () => api<WikiPage>(revision ? `/wiki/pages/${id}/revisions/${revision}` : `/wiki/pages/${id}`),
    enabled: Boolean(id),
  });
}

/** "Wiki des Netzwerks" or the organisation's name. */
export function WikiName({ organisation }: { organisation: { name: string } | null }) {
  const { t } = useTranslation();
  return <>{organisation ? t('wiki.orgWiki', { name: organisation.name }) : t('wiki.networkWiki')}</>;
}

export function VisibilityNote({ visibility }: { visibility: WikiVisibility }) {
  const { t } = useTranslation();
  if (visibility === 'public') return null;
  return (
    <span className="badge">
      <span aria-hidden="true">🔒 </span>
      {t(`wiki.visibility.${visibility}`)}
    </span>
  );
}

export function Byline({
  author,
  when,
  revision = false,
}: {
  author: { name: string } | null;
  when: string;
  /** one entry of the history rather than the page as it is now */
  revision?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {t(revision ? 'wiki.savedBy' : 'wiki.by', {
        name: author?.name || t('wiki.unknownAuthor'),
        when: formatDate(when, true),
      })}
    </>
  );
}

/** Back to the list of pages. */
export function BackToWiki() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/wissen/wiki">
        <span aria-hidden="true">← </span>
        {t('wiki.backToList')}
      </Link>
    </p>
  );
}
