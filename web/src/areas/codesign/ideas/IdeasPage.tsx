import { useParams } from 'react-router';
import IdeasToolPage from './IdeasToolPage.tsx';

/**
 * /mitgestalten/ideen/:toolId — an ideas tool on a page of its own (a link that leads straight to the
 * ideas, e.g. from a printed kit or the timeline); the projects part shows the same page under the
 * project's header.
 */
export function IdeasPage() {
  const { toolId = '' } = useParams();
  return <IdeasToolPage projectId="" toolId={toolId} standalone />;
}
