import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../../app/ui.tsx';
import { toolPath } from './data.ts';
import MeetingToolPage from './MeetingToolPage.tsx';

/**
 * /mitgestalten/projekte/:projectId/werkzeuge/:toolId/protokoll — a meeting's record on a page of its
 * own, for the facilitator who comes back from the meeting with the paper (the tool's page shows the
 * same under the project's header).
 */
export default function MeetingRecordPage() {
  const { projectId = '', toolId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('codesignOffline.meeting.pageTitle')}>
        <p>
          <Link to={toolPath(projectId, toolId)}>{t('codesignOffline.kit.back')}</Link>
        </p>
      </PageHeading>
      <MeetingToolPage projectId={projectId} toolId={toolId} />
    </>
  );
}
