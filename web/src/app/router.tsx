import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, useLocation } from 'react-router';
import { InvitationPage } from '../features/auth/InvitationPage.tsx';
import { LinkRedeemPage } from '../features/auth/LinkRedeemPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { OrganisationPage } from '../features/organisations/OrganisationPage.tsx';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage.tsx';
import { PersonPage } from '../features/people/PersonPage.tsx';
import { ProfilePage } from '../features/profile/ProfilePage.tsx';
import { SearchPage } from '../features/search/SearchPage.tsx';
import { Layout } from './Layout.tsx';
import { useSession } from './session.tsx';
import { PageHeading } from './ui.tsx';

// Admin code is only fetched by those who open it.
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx'));
const OrganisationAdminPage = lazy(() => import('../features/organisations/OrganisationAdminPage.tsx'));
const OrganisationCreatePage = lazy(() => import('../features/organisations/OrganisationCreatePage.tsx'));
// Räume & Brücken: one's interactions, fetched when opened.
const InteractionsPage = lazy(() =>
  import('../areas/places/InteractionsPage.tsx').then((m) => ({ default: m.InteractionsPage })),
);
// Teilen: catalogue, map (Leaflet), bookings, time bank and Tauschring, each fetched when opened.
const sharingBookings = () => import('../areas/sharing/BookingPages.tsx');
const sharingResources = () => import('../areas/sharing/ResourceEditPage.tsx');
const sharingTimebank = () => import('../areas/timebank/TimebankPages.tsx');
const sharingExchange = () => import('../areas/sharing/ExchangePages.tsx');
const CataloguePage = lazy(() => import('../areas/sharing/CataloguePage.tsx'));
const ResourceMapPage = lazy(() => import('../areas/sharing/MapPage.tsx'));
const ResourcePage = lazy(() => import('../areas/sharing/ResourcePage.tsx'));
const ResourceCreatePage = lazy(() => sharingResources().then((m) => ({ default: m.ResourceCreatePage })));
const ResourceEditPage = lazy(() => sharingResources().then((m) => ({ default: m.ResourceEditPage })));
const MyBookingsPage = lazy(() => sharingBookings().then((m) => ({ default: m.MyBookingsPage })));
const BookingPage = lazy(() => sharingBookings().then((m) => ({ default: m.BookingPage })));
const RequestsPage = lazy(() => sharingBookings().then((m) => ({ default: m.RequestsPage })));
const UtilisationPage = lazy(() => sharingBookings().then((m) => ({ default: m.UtilisationPage })));
const TimebankPage = lazy(() => sharingTimebank().then((m) => ({ default: m.TimebankPage })));
const StatementPage = lazy(() => sharingTimebank().then((m) => ({ default: m.StatementPage })));
const TransferPage = lazy(() => sharingTimebank().then((m) => ({ default: m.TransferPage })));
const ExchangePage = lazy(() => sharingExchange().then((m) => ({ default: m.ExchangePage })));
const PostPage = lazy(() => sharingExchange().then((m) => ({ default: m.PostPage })));
// Mitmachen: discovery, map (Leaflet), shifts, hours, coordination and the playbook, each fetched when opened.
const participationEdit = () => import('../areas/participation/EditPage.tsx');
const participationMine = () => import('../areas/participation/MinePages.tsx');
const participationCoordination = () => import('../areas/participation/CoordinationPages.tsx');
const participationPlaybook = () => import('../areas/participation/PlaybookPages.tsx');
const OpportunitiesPage = lazy(() => import('../areas/participation/ListPage.tsx'));
const OpportunityMapPage = lazy(() => import('../areas/participation/MapPage.tsx'));
const OpportunityPage = lazy(() => import('../areas/participation/OpportunityPage.tsx'));
const OpportunityCreatePage = lazy(() =>
  participationEdit().then((m) => ({ default: m.OpportunityCreatePage })),
);
const OpportunityEditPage = lazy(() => participationEdit().then((m) => ({ default: m.OpportunityEditPage })));
const MyShiftsPage = lazy(() => participationMine().then((m) => ({ default: m.MyShiftsPage })));
const HoursPage = lazy(() => participationMine().then((m) => ({ default: m.HoursPage })));
const CoordinationPage = lazy(() =>
  participationCoordination().then((m) => ({ default: m.CoordinationPage })),
);
const RosterPage = lazy(() => participationCoordination().then((m) => ({ default: m.RosterPage })));
const PlaybookListPage = lazy(() => participationPlaybook().then((m) => ({ default: m.PlaybookListPage })));
const PlaybookPage = lazy(() => participationPlaybook().then((m) => ({ default: m.PlaybookPage })));
const PlaybookCreatePage = lazy(() =>
  participationPlaybook().then((m) => ({ default: m.PlaybookCreatePage })),
);
const PlaybookEditPage = lazy(() => participationPlaybook().then((m) => ({ default: m.PlaybookEditPage })));
const PlaybookRevisionsPage = lazy(() =>
  participationPlaybook().then((m) => ({ default: m.PlaybookRevisionsPage })),
);
// Unterstützungskreise: only members ever open these, so they load on first use.
const circlePages = () => import('../areas/support/CirclePages.tsx');
const CirclesPage = lazy(() => circlePages().then((m) => ({ default: m.CirclesPage })));
const CirclePage = lazy(() => circlePages().then((m) => ({ default: m.CirclePage })));
const CreateCirclePage = lazy(() => circlePages().then((m) => ({ default: m.CreateCirclePage })));
const CircleMembersPage = lazy(() => circlePages().then((m) => ({ default: m.MembersPage })));
const CircleTeamPage = lazy(() => circlePages().then((m) => ({ default: m.TeamPage })));
const CircleConsentPage = lazy(() => circlePages().then((m) => ({ default: m.ConsentPage })));
const CirclePrivacyPage = lazy(() => circlePages().then((m) => ({ default: m.PrivacyPage })));
const CircleMapRoutes = lazy(() => import('../areas/support/map/index.tsx'));
const CircleJoinPage = lazy(() =>
  import('../areas/support/JoinPage.tsx').then((m) => ({ default: m.JoinPage })),
);

/** A page only for signed-in people, as a route element. */
const signedIn = (page: ReactNode) => <RequireAccount>{page}</RequireAccount>;

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

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'anmelden', element: <SignInPage /> },
      { path: 'anmelden/link', element: <LinkRedeemPage /> },
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
      {
        path: 'begegnungen',
        element: (
          <RequireAccount>
            <InteractionsPage />
          </RequireAccount>
        ),
      },
      { path: 'suche', element: <SearchPage /> },
      { path: 'personen/:id', element: <PersonPage /> },
      { path: 'teilen', element: <CataloguePage /> },
      { path: 'teilen/karte', element: <ResourceMapPage /> },
      { path: 'teilen/neu', element: signedIn(<ResourceCreatePage />) },
      { path: 'teilen/ressourcen/:id', element: <ResourcePage /> },
      { path: 'teilen/ressourcen/:id/bearbeiten', element: signedIn(<ResourceEditPage />) },
      { path: 'teilen/buchungen', element: signedIn(<MyBookingsPage />) },
      { path: 'teilen/buchungen/:id', element: signedIn(<BookingPage />) },
      { path: 'teilen/anfragen', element: signedIn(<RequestsPage />) },
      { path: 'teilen/auslastung', element: signedIn(<UtilisationPage />) },
      { path: 'zeitbank', element: signedIn(<TimebankPage />) },
      { path: 'zeitbank/kontoauszug', element: signedIn(<StatementPage />) },
      { path: 'zeitbank/ueberweisungen/:id', element: signedIn(<TransferPage />) },
      { path: 'tauschring', element: <ExchangePage /> },
      { path: 'tauschring/:id', element: <PostPage /> },
      { path: 'mitmachen', element: <OpportunitiesPage /> },
      { path: 'mitmachen/karte', element: <OpportunityMapPage /> },
      { path: 'mitmachen/neu', element: signedIn(<OpportunityCreatePage />) },
      { path: 'mitmachen/meine', element: signedIn(<MyShiftsPage />) },
      { path: 'mitmachen/stunden', element: signedIn(<HoursPage />) },
      { path: 'mitmachen/koordination', element: signedIn(<CoordinationPage />) },
      { path: 'mitmachen/schichten/:id', element: signedIn(<RosterPage />) },
      { path: 'mitmachen/praxis', element: <PlaybookListPage /> },
      { path: 'mitmachen/praxis/neu', element: signedIn(<PlaybookCreatePage />) },
      { path: 'mitmachen/praxis/:id', element: <PlaybookPage /> },
      { path: 'mitmachen/praxis/:id/bearbeiten', element: signedIn(<PlaybookEditPage />) },
      { path: 'mitmachen/praxis/:id/versionen', element: <PlaybookRevisionsPage /> },
      { path: 'mitmachen/:id', element: <OpportunityPage /> },
      { path: 'mitmachen/:id/bearbeiten', element: signedIn(<OpportunityEditPage />) },
      { path: 'kreise', element: signedIn(<CirclesPage />) },
      { path: 'kreise/neu', element: signedIn(<CreateCirclePage />) },
      { path: 'kreise/:id/mitglieder', element: signedIn(<CircleMembersPage />) },
      { path: 'kreise/:id/team', element: signedIn(<CircleTeamPage />) },
      { path: 'kreise/:id/einwilligung', element: signedIn(<CircleConsentPage />) },
      { path: 'kreise/:id/datenschutz', element: signedIn(<CirclePrivacyPage />) },
      { path: 'kreise/beitreten', element: <CircleJoinPage /> },
      { path: 'kreise/:id', element: signedIn(<CirclePage />) },
      { path: 'kreise/:id/karte/*', element: signedIn(<CircleMapRoutes />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
