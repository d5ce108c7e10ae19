import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorMessage } from '../../../app/api.ts';
import { QueryView } from '../../../app/ui.tsx';
import { accountabilityKeys } from './queries.ts';
import type { ToolMethods } from './types.ts';

/**
 * The method each of the project's tools applied: a page of the participation playbook, the network's
 * method library. Organisers choose it; everyone sees it with a link to the page, where the projects
 * that used it are listed with their reviews.
 */
export function MethodsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const methods = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'methods'),
    queryFn: () => api<ToolMethods>(`/codesign/projects/${projectId}/methods`),
  });
  return (
    <section aria-labelledby="methods-title" className="stack">
      <h2 id="methods-title">{t('codesignAccountability.methods.title')}</h2>
      <p>{t('codesignAccountability.methods.intro')}</p>
      <QueryView query={methods}>
        {(m) =>
          m.tools.length === 0 ? (
            <p>{t('codesignAccountability.methods.none')}</p>
          ) : (
            <ul className="method-list">
              {m.tools.map((tool) => (
                <li key={tool.id}>
                  <strong>{tool.title}</strong> <span className="meta">({tool.phaseTitle})</span>
                  <br />
                  {m.may.organise ? (
                    <MethodPicker projectId={projectId} tool={tool} />
                  ) : tool.method ? (
                    <Link to={`/mitmachen/praxis/${tool.method.id}`}>{tool.method.title}</Link>
                  ) : (
                    <span className="meta">{t('codesignAccountability.methods.noMethod')}</span>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <p>
        <Link to="/mitmachen/praxis">{t('codesignAccountability.methods.handbook')}</Link>
      </p>
    </section>
  );
}

function MethodPicker({ projectId, tool }: { projectId: string; tool: ToolMethods['tools'][number] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pages = useQuery({
    queryKey: ['playbook', 'pages', 'all'],
    queryFn: () =>
      api<{ items: { pageId: string; title: string }[] }>('/playbook/pages', { query: { limit: 100 } }),
  });
  const save = useMutation({
    mutationFn: (pageId: string | null) =>
      api(`/codesign/tools/${tool.id}/method`, { method: 'PUT', body: { pageId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountabilityKeys.project(projectId) }),
    meta: { done: () => t('codesignAccountability.methods.done') },
  });
  const id = `method-${tool.id}`;
  return (
    <span className="method-picker">
      <label htmlFor={id}>{t('codesignAccountability.methods.choose', { tool: tool.title })}</label>{' '}
      <select
        id={id}
        value={tool.method?.id ?? ''}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value || null)}
      >
        <option value="">{t('codesignAccountability.methods.nothing')}</option>
        {(pages.data?.items ?? []).map((p) => (
          <option key={p.pageId} value={p.pageId}>
            {p.title}
          </option>
        ))}
      </select>
      {tool.method && (
        <>
          {' '}
          <Link to={`/mitmachen/praxis/${tool.method.id}`}>{tool.method.title}</Link>
        </>
      )}
      {save.isError && (
        <span className="form-error" role="alert">
          {errorMessage(save.error)}
        </span>
      )}
    </span>
  );
}
