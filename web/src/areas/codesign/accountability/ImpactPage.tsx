import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import './accountability.css';
import { MethodsSection } from './MethodsSection.tsx';
import { OutcomeSection } from './OutcomeSection.tsx';
import { accountabilityKeys } from './queries.ts';
import { ReachSection } from './ReachSection.tsx';
import { ReviewsSection } from './ReviewsSection.tsx';
import type { OutcomeAnswer } from './types.ts';

/**
 * /mitgestalten/projekte/:projectId/wirkung — what became of a project: its outcome, who is affected
 * vs who took part, its reviews and the methods its tools applied. Where the review reminder leads.
 */
export default function ImpactPage() {
  const { t } = useTranslation();
  const projectId = useParams().projectId ?? '';
  const outcome = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'outcome'),
    queryFn: () => api<OutcomeAnswer>(`/codesign/projects/${projectId}/outcome`),
  });
  return (
    <div className="stack impact-page">
      <QueryView query={outcome}>
        {(o) => (
          <>
            <PageHeading title={t('codesignAccountability.title')}>
              <p className="meta">
                <Link to={`/mitgestalten/projekte/${projectId}`}>{o.project.title}</Link>
              </p>
            </PageHeading>
            <p>{t('codesignAccountability.intro')}</p>
            <nav aria-label={t('codesignAccountability.title')} className="impact-nav">
              <ul>
                <li>
                  <a href="#outcome-title">{t('codesignAccountability.nav.outcome')}</a>
                </li>
                <li>
                  <a href="#reach-title">{t('codesignAccountability.nav.reach')}</a>
                </li>
                <li>
                  <a href="#reviews-title">{t('codesignAccountability.nav.reviews')}</a>
                </li>
                <li>
                  <a href="#methods-title">{t('codesignAccountability.nav.methods')}</a>
                </li>
              </ul>
            </nav>
            <OutcomeSection projectId={projectId} answer={o} />
            <ReachSection projectId={projectId} />
            <ReviewsSection projectId={projectId} answer={o} />
            <MethodsSection projectId={projectId} />
            <p>
              <Link to={`/mitgestalten/projekte/${projectId}`}>
                {t('codesignAccountability.backToProject')}
              </Link>
            </p>
          </>
        )}
      </QueryView>
    </div>
  );
}
