import './discussions.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import type { District } from '../../../app/types.ts';
import { formatDate } from '../../../app/ui.tsx';
import type { Thread } from './types.ts';

/** The districts of the town, for the filter and the form. */
export function useDistricts() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: District[] }>('/districts'),
    staleTime: 5 * 60_000,
  });
}

/** The few words about a thread under its title: theme, district, organisation, community, who and when. */
export function ThreadMeta({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  return (
    <p className="meta discussion-meta">
      <span className="tag">{t(`discussions.themes.${thread.theme}`)}</span>
      {thread.district && <span>{thread.district.name}</span>}
      {thread.organisation && (
        <span>
          {t('discussions.forOrganisation')}{' '}
          <Link to={`/organisationen/${thread.organisation.slug}`}>{thread.organisation.name}</Link>
        </span>
      )}
      {thread.community && (
        <span>
          {t('discussions.inCommunity')}{' '}
          <Link to={`/raeume/gemeinschaften/${encodeURIComponent(thread.community.slug)}`}>
            {thread.community.name}
          </Link>
        </span>
      )}
      {thread.author && <span>{t('discussions.startedBy', { name: thread.author.name })}</span>}
      <span>{t('discussions.lastActivity', { when: formatDate(thread.lastPostAt, true) })}</span>
    </p>
  );
}

/** Marks a thread carries: waiting for review, solved, closed, hidden. */
export function ThreadBadges({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  return (
    <>
      {thread.reviewStatus === 'pending' && (
        <span className="discussion-badge discussion-badge-pending">{t('discussions.pending')}</span>
      )}
      {thread.solutionPostId && (
        <span className="discussion-badge discussion-badge-solved">
          <span aria-hidden="true">✓ </span>
          {t('discussions.solved')}
        </span>
      )}
      {thread.closed && <span className="discussion-badge">{t('discussions.closed')}</span>}
      {thread.hidden && (
        <span className="discussion-badge discussion-badge-hidden">{t('discussions.hiddenThread')}</span>
      )}
    </>
  );
}

export function DiscussionsNav() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/wissen/diskussionen">{t('discussions.backToList')}</Link>
    </p>
  );
}
