import './sharing.css';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../../app/session.tsx';

interface Item {
  to: string;
  label: string;
  end: boolean;
}

/**
 * The Teilen area's own navigation, short enough for a newcomer: the catalogue, the map and the
 * Tauschring in the bar; one's own bookings, the requests to answer, the time bank and the
 * utilisation figures under "Mehr" (signed in). A page from "Mehr" that is open shows in the bar
 * too, so the bar always says where one is.
 */
export function SharingNav() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { pathname } = useLocation();
  const signedIn = Boolean(session.account);
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLLIElement>(null);
  const main: Item[] = [
    { to: '/teilen', label: t('sharing.nav.catalogue'), end: true },
    { to: '/teilen/karte', label: t('sharing.nav.map'), end: true },
    { to: '/tauschring', label: t('sharing.nav.exchange'), end: false },
  ];
  const more: Item[] = signedIn
    ? [
        { to: '/teilen/buchungen', label: t('sharing.nav.bookings'), end: false },
        { to: '/teilen/anfragen', label: t('sharing.nav.requests'), end: true },
        { to: '/zeitbank', label: t('sharing.nav.timebank'), end: false },
        { to: '/teilen/auslastung', label: t('sharing.nav.utilisation'), end: true },
      ]
    : [];
  const here = more.find((l) => (l.end ? pathname === l.to : pathname.startsWith(l.to)));
  const bar = here ? [...main, here] : main;
  const rest = more.filter((l) => l !== here);

  // a click outside closes "Mehr"; so does leaving the page
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu
  useEffect(() => setOpen(false), [pathname]);

  function onKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  }

  return (
    <nav aria-label={t('sharing.nav.label')} className="subnav sharing-subnav">
      <ul>
        {bar.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
        {rest.length > 0 && (
          <li className="subnav-more" ref={box} onKeyDown={onKey}>
            <button
              ref={button}
              type="button"
              className="subnav-more-button"
              aria-expanded={open}
              aria-controls={`${id}-more`}
              onClick={() => setOpen((o) => !o)}
            >
              {t('sharing.nav.more')}
              <span className="arrow" aria-hidden="true">
                {open ? '▴' : '▾'}
              </span>
            </button>
            <ul id={`${id}-more`} className="subnav-more-list" hidden={!open}>
              {rest.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.end}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
    </nav>
  );
}
