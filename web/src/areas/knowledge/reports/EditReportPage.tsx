import './reports.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { ConfirmButton, Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { mapReportKeys } from './queries.ts';
import { ReportForm } from './ReportForm.tsx';
import type { MapReport } from './types.ts';

/** /wissen/karte/:id/bearbeiten: the author changes their report while it is still new. */
export default function EditReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: mapReportKeys.report(id),
    queryFn: () => api<MapReport>(`/map-reports/${id}`),
  });
  return (
    <>
      <PageHeading title={t('mapReports.form.editTitle')} />
      <p>
        <Link to={`/wissen/karte/${id}`}>{t('mapReports.backToReport')}</Link>
      </p>
      <QueryView query={report}>
        {(r) =>
          r.abilities.edit ? (
            <>
              <ReportForm existing={r} />
              {r.photo && (
                <section className="card" aria-labelledby="photo-title">
                  <h2 id="photo-title">{t('mapReports.form.photoNow')}</h2>
                  <img src={r.photo.thumbUrl} alt={r.photo.alt} className="map-report-thumb" />
                  <ConfirmButton
                    label={t('mapReports.form.photoRemove')}
                    title={t('mapReports.form.photoRemoveTitle')}
                    message={<p>{t('mapReports.form.photoRemoveText')}</p>}
                    confirmLabel={t('mapReports.form.photoRemove')}
                    onConfirm={async () => {
                      await api(`/map-reports/${r.id}/photo`, { method: 'DELETE' });
                      await qc.invalidateQueries({ queryKey: mapReportKeys.all() });
                    }}
                    done={t('mapReports.form.photoRemoved')}
                  />
                </section>
              )}
            </>
          ) : (
            <Empty>{t('mapReports.form.notNew')}</Empty>
          )
        }
      </QueryView>
    </>
  );
}
