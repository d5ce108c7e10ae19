import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Empty, PageHeading, QueryView } from '../../app/ui.tsx';
import { ParticipationNav } from './common.tsx';
import { PlaybookForm, usePlaybookPage } from './PlaybookParts.tsx';

export function PlaybookEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = usePlaybookPage(id);
  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={t('participation.playbook.editTitle', { title: r.title })} />
          <ParticipationNav />
          {r.abilities.edit ? (
            <PlaybookForm existing={r} />
          ) : (
            <Empty>{t('participation.playbook.notAllowed')}</Empty>
          )}
        </>
      )}
    </QueryView>
  );
}
