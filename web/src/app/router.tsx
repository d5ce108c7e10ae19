import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, type RouteObject } from 'react-router';
import { areaRoutes } from '../areas/index.ts';
import { InvitationPage } from '../features/auth/InvitationPage.tsx';
import { LinkRedeemPage } from '../features/auth/LinkRedeemPage.tsx';
import { RegisterPage } from '../features/auth/RegisterPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { RootErrorPage, RouteErrorPage } from '../features/feedback/ErrorPage.tsx';
import { helpRoutes } from '../features/help/routes.tsx';
import { FrontPage } from '../features/home/FrontPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { OrganisationPage } from '../features/organisations/OrganisationPage.tsx';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage.tsx';
import { PersonPage } from '../features/people/PersonPage.tsx';
import { ProfilePage } from '../features/profile/ProfilePage.tsx';
import { SearchPage } from '../features/search/SearchPage.tsx';
import { TodayPage } from '../features/today/TodayPage.tsx';
import { Layout } from './Layout.tsx';
import { RequireAccount } from './RequireAccount.tsx';
import { PageHeading } from './ui.tsx';

// Admin code is only fetched by those who open it.
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx'));
const OrganisationAdminPage = lazy(() => import('../features/organisations/OrganisationAdminPage.tsx'));
const InvitationsPage = lazy(() => import('../features/today/InvitationsPage.tsx'));
const OrganisationCreatePage = lazy(() => import('../features/organisations/OrganisationCreatePage.tsx'));
function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

/**
 * A page that fails — its code could not be fetched after an update, or it threw — shows a
 * translated page with a way back inside the layout (never the router's developer page).
 */
function withErrorPage(routes: RouteObject[]): RouteObject[] {
  return [{ errorElement: <RouteErrorPage />, children: routes }];
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // only a failing layout stands alone
    errorElement: <RootErrorPage />,
    children: withErrorPage([
      { index: true, element: <HomePage /> },
      // the front page for everyone, also for people signed in (whose start page is their own)
      { path: 'netzwerk', element: <FrontPage /> },
      {
        path: 'heute',
        element: (
          <RequireAccount>
            <TodayPage />
          </RequireAccount>
        ),
      },
      {
        path: 'einladungen',
        element: (
          <RequireAccount>
            <InvitationsPage />
          </RequireAccount>
        ),
      },
      { path: 'anmelden', element: <SignInPage /> },
      { path: 'anmelden/link', element: <LinkRedeemPage /> },
      { path: 'registrieren', element: <RegisterPage /> },
      { path: 'einladung', element: <InvitationPage /> },
      {
        path: 'profil',
        element: (
          <RequireAccount>
            <ProfilePage />
          </RequireAccount>
        ),
      },
      { path: 'organisationen', element: <OrganisationsPage /> },
      {
        path: 'organisationen/neu',
        element: (
          <RequireAccount>
            <OrganisationCreatePage />
          </RequireAccount>
        ),
      },
      { path: 'organisationen/:slug', element: <OrganisationPage /> },
      {
        path: 'organisationen/:slug/verwaltung',
        element: (
          <RequireAccount>
            <OrganisationAdminPage />
          </RequireAccount>
        ),
      },
      {
        path: 'verwaltung/*',
        element: (
          <RequireAccount>
            <AdminPage />
          </RequireAccount>
        ),
      },
      {
        path: 'benachrichtigungen',
        element: (
          <RequireAccount>
            <NotificationsPage />
          </RequireAccount>
        ),
      },
      { path: 'suche', element: <SearchPage /> },
      { path: 'personen/:id', element: <PersonPage /> },
      ...helpRoutes,
      ...areaRoutes,
      { path: '*', element: <NotFoundPage /> },
    ]),
  },
]);
