import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { formatDate, Loading, PageHeading, QueryView } from '../../../app/ui.tsx';
import { toolPages } from '../tools.tsx';
import type { ToolHeaderView } from '../types.ts';
import { projectKeys, projectPath } from './queries.ts';
import './projects.css';

/** /mitgestalten/projekte/:projectId/werkzeuge/:toolId — the tool's header, then the page of its kind. */
export function ToolPage() {
  const { t } = useTranslation();
  const { projectId = '', toolId = '' } = useParams();
  const q = useQuery({
    queryKey: projectKeys.tool(toolId),
    queryFn: () => api<{ tool: ToolHeaderView }>(`/codesign/tools/${encodeURIComponent(toolId)}`),
  });
  return (
    <QueryView query={q}>
      {({ tool }) => {
        const KindPage = toolPages[tool.kind];
        return (
          <div className="codesign-tool">
            <p className="breadcrumb">
              <Link to={projectPath(tool.project.id)}>{tool.project.title}</Link> · {tool.phase.title}
            </p>
            <PageHeading title={tool.title}>
              {tool.description && <p className="lead">{tool.description}</p>}
              <p className="meta">
                {t(`codesign.tool.kind.${tool.kind}`)}
                {' · '}
                <span className={tool.open ? 'status-pill ok' : 'status-pill'}>
                  {tool.open ? t('codesign.tool.open') : t('codesign.tool.closed')}
                </span>
                {tool.closesAt && (
                  <> · {t('codesign.tool.until', { date: formatDate(tool.closesAt, true) })}</>
                )}
                {tool.may.facilitate && <> · {t('codesign.tool.paperCode', { code: tool.paperCode })}</>}
              </p>
            </PageHeading>
            {tool.may.facilitate && (
              <div className="actions">
                <Link
                  className="button secondary"
                  to={`${projectPath(tool.project.id)}/werkzeuge/${tool.id}/papier`}
                >
                  {t('codesign.tool.paperKit')}
                </Link>
                <Link
                  className="button secondary"
                  to={`${projectPath(tool.project.id)}/werkzeuge/${tool.id}/auszaehlung`}
                >
                  {t('codesign.tool.tally')}
                </Link>
              </div>
            )}
            <Suspense fallback={<Loading />}>
              <KindPage projectId={projectId || tool.project.id} toolId={tool.id} />
            </Suspense>
          </div>
        );
      }}
    </QueryView>
  );
}
