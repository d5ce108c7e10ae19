import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { wikiKeys } from './queries.ts';
import type { WikiPageList } from './types.ts';
import { WikiCreateForm, WikiEditForm } from './WikiForm.tsx';
import { BackToWiki, useWikiPage, wikiPath } from './WikiParts.tsx';

/** /wissen/wiki/:id/bearbeiten */
export function WikiEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = useWikiPage(id);
  return (
    <QueryView query={page}>
      {(p) => (
        <>
          <p>
            <Link to={wikiPath(p.id)}>
              <span aria-hidden="true">← </span>
              {t('wiki.backToPage', { title: p.title })}
            </Link>
          </p>
          <PageHeading title={t('wiki.editTitle', { title: p.title })} />
          {p.abilities.edit && !p.archivedAt ? (
            // a new mount per loaded revision: the form starts from what the page holds now
            <WikiEditForm key={p.currentRevision} page={p} />
          ) : (
            <Empty>{t('wiki.notAllowed')}</Empty>
          )}
        </>
      )}
    </QueryView>
  );
}

/** /wissen/wiki/neu (?titel=…&wiki=… from a missing link) */
export function WikiCreatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const wikis = useQuery({
    queryKey: wikiKeys.list('creatable'),
    queryFn: () => api<WikiPageList>('/wiki/pages', { query: { limit: 1 } }),
  });
  return (
    <>
      <BackToWiki />
      <PageHeading title={t('wiki.createTitle')} />
      <QueryView query={wikis} isEmpty={(d) => d.canCreateIn.length === 0} empty={t('wiki.notAllowedCreate')}>
        {(d) => (
          <WikiCreateForm
            wikis={d.canCreateIn}
            title={params.get('titel') ?? ''}
            wiki={params.get('wiki') ?? ''}
          />
        )}
      </QueryView>
    </>
  );
}
