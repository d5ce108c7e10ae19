import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { formatDate } from '../../../app/ui.tsx';
import { StaleBadge } from '../freshness/FreshnessNote.tsx';
import { mapReportKeys } from './queries.ts';
import type { Kind, MapReportItem, Status, Support } from './types.ts';

/** What kind of report: words and a symbol, never colour alone. */
export function KindBadge({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return (
    <span className={`badge map-kind map-kind-${kind}`}>
      <span aria-hidden="true">{t(`mapReports.kindSymbol.${kind}`)} </span>
      {t(`mapReports.kind.${kind}`)}
    </span>
  );
}

/** Where a report stands, in words. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className={`badge map-status map-status-${status}`}>
      {t('mapReports.statusLabel')}: {t(`mapReports.status.${status}`)}
    </span>
  );
}

/**
 * "Me too": one button, pressed while the person counts (aria-pressed), with the count in its name.
 * It says what it did; the author sees only the count.
 */
export function MeTooButton({
  id,
  title,
  supported,
  count,
  canSupport,
}: {
  id: string;
  title: string;
  supported: boolean;
  count: number;
  canSupport: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (next: boolean) =>
      api<Support>(`/map-reports/${id}/support`, { method: next ? 'PUT' : 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: mapReportKeys.all() }),
    meta: {
      done: (r: unknown) => {
        const s = r as Support;
        return s.supported
          ? t('mapReports.meToo.done', { count: s.supportCount })
          : t('mapReports.meToo.undone', { count: s.supportCount });
      },
    },
  });
  const counted = <span className="me-too-count">{t('mapReports.meToo.count', { count })}</span>;
  if (!canSupport) return <p className="me-too">{counted}</p>;
  return (
    <p className="me-too">
      <button
        type="button"
        className={supported ? 'button secondary me-too-button' : 'button primary me-too-button'}
        aria-pressed={supported}
        aria-label={t('mapReports.meToo.name', {
          action: supported ? t('mapReports.meToo.pressed') : t('mapReports.meToo.button'),
          title,
          count,
        })}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!supported)}
      >
        <span aria-hidden="true">{supported ? '✓ ' : '+ '}</span>
        {supported ? t('mapReports.meToo.pressed') : t('mapReports.meToo.button')}
      </button>{' '}
      {counted}
      {toggle.isError && (
        <span className="field-error" role="alert">
          {' '}
          {toggle.error.message}
        </span>
      )}
    </p>
  );
}

/** One report in a list: what, where, how far along, how many noticed it too. */
export function ReportCard({ r, headingLevel = 3 }: { r: MapReportItem; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card map-report-card">
      <p className="meta">
        <KindBadge kind={r.kind} /> <StatusBadge status={r.status} /> <StaleBadge freshness={r.freshness} />
      </p>
      <Heading>
        <Link to={`/wissen/karte/${r.id}`}>{r.title}</Link>
      </Heading>
      <p className="meta">
        {t(`mapReports.category.${r.category}`)}
        {r.district && ` · ${r.district.name}`}
        {r.address && ` · ${r.address}`}
      </p>
      {r.excerpt && <p>{r.excerpt}</p>}
      <p className="meta">
        {t('mapReports.meToo.count', { count: r.supportCount })} ·{' '}
        {t('mapReports.filedOn', { date: formatDate(r.createdAt) })}
      </p>
    </li>
  );
}
