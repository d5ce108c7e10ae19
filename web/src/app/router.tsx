import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, type RouteObject } from 'react-router';
import { areaRoutesFor } from '../areas/index.ts';
import { dataRoutes } from '../features/data/routes.tsx';
import { RootErrorPage, RouteErrorPage } from '../features/feedback/ErrorPage.tsx';
import { helpRoutes } from '../features/help/routes.tsx';
import { FrontPage } from '../features/home/FrontPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { allAreas, type TextUnit, textsFor } from './i18n.ts';
import { Layout } from './Layout.tsx';
import { RequireAccount } from './RequireAccount.tsx';
import { Loading, PageHeading } from './ui.tsx';

// Every page is fetched when first opened: the start bundle holds the layout and the home page
// (app/router.tsx, features/home), and a first visit loads only what its page needs.
const InvitationPage = lazy(() =>
  import('../features/auth/InvitationPage.tsx').then((m) => ({ default: m.InvitationPage })),
);
const LinkRedeemPage = lazy(() =>
  import('../features/auth/LinkRedeemPage.tsx').then((m) => ({ default: m.LinkRedeemPage })),
);
const RegisterPage = lazy(() =>
  import('../features/auth/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
);
const SignInPage = lazy(() =>
  import('../features/auth/SignInPage.tsx').then((m) => ({ default: m.SignInPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const OrganisationPage = lazy(() =>
  import('../features/organisations/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })),
);
const OrganisationsPage = lazy(() =>
  import('../features/organisations/OrganisationsPage.tsx').then((m) => ({ default: m.OrganisationsPage })),
);
const PersonPage = lazy(() =>
  import('../features/people/PersonPage.tsx').then((m) => ({ default: m.PersonPage })),
);
const ProfilePage = lazy(() =>
  import('../features/profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })),
);
const SearchPage = lazy(() =>
  import('../features/search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })),
);
const TodayPage = lazy(() => import('../features/today/TodayPage.tsx'));
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
 * A route's texts beyond the start bundle's (app/i18n.ts): fetched by its loader before the page
 * appears; on a first visit the layout shows the polite loading text meanwhile.
 */
function texts(...units: TextUnit[]): Pick<RouteObject, 'loader' | 'HydrateFallback'> {
  return { loader: textsFor(...units), HydrateFallback: Loading };
}

/**
 * A page that fails — its code could not be fetched after an update, or it threw — shows a
 * translated page with a way back inside the layout (never the router's developer page).
 */
function withErrorPage(routes: RouteObject[]): RouteObject[] {
  return [{ id: pages, errorElement: <RouteErrorPage />, children: routes }];
}

/** The route the pages hang under, the areas' too once they are opened (`areaRoutesFor`). */
const pages = 'pages';

export const router = createBrowserRouter(
  [
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
        { path: 'anmelden', element: <SignInPage />, ...texts('auth') },
        { path: 'anmelden/link', element: <LinkRedeemPage />, ...texts('auth') },
        { path: 'registrieren', element: <RegisterPage /> },
        { path: 'einladung', element: <InvitationPage /> },
        {
          path: 'profil',
          ...texts('profile'),
          element: (
            <RequireAccount>
              <ProfilePage />
            </RequireAccount>
          ),
        },
        { path: 'organisationen', element: <OrganisationsPage />, ...texts('data') },
        {
          path: 'organisationen/neu',
          element: (
            <RequireAccount>
              <OrganisationCreatePage />
            </RequireAccount>
          ),
        },
        {
          path: 'organisationen/:slug',
          element: <OrganisationPage />,
          // its services (and how to ask for help), its offers: opportunities (participation),
          // resources and posts (sharing)
          ...texts('organisations', 'help', 'participation', 'sharing'),
        },
        {
          path: 'organisationen/:slug/verwaltung',
          ...texts('organisations', 'help'), // its enquiries
          element: (
            <RequireAccount>
              <OrganisationAdminPage />
            </RequireAccount>
          ),
        },
        {
          path: 'verwaltung/*',
          ...texts('admin', 'search'), // moderation and accounts name kinds of things as search does
          element: (
            <RequireAccount>
              <AdminPage />
            </RequireAccount>
          ),
        },
        {
          path: 'benachrichtigungen',
          // every area's words for its notification kinds
          ...texts('notifications', ...allAreas),
          element: (
            <RequireAccount>
              <NotificationsPage />
            </RequireAccount>
          ),
        },
        { path: 'suche', element: <SearchPage />, ...texts('search') },
        { path: 'personen/:id', element: <PersonPage />, ...texts('profile') },
        { ...texts('help'), children: helpRoutes },
        { ...texts('data'), children: dataRoutes },
        // on a first visit to an area's page, the loading text until its pages are known (not this)
        { path: '*', element: <NotFoundPage />, loader: () => null, HydrateFallback: Loading },
      ]),
    },
  ],
  {
    // an area's pages are learnt when one of them is first opened (areas/index.ts)
    async patchRoutesOnNavigation({ path, patch }) {
      const area = await areaRoutesFor(path);
      if (area) patch(pages, [area]);
    },
  },
);
