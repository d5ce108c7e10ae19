import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { formatDate, QueryView } from '../../../app/ui.tsx';
import { accountabilityKeys } from './queries.ts';
import type { MethodUsage as Usage } from './types.ts';

/**
 * On a page of the participation playbook (the method library): the co-design projects that applied
 * this method, with their outcome and what their latest review said — as far as the reader may see
 * them. Exported through the area's index.ts for Mitmachen's playbook page.
 */
export function MethodUsage({ pageId }: { pageId: string }) {
  const { t } = useTranslation();
  const usage = useQuery({
    queryKey: accountabilityKeys.method(pageId),
    queryFn: () => api<Usage>(`/codesign/methods/${pageId}/projects`),
  });
  return (
    <section aria-labelledby={`usage-${pageId}`} className="stack">
      <h2 id={`usage-${pageId}`}>{t('codesignAccountability.methods.usage.title')}</h2>
      <QueryView query={usage}>
        {(u) =>
          u.projects.length === 0 ? (
            <p>{t('codesignAccountability.methods.usage.none')}</p>
          ) : (
            <ul className="method-usage">
              {u.projects.map((p) => (
                <li key={p.id} className="card stack">
                  <h3>
                    <Link to={`/mitgestalten/projekte/${p.id}/wirkung`}>{p.title}</Link>
                  </h3>
                  <p className="meta">
                    {t('codesignAccountability.methods.usage.tools', { tools: p.tools.join(', ') })}
                  </p>
                  {p.outcome && (
                    <p>
                      {t(`codesignAccountability.outcome.status.${p.outcome.status}`)} ·{' '}
                      {t('codesignAccountability.outcome.progressValue', { value: p.outcome.progress })}
                    </p>
                  )}
                  {p.review ? (
                    <div>
                      <p className="meta">
                        {t('codesignAccountability.methods.usage.review', {
                          date: formatDate(p.review.heldOn),
                        })}
                      </p>
                      <p>
                        <strong>{t('codesignAccountability.reviews.worked')}</strong> {p.review.worked}
                      </p>
                      {p.review.didNotWork && (
                        <p>
                          <strong>{t('codesignAccountability.reviews.didNotWork')}</strong>{' '}
                          {p.review.didNotWork}
                        </p>
                      )}
                    </div>
                  ) : (
                    <p className="meta">{t('codesignAccountability.methods.usage.noReview')}</p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
