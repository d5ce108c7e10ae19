import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeading } from '../../../app/ui.tsx';
import ConsensusToolPage from './ConsensusToolPage.tsx';

/** The consensus tool's page with a heading of its own, where the projects part's tool page is not there. */
export default function StandaloneToolPage() {
  const { t } = useTranslation();
  const { projectId = '', toolId = '' } = useParams();
  return (
    <>
      <PageHeading title={t('codesignConsensus.pageTitle')} />
      <ConsensusToolPage projectId={projectId} toolId={toolId} />
    </>
  );
}
