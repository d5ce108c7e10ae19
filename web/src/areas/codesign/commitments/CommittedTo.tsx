import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { commitmentKeys } from './queries.ts';
import type { Linked } from './types.ts';

/**
 * "Zugesagt für das Mitgestalten-Projekt: …" — on Teilen's booking page and Mitmachen's opportunity
 * page (they render it through ../index.ts): the projects this booking, opportunity or shift is
 * committed to, as far as the reader may see them. Nothing at all when there are none.
 */
export function CommittedTo({ type, id }: { type: 'booking' | 'opportunity' | 'shift'; id: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: commitmentKeys.linked(type, id),
    queryFn: () => api<Linked>('/codesign/commitments/linked', { query: { type, id } }),
    retry: false,
  });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  const projects = [...new Map(items.map((i) => [i.project.id, i.project])).values()];
  return (
    <aside className="committed-to" aria-label={t('codesignCommitments.committedTo.label')}>
      <p>
        {t('codesignCommitments.committedTo.intro', { count: projects.length })}{' '}
        {projects.map((p, i) => (
          <span key={p.id}>
            {i > 0 && ', '}
            <Link to={`/mitgestalten/projekte/${p.id}/zusagen`}>{p.title}</Link>
          </span>
        ))}
      </p>
    </aside>
  );
}
