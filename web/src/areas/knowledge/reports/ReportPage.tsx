import './reports.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextAreaField, useAction } from '../../../app/forms.tsx';
import { RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, formatDate, PageHeading, QueryView } from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { FollowButton } from '../digests/FollowButton.tsx';
import { FreshnessNote } from '../freshness/FreshnessNote.tsx';
import { mapReportKeys } from './queries.ts';
import { KindBadge, MeTooButton, StatusBadge } from './ReportParts.tsx';
import { type MapReport, type Status, statuses } from './types.ts';

/** Staff of a public body and the network's coordinator set the status, always with a reason. */
function StatusForm({ r }: { r: MapReport }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const options = statuses.filter((s) => s !== r.status);
  const [status, setStatus] = useState<Status>(options[0] ?? 'confirmed');
  const [reason, setReason] = useState('');
  const action = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    void action
      .run(
        async () => {
          await api(`/map-reports/${r.id}/status`, {
            method: 'POST',
            body: { status, reason: reason.trim() },
          });
          await qc.invalidateQueries({ queryKey: mapReportKeys.all() });
        },
        form.current,
        t('mapReports.statusForm.done', { status: t(`mapReports.status.${status}`) }),
      )
      .then((ok) => {
        if (ok) setReason('');
      });
  }
  return (
    <section className="card" aria-labelledby="status-form-title">
      <h2 id="status-form-title">{t('mapReports.statusForm.title')}</h2>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['status', 'reason']} />
        <SelectField
          label={t('mapReports.statusForm.status')}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as Status)}
          options={options.map((s) => ({ value: s, label: t(`mapReports.status.${s}`) }))}
          error={action.error}
        />
        <TextAreaField
          label={t('mapReports.statusForm.reason')}
          name="reason"
          required
          rows={3}
          maxLength={1000}
          hint={t('mapReports.statusForm.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('mapReports.statusForm.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/**
 * /wissen/karte/:id: one report — what and where, its photo with its description, the text, "me too"
 * with who else noticed it, how fresh it is, the status history with every reason, following and
 * flagging; for the author while it is new, change or withdraw; for the town, the status.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: mapReportKeys.report(id),
    queryFn: () => api<MapReport>(`/map-reports/${id}`),
  });
  return (
    <QueryView query={report}>
      {(r) => (
        <>
          <PageHeading title={r.title}>
            <p className="meta">
              <KindBadge kind={r.kind} /> <StatusBadge status={r.status} />{' '}
              <span className="badge map-kind">{t(`mapReports.category.${r.category}`)}</span>
            </p>
          </PageHeading>
          <p>
            <Link to="/wissen/karte">{t('mapReports.backToMap')}</Link>
          </p>
          <article className="map-report">
            <p className="map-report-place">
              <strong>{t('mapReports.report.where')}:</strong>{' '}
              {[r.address, r.district?.name].filter(Boolean).join(' · ') || t('mapReports.report.onMap')}
            </p>
            <p className="meta">
              {r.author
                ? t('mapReports.report.filedBy', { name: r.author.name, date: formatDate(r.createdAt) })
                : t('mapReports.report.filed', { date: formatDate(r.createdAt) })}
            </p>
            {r.photo && (
              <figure className="map-report-photo">
                <img
                  src={r.photo.url}
                  alt={r.photo.alt}
                  width={r.photo.width}
                  height={r.photo.height}
                  loading="lazy"
                />
              </figure>
            )}
            {r.bodyHtml && <RichText html={r.bodyHtml} />}

            <section aria-labelledby="me-too-title" className="card me-too-section">
              <h2 id="me-too-title">{t('mapReports.meToo.title')}</h2>
              <MeTooButton
                id={r.id}
                title={r.title}
                supported={r.supported}
                count={r.supportCount}
                canSupport={r.abilities.support}
              />
              {!session.account && (
                <p className="hint">
                  <Link to={`/anmelden?next=${encodeURIComponent(`/wissen/karte/${r.id}`)}`}>
                    {t('mapReports.meToo.signIn')}
                  </Link>
                </p>
              )}
              {r.supporters.length > 0 && (
                <p>
                  {t('mapReports.meToo.who')} {r.supporters.map((s) => s.name).join(', ')}
                  {r.supportCount > r.supporters.length &&
                    ` ${t('mapReports.meToo.andMore', { count: r.supportCount - r.supporters.length })}`}
                </p>
              )}
            </section>

            <FreshnessNote freshness={r.freshness} target={{ type: 'map_report', id: r.id }} />

            <section aria-labelledby="history-title">
              <h2 id="history-title">{t('mapReports.history.title')}</h2>
              <ol className="status-history">
                <li>
                  <strong>{t('mapReports.status.new')}</strong> · {formatDate(r.createdAt, true)}
                  <br />
                  {t('mapReports.history.filed')}
                </li>
                {r.history.map((h) => (
                  <li key={h.id}>
                    <strong>{t(`mapReports.status.${h.to}`)}</strong> · {formatDate(h.at, true)}
                    {(h.organisation || h.by) && <> · {[h.by, h.organisation].filter(Boolean).join(', ')}</>}
                    <br />
                    <span className="status-reason">
                      {t('mapReports.history.reason')}: {h.reason}
                    </span>
                  </li>
                ))}
              </ol>
            </section>

            {r.abilities.changeStatus && <StatusForm r={r} />}

            {session.account && (
              <p className="actions">
                <FollowButton
                  targetType="map_report"
                  targetId={r.id}
                  following={r.following}
                  invalidate={mapReportKeys.report(r.id)}
                />
                {r.abilities.edit && (
                  <Link className="button secondary" to={`/wissen/karte/${r.id}/bearbeiten`}>
                    {t('mapReports.report.edit')}
                  </Link>
                )}
                {r.abilities.withdraw && (
                  <ConfirmButton
                    label={t('mapReports.report.withdraw')}
                    title={t('mapReports.report.withdrawTitle')}
                    message={<p>{t('mapReports.report.withdrawText')}</p>}
                    confirmLabel={t('mapReports.report.withdrawConfirm')}
                    onConfirm={async () => {
                      await api(`/map-reports/${r.id}`, { method: 'DELETE' });
                      qc.removeQueries({ queryKey: mapReportKeys.report(r.id) });
                      await qc.invalidateQueries({ queryKey: mapReportKeys.all() });
                      navigate('/wissen/karte');
                    }}
                    done={t('mapReports.report.withdrawn')}
                  />
                )}
                <FlagButton entityType="map_report" entityId={r.id} />
              </p>
            )}
          </article>
        </>
      )}
    </QueryView>
  );
}
