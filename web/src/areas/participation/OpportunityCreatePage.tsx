import { useTranslation } from 'react-i18next';
import { Empty, PageHeading } from '../../app/ui.tsx';
import { ParticipationNav, useCoordinatedOrganisations } from './common.tsx';
import { OpportunityForm } from './OpportunityForm.tsx';

/** /mitmachen/neu — a new opportunity for an organisation the person coordinates for (saved as a draft or published). */
export function OpportunityCreatePage() {
  const { t } = useTranslation();
  const mine = useCoordinatedOrganisations();
  return (
    <>
      <PageHeading title={t('participation.edit.createTitle')}>
        <p className="lead">{t('participation.edit.createLead')}</p>
      </PageHeading>
      <ParticipationNav />
      {mine.length === 0 ? <Empty>{t('participation.edit.notCoordinator')}</Empty> : <OpportunityForm />}
    </>
  );
}
