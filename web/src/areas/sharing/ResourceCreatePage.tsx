import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../app/ui.tsx';
import { ResourceForm } from './ResourceForms.tsx';
import { SharingNav } from './SharingNav.tsx';

/** /teilen/neu */
export function ResourceCreatePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('sharing.edit.createTitle')}>
        <p className="lead">{t('sharing.edit.createLead')}</p>
      </PageHeading>
      <SharingNav />
      <ResourceForm />
    </>
  );
}
