import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Empty, PageHeading } from '../../../app/ui.tsx';
import { NewsForm, newsPath, useWritableOrganisations } from './NewsParts.tsx';

/** /wissen/neuigkeiten/neu (?organisation=<id>) — write a post for one of one's organisations. */
export function NewsCreatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const mine = useWritableOrganisations();
  return (
    <>
      <PageHeading title={t('news.createTitle')}>
        <p className="lead">{t('news.createLead')}</p>
      </PageHeading>
      {mine.length > 0 ? (
        <NewsForm organisationId={params.get('organisation') ?? undefined} />
      ) : (
        <Empty>
          {t('news.notAllowed')} <Link to={newsPath}>{t('news.allNews')}</Link>
        </Empty>
      )}
    </>
  );
}
