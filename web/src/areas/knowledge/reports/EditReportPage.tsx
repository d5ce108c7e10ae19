import './reports.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { mapReportKeys } from './queries.ts';
import { ReportForm } from './ReportForm.tsx';
import type { MapReport } from './types.ts';

/** /wissen/karte/:id/bearbeiten: the author changes their report while it is still new. */
export default function EditReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
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
          r.abilities.edit ? <ReportForm existing={r} /> : <Empty>{t('mapReports.form.notNew')}</Empty>
        }
      </QueryView>
    </>
  );
}
