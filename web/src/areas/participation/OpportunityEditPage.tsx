import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Empty, PageHeading, QueryView } from '../../app/ui.tsx';
import { ParticipationNav, useOpportunity } from './common.tsx';
import { OpportunityForm } from './OpportunityForm.tsx';

/** /mitmachen/:id/bearbeiten — change an opportunity (its coordinators). */
export function OpportunityEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const opportunity = useOpportunity(id);
  return (
    <QueryView query={opportunity}>
      {(o) => (
        <>
          <PageHeading title={t('participation.edit.editTitle', { title: o.title })} />
          <ParticipationNav />
          {o.abilities.update ? (
            <OpportunityForm existing={o} />
          ) : (
            <Empty>{t('participation.edit.notAllowed')}</Empty>
          )}
        </>
      )}
    </QueryView>
  );
}
