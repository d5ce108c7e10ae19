import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { ProjectCard } from './Parts.tsx';
import { codesignPath, projectKeys, useOrganisingFor } from './queries.ts';
import type { ProjectSummary } from './types.ts';

const pageSize = 10;

function ProjectList({
  id,
  title,
  query,
  empty,
}: {
  id: string;
  title: string;
  query: Record<string, string | boolean>;
  empty: string;
}) {
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: projectKeys.projects(query, offset),
    queryFn: () =>
      api<Page<ProjectSummary>>('/codesign/projects', { query: { ...query, limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby={`${id}-title`} id={id} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={empty}>
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((x) => (
                <ProjectCard key={x.id} p={x} />
              ))}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById(id)?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** /mitgestalten — what Mitgestalten is, my projects, projects open to join, and (for staff) starting one. */
export function CodesignHomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const organising = useOrganisingFor();
  return (
    <div className="codesign-home">
      <PageHeading title={t('codesign.projects.homeTitle')}>
        <p className="lead">{t('codesign.projects.homeLead')}</p>
      </PageHeading>
      {organising.length > 0 && (
        <div className="actions">
          <Link className="button primary" to={`${codesignPath}/projekte/neu`}>
            {t('codesign.projects.start')}
          </Link>
        </div>
      )}
      {session.account && (
        <ProjectList
          id="codesign-mine"
          title={t('codesign.projects.mine')}
          query={{ mine: true }}
          empty={t('codesign.projects.mineEmpty')}
        />
      )}
      {session.account ? (
        <ProjectList
          id="codesign-joinable"
          title={t('codesign.projects.joinable')}
          query={{ joinable: true }}
          empty={t('codesign.projects.joinableEmpty')}
        />
      ) : (
        <ProjectList
          id="codesign-all"
          title={t('codesign.projects.running')}
          query={{ status: 'active' }}
          empty={t('codesign.projects.runningEmpty')}
        />
      )}
    </div>
  );
}
