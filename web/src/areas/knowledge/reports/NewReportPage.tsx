import './reports.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../../app/ui.tsx';
import { ReportForm } from './ReportForm.tsx';

/** /wissen/karte/neu: file a report, in under a minute on a phone. */
export default function NewReportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('mapReports.form.newTitle')}>
        <p className="lead">{t('mapReports.form.newLead')}</p>
      </PageHeading>
      <p>
        <Link to="/wissen/karte">{t('mapReports.backToMap')}</Link>
      </p>
      <ReportForm />
    </>
  );
}
