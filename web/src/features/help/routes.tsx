import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// The help paths, each fetched when first opened (the front page links to them).
const FindHelpPage = lazy(() => import('./FindHelpPage.tsx'));
const NeedPage = lazy(() => import('./NeedPage.tsx'));
const AskPage = lazy(() => import('./AskPage.tsx'));
const EnquiryPage = lazy(() => import('./EnquiryPage.tsx'));
const MyEnquiriesPage = lazy(() => import('./MyEnquiriesPage.tsx'));
const HelpOthersPage = lazy(() => import('./HelpOthersPage.tsx'));
const ShareLendPage = lazy(() => import('./ShareLendPage.tsx'));

/**
 * The three entry points by need: "Ich suche Hilfe" (kind of help → who helps → them, or asking),
 * "Ich möchte helfen" and "Ich möchte etwas teilen oder leihen"; and asking an organisation.
 * Asking needs an account: the pages say so where it is needed and bring the person back.
 */
export const helpRoutes: RouteObject[] = [
  { path: 'hilfe-finden', element: <FindHelpPage /> },
  { path: 'hilfe-finden/meine-anfragen', element: signedIn(<MyEnquiriesPage />) },
  { path: 'hilfe-finden/:need', element: <NeedPage /> },
  { path: 'hilfe-finden/:need/fragen', element: <AskPage /> },
  { path: 'helfen', element: <HelpOthersPage /> },
  { path: 'teilen-leihen', element: <ShareLendPage /> },
  { path: 'organisationen/:slug/anfrage', element: <EnquiryPage /> },
];
