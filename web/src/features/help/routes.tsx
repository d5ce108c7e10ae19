import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// Asking an organisation, each page fetched when first opened.
const EnquiryPage = lazy(() => import('./EnquiryPage.tsx'));
const MyEnquiriesPage = lazy(() => import('./MyEnquiriesPage.tsx'));

/**
 * Asking an organisation for help, or about what only its members may use; and one's own enquiries.
 * Asking needs an account: the page says so and brings the person back.
 */
export const helpRoutes: RouteObject[] = [
  { path: 'hilfe-finden/meine-anfragen', element: signedIn(<MyEnquiriesPage />) },
  { path: 'organisationen/:slug/anfrage', element: <EnquiryPage /> },
];
