import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, PageHeading, QueryView } from '../../../app/ui.tsx';
import { useVote } from './VotesParts.tsx';

const DotsToolPage = lazy(() => import('./DotsToolPage.tsx'));
const RankingToolPage = lazy(() => import('./RankingToolPage.tsx'));

/**
 * A vote on a page of its own (/mitgestalten/abstimmungen/:toolId): the short link to hand out or print
 * on the paper kit, with the vote's title and a way to its project. In the project, the same pages sit
 * under the project's header.
 */
export function VotePage() {
  const { t } = useTranslation();
  const { toolId = '' } = useParams();
  const query = useVote(toolId, null);
  return (
    <QueryView query={query}>
      {(vote) => (
        <>
          <PageHeading title={vote.tool.title}>
            <p>
              <Link to={`/mitgestalten/projekte/${vote.tool.project.id}`}>
                {t('codesignVotes.inProject', { title: vote.tool.project.title })}
              </Link>
            </p>
            {vote.tool.description && <p>{vote.tool.description}</p>}
          </PageHeading>
          <Suspense fallback={<Loading />}>
            {vote.tool.kind === 'ranking' ? (
              <RankingToolPage projectId={vote.tool.project.id} toolId={toolId} />
            ) : (
              <DotsToolPage projectId={vote.tool.project.id} toolId={toolId} />
            )}
          </Suspense>
        </>
      )}
    </QueryView>
  );
}
