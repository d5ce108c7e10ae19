import { useTranslation } from 'react-i18next';
import { Empty, PageHeading } from '../../app/ui.tsx';
import { ParticipationNav } from './common.tsx';
import { PlaybookForm, useCanEdit } from './PlaybookParts.tsx';

export function PlaybookCreatePage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  return (
    <>
      <PageHeading title={t('participation.playbook.createTitle')} />
      <ParticipationNav />
      {canEdit ? <PlaybookForm /> : <Empty>{t('participation.playbook.notAllowed')}</Empty>}
    </>
  );
}
