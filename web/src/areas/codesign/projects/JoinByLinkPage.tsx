import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import { Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { codesignPath, projectPath } from './queries.ts';
import type { ProjectSummary } from './types.ts';

/** /mitgestalten/beitreten#secret — the project a join link opens, and joining it. */
export function JoinByLinkPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const secret = window.location.hash.replace(/^#/, '');
  const preview = useQuery({
    queryKey: ['codesign', 'by-link', secret],
    queryFn: () => api<ProjectSummary>('/codesign/projects/by-link', { method: 'POST', body: { secret } }),
    enabled: secret.length >= 16,
    retry: false,
  });
  const join = useMutation({
    mutationFn: () =>
      api<{ projectId: string }>('/codesign/projects/join-by-link', { method: 'POST', body: { secret } }),
    onSuccess: (r) => navigate(projectPath(r.projectId)),
  });
  if (secret.length < 16)
    return (
      <>
        <PageHeading title={t('codesign.projects.joinLink.title')} />
        <Empty>
          {t('codesign.projects.joinLink.broken')}{' '}
          <Link to={codesignPath}>{t('codesign.projects.homeTitle')}</Link>
        </Empty>
      </>
    );
  return (
    <>
      <PageHeading title={t('codesign.projects.joinLink.title')} />
      <QueryView query={preview}>
        {(p) => (
          <div>
            <p>{t('codesign.projects.joinLink.text', { title: p.title })}</p>
            {p.summary && <p>{p.summary}</p>}
            <FormError error={join.error} />
            {session.account ? (
              p.me?.status === 'active' ? (
                <Link className="button primary" to={projectPath(p.id)}>
                  {t('codesign.projects.joinLink.open')}
                </Link>
              ) : (
                <button
                  type="button"
                  className="button primary"
                  disabled={join.isPending}
                  onClick={() => join.mutate()}
                >
                  {t('codesign.projects.join')}
                </button>
              )
            ) : (
              <p>
                <Link
                  to={`/anmelden?weiter=${encodeURIComponent(`${window.location.pathname}${window.location.hash}`)}`}
                >
                  {t('codesign.projects.signInToJoin')}
                </Link>
              </p>
            )}
          </div>
        )}
      </QueryView>
    </>
  );
}
