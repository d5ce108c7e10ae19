import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session.tsx';

/** A page only for signed-in people, as a route element. */
export const signedIn = (page: ReactNode) => <RequireAccount>{page}</RequireAccount>;

/** Pages for signed-in people: others are sent to sign in, and come back afterwards. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session.account) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/anmelden?weiter=${encodeURIComponent(back)}`} replace />;
  }
  return <>{children}</>;
}
