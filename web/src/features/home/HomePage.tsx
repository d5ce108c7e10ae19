import { lazy } from 'react';
import { useSession } from '../../app/session.tsx';
import { EntryPoints } from './EntryPoints.tsx';
import { FrontPage } from './FrontPage.tsx';

// a signed-in person's day, fetched for them only (a visitor's first page is the front page)
const TodayPage = lazy(() => import('../today/TodayPage.tsx'));

/**
 * `/`: a visitor sees the front page (what the network is, three ways in by need, the town in
 * numbers); a signed-in person their own day ("Heute", features/today) with the same three ways in
 * below it — something to start with, also for someone who belongs to no organisation. The front
 * page stays at /netzwerk for everyone.
 */
export function HomePage() {
  const { session } = useSession();
  if (!session.account) return <FrontPage />;
  return (
    <TodayPage>
      <EntryPoints />
    </TodayPage>
  );
}
