import './sharing.css';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../../app/session.tsx';

/** The Teilen area's own navigation: catalogue, map, bookings, requests, time bank, Tauschring. */
export function SharingNav() {
  const { t } = useTranslation();
  const { session } = useSession();
  const signedIn = Boolean(session.account);
  const links = [
    { to: '/teilen', label: t('sharing.nav.catalogue'), end: true, show: true },
    { to: '/teilen/karte', label: t('sharing.nav.map'), end: true, show: true },
    { to: '/teilen/buchungen', label: t('sharing.nav.bookings'), end: false, show: signedIn },
    { to: '/teilen/anfragen', label: t('sharing.nav.requests'), end: true, show: signedIn },
    { to: '/zeitbank', label: t('sharing.nav.timebank'), end: false, show: signedIn },
    { to: '/tauschring', label: t('sharing.nav.exchange'), end: false, show: true },
    { to: '/teilen/auslastung', label: t('sharing.nav.utilisation'), end: true, show: signedIn },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('sharing.nav.label')} className="subnav">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
