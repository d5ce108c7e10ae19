import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, PageHeading } from '../../../app/ui.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { codesignPath, useOrganisingFor } from './queries.ts';

/** /mitgestalten/projekte/neu — start a project from a template (for staff and admins of an organisation). */
export function ProjectCreatePage() {
  const { t } = useTranslation();
  const organising = useOrganisingFor();
  return (
    <>
      <PageHeading title={t('codesign.projects.createTitle')}>
        <p className="lead">{t('codesign.projects.createLead')}</p>
      </PageHeading>
      {organising.length > 0 ? (
        <ProjectForm />
      ) : (
        <Empty>
          {t('codesign.projects.createNotAllowed')}{' '}
          <Link to={codesignPath}>{t('codesign.projects.homeTitle')}</Link>
        </Empty>
      )}
    </>
  );
}
