import { useQuery } from '@tanstack/react-query';
import { type RefObject, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { StatusRegion } from './announce.tsx';
import { api } from './api.ts';
import { currentLocale, htmlLang, languageOffers } from './i18n.ts';
import { useSession } from './session.tsx';
import { locales, type NotificationPage } from './types.ts';
import { Loading } from './ui.tsx';

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api<NotificationPage>('/notifications', { query: { unread: true, limit: 1 } }),
    enabled,
    refetchInterval: 60_000,
    retry: false,
    select: (p) => p.unreadCount,
  });
}

/**
 * The languages not shown now, each named in itself: Deutsch, English, Leichte Sprache (`lang` is
 * German for Leichte Sprache, so a screen reader says it right).
 */
function LanguageSwitch({ className }: { className: string }) {
  const { t } = useTranslation();
  const { setLocale } = useSession();
  const current = currentLocale();
  return (
    <fieldset className={`language-switch ${className}`}>
      <legend className="visually-hidden">{t('header.language')}</legend>
      {locales
        .filter((l) => l !== current)
        .map((l) => (
          <button
            key={l}
            type="button"
            className="header-button"
            lang={htmlLang(l)}
            title={languageOffers[l].offer}
            onClick={() => void setLocale(l)}
          >
            {languageOffers[l].name}
          </button>
        ))}
    </fieldset>
  );
}

function NotificationsLink() {
  const { t } = useTranslation();
  const unread = useUnreadCount(true);
  const count = unread.data ?? 0;
  return (
    <Link to="/benachrichtigungen" className="header-button">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" className="icon">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.7V3.5a2 2 0 0 0-4 0v.8A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="visually-hidden-mobile">{t('nav.notifications')}</span>
      {count > 0 && (
        <span className="badge">
          {count}
          <span className="visually-hidden"> {t('header.unread', { count })}</span>
        </span>
      )}
    </Link>
  );
}

/**
 * On a phone the main navigation (and the language switch, for room) is a menu behind a button: it
 * opens over the page and closes on
 * Escape (focus back on the button), on a tap or focus outside the header, and on navigation. From
 * 40rem up the CSS shows the navigation as a bar and the button is gone, so the state does nothing.
 */
function useMenu(header: RefObject<HTMLElement | null>, button: RefObject<HTMLButtonElement | null>) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every navigation by design
  useEffect(() => setOpen(false), [location.key]);
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (e.target instanceof Node && !header.current?.contains(e.target)) setOpen(false);
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', onEscape);
    };
  }, [open, header, button]);
  return { open, toggle: () => setOpen((o) => !o), close: () => setOpen(false) };
}

function MenuButton({
  open,
  onClick,
  ref,
}: {
  open: boolean;
  onClick: () => void;
  ref: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <button
      ref={ref}
      type="button"
      className="header-button menu-button"
      aria-expanded={open}
      aria-controls="main-menu"
      onClick={onClick}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" className="icon">
        {open ? (
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            d="M6 6l12 12M18 6 6 18"
          />
        ) : (
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            d="M4 7h16M4 12h16M4 17h16"
          />
        )}
      </svg>
      <span>{t('header.menu')}</span>
    </button>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const navigation = useNavigation();
  const first = useRef(true);
  const header = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useMenu(header, menuButton);

  // After a client-side navigation, move focus to the new page's heading (or to main while it loads).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = requestAnimationFrame(() => {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [location.pathname]);

  const nav = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/hilfe-finden', label: t('nav.help'), end: false },
    { to: '/organisationen', label: t('nav.organisations'), end: false },
    { to: '/teilen', label: t('nav.sharing'), end: false },
    { to: '/mitmachen', label: t('nav.participation'), end: false },
    { to: '/mitgestalten', label: t('nav.codesign'), end: false },
    { to: '/wissen', label: t('nav.knowledge'), end: false },
    { to: '/raeume', label: t('nav.places'), end: false },
    { to: '/suche', label: t('nav.search'), end: false },
  ];
  if (session.account) nav.push({ to: '/kreise', label: t('nav.circles'), end: false });
  const a = session.abilities;
  if (a.administer || a.moderate || a.readOutbox || a.readAuditLog)
    nav.push({ to: '/verwaltung', label: t('nav.admin'), end: false });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <header className="site-header" ref={header}>
        <div className="bar">
          <Link to="/" className="brand">
            <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28" className="logo">
              <circle cx="6" cy="7" r="3" fill="currentColor" />
              <circle cx="18" cy="7" r="3" fill="currentColor" />
              <circle cx="12" cy="18" r="3" fill="currentColor" />
              <path d="M6 7 18 7 12 18Z" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            <span>{session.network.name}</span>
          </Link>
          <div className="tools">
            <LanguageSwitch className="wide-only" />
            {session.account ? (
              <>
                <NotificationsLink />
                <Link to="/profil" className="header-button">
                  <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" className="icon">
                    <path
                      fill="currentColor"
                      d="M12 12a5 5 0 1 0-5-5 5 5 0 0 0 5 5Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z"
                    />
                  </svg>
                  <span className="visually-hidden-mobile">{t('nav.profile')}</span>
                </Link>
              </>
            ) : (
              <Link to="/anmelden" className="header-button strong">
                {t('nav.signIn')}
              </Link>
            )}
            <MenuButton open={menu.open} onClick={menu.toggle} ref={menuButton} />
          </div>
        </div>
        <div id="main-menu" className={menu.open ? 'main-menu open' : 'main-menu'}>
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              {nav.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.end} onClick={menu.close}>
                    {n.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="menu-tools narrow-only">
            <LanguageSwitch className="" />
          </div>
        </div>
      </header>
      {/* busy while the next page's code and texts are fetched (the router keeps this one meanwhile) */}
      <main id="main" tabIndex={-1} aria-busy={navigation.state === 'loading' || undefined}>
        {session.assisted && (
          // on every page, not to be dismissed: this session is not the person's own full one
          <p className="notice assisted-notice" role="status">
            {t('assisted.notice')}
          </p>
        )}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          {t('footer.text', { network: session.network.name })} <a href="/api/docs">{t('footer.api')}</a>
        </p>
        <p>
          <Link to="/netzwerk">{t('front.footer', { network: session.network.name })}</Link>
        </p>
        <p>
          <Link to="/daten">{t('footer.data')}</Link>
        </p>
      </footer>
      <StatusRegion />
    </>
  );
}
