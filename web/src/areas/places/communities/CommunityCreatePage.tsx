import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../app/ui.tsx';
import { CommunityForm } from './CommunityForm.tsx';
import { BackToList } from './CommunityParts.tsx';

/** /raeume/gemeinschaften/neu — found a community: whoever makes it owns it. */
export function CommunityCreatePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('placesCommunities.createTitle')}>
        <p className="lead">{t('placesCommunities.createLead')}</p>
      </PageHeading>
      <BackToList />
      <CommunityForm />
    </>
  );
}
