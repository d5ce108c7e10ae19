import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import { toolPath, useKit } from './data.ts';
import { PaperKit } from './PaperKit.tsx';
import './offline.css';

/** /mitgestalten/projekte/:projectId/werkzeuge/:toolId/papier — a tool's paper kit, to print on A4. */
export default function PaperKitPage() {
  const { projectId = '', toolId = '' } = useParams();
  const { t } = useTranslation();
  const kit = useKit(toolId);
  return (
    <>
      <div className="no-print">
        <PageHeading title={t('codesignOffline.kit.title')}>
          <p className="lead">{t('codesignOffline.kit.lead')}</p>
        </PageHeading>
        <p className="actions">
          <button type="button" className="button primary" onClick={() => window.print()}>
            {t('codesignOffline.kit.print')}
          </button>
          <Link className="button secondary" to={toolPath(projectId, toolId)}>
            {t('codesignOffline.kit.back')}
          </Link>
        </p>
      </div>
      <QueryView query={kit}>{(k) => <PaperKit kit={k} />}</QueryView>
    </>
  );
}
