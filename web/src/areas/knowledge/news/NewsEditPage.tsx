import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { NewsForm, postPath, usePost } from './NewsParts.tsx';

/** /wissen/neuigkeiten/:id/bearbeiten — change a post (the organisation's staff and admins). */
export function NewsEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const post = usePost(id);
  return (
    <QueryView query={post}>
      {(p) => (
        <>
          <PageHeading title={t('news.editTitle', { title: p.title })} />
          {p.abilities.edit ? (
            <NewsForm existing={p} />
          ) : (
            <Empty>
              {t('news.notAllowed')} <Link to={postPath(p.id)}>{t('news.backToPost')}</Link>
            </Empty>
          )}
        </>
      )}
    </QueryView>
  );
}
