import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/ui.tsx';

/** How fresh a wiki page or a map report is, as the server sends it (`freshness` in their views). */
export interface Freshness {
  ownerId: string | null;
  ownerName: string | null;
  reviewIntervalDays: number;
  reviewedAt: string;
  reviewDueAt: string;
  outdatedNotes: number;
  stale: boolean;
}

/** The mark on stale content, in lists: words and a symbol, never colour alone. */
export function StaleBadge({ freshness }: { freshness: Freshness }) {
  const { t } = useTranslation();
  if (!freshness.stale) return null;
  return (
    <span className="badge stale-badge">
      <span aria-hidden="true">⚠ </span>
      {t('freshness.stale')}
    </span>
  );
}

/** What a freshness note is about. */
export interface FreshnessTarget {
  type: 'wiki_page' | 'map_report';
  id: string;
}

/**
 * Who keeps this current and when it was last checked; a stale thing says so plainly. Shown on every
 * wiki page and map report (`target` names it, for the actions on it).
 */
export function FreshnessNote({ freshness }: { freshness: Freshness; target: FreshnessTarget }) {
  const { t } = useTranslation();
  return (
    <aside
      className={freshness.stale ? 'freshness-note stale' : 'freshness-note'}
      aria-label={t('freshness.label')}
    >
      {freshness.stale && (
        <p>
          <StaleBadge freshness={freshness} />{' '}
          {freshness.outdatedNotes > 0
            ? t('freshness.staleNotes', { count: freshness.outdatedNotes })
            : t('freshness.staleOverdue')}
        </p>
      )}
      <p className="hint">
        {t('freshness.checked', { date: formatDate(freshness.reviewedAt) })}
        {freshness.ownerName && <> · {t('freshness.owner', { name: freshness.ownerName })}</>}
      </p>
    </aside>
  );
}
