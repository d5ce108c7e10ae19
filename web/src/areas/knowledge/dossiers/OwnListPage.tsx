import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import type { Page } from '../../../app/types.ts';
import { Empty, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { DossierCards, DossiersNav, useCompilerOrganisations, useMayCompile } from './Parts.tsx';
import { dossierKeys } from './queries.ts';
import type { DossierSummary } from './types.ts';

const limit = 10;

function OwnList({ which }: { which: 'drafts' | 'inbox' }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const list = useQuery({
    queryKey: dossierKeys.all(which, offset),
    queryFn: () => api<Page<DossierSummary>>(`/dossiers/${which}`, { query: { limit, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t(`dossiers.${which}.empty`)}>
      {(p) => (
        <>
          <DossierCards items={p.items} />
          <Pagination
            total={p.total}
            limit={p.limit}
            offset={p.offset}
            onOffset={(ab) => setParams(ab ? { ab: String(ab) } : {})}
          />
        </>
      )}
    </QueryView>
  );
}

/** /wissen/dossiers/entwuerfe — the drafts the person compiles. */
export function DraftsPage() {
  const { t } = useTranslation();
  const mayCompile = useMayCompile();
  return (
    <>
      <PageHeading title={t('dossiers.drafts.title')}>
        <p className="lead">{t('dossiers.drafts.intro')}</p>
      </PageHeading>
      <DossiersNav />
      {mayCompile ? (
        <>
          <p>
            <Link className="button primary" to="/wissen/dossiers/neu">
              {t('dossiers.nav.new')}
            </Link>
          </p>
          <OwnList which="drafts" />
        </>
      ) : (
        <Empty>{t('dossiers.drafts.notAllowed')}</Empty>
      )}
    </>
  );
}

/** /wissen/dossiers/posteingang — what was sent to the organisations the person acts for. */
export function InboxPage() {
  const { t } = useTranslation();
  const actsFor = useCompilerOrganisations().length > 0;
  return (
    <>
      <PageHeading title={t('dossiers.inbox.title')}>
        <p className="lead">{t('dossiers.inbox.intro')}</p>
      </PageHeading>
      <DossiersNav />
      {actsFor ? <OwnList which="inbox" /> : <Empty>{t('dossiers.inbox.empty')}</Empty>}
    </>
  );
}
