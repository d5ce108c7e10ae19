import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// Unterstützungskreise: only members ever open these, so they load on first use.
const CirclesPage = lazy(() => import('./CirclesPage.tsx').then((m) => ({ default: m.CirclesPage })));
const CirclePage = lazy(() => import('./CirclePage.tsx').then((m) => ({ default: m.CirclePage })));
const CreateCirclePage = lazy(() =>
  import('./CreateCirclePage.tsx').then((m) => ({ default: m.CreateCirclePage })),
);
const CircleMembersPage = lazy(() =>
  import('./MembersSection.tsx').then((m) => ({ default: m.MembersPage })),
);
const CircleTeamPage = lazy(() => import('./TeamSection.tsx').then((m) => ({ default: m.TeamPage })));
const CircleConsentPage = lazy(() =>
  import('./ConsentSection.tsx').then((m) => ({ default: m.ConsentPage })),
);
const CirclePrivacyPage = lazy(() =>
  import('./PrivacySection.tsx').then((m) => ({ default: m.PrivacyPage })),
);
const CircleMapRoutes = lazy(() => import('./map/index.tsx'));
const CircleJoinPage = lazy(() => import('./JoinPage.tsx').then((m) => ({ default: m.JoinPage })));

/** Unterstützungskreise. */
export const routes: RouteObject[] = [
  { path: 'kreise', element: signedIn(<CirclesPage />) },
  { path: 'kreise/neu', element: signedIn(<CreateCirclePage />) },
  { path: 'kreise/:id/mitglieder', element: signedIn(<CircleMembersPage />) },
  { path: 'kreise/:id/team', element: signedIn(<CircleTeamPage />) },
  { path: 'kreise/:id/einwilligung', element: signedIn(<CircleConsentPage />) },
  { path: 'kreise/:id/datenschutz', element: signedIn(<CirclePrivacyPage />) },
  { path: 'kreise/beitreten', element: <CircleJoinPage /> },
  { path: 'kreise/:id', element: signedIn(<CirclePage />) },
  { path: 'kreise/:id/karte/*', element: signedIn(<CircleMapRoutes />) },
];
