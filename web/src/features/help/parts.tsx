import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../app/session.tsx';

/** The sign-in page, coming back to this very page (with its query) afterwards. */
export function useSignInHere(): string {
  const location = useLocation();
  return `/anmelden?weiter=${encodeURIComponent(`${location.pathname}${location.search}`)}`;
}

/**
 * Where a visitor who is not signed in meets something that needs an account (asking for help, the
 * Tauschring): what for, a way in that comes back here, and a way that needs none (the phone).
 */
export function SignInToContinue({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const signIn = useSignInHere();
  const location = useLocation();
  const here = encodeURIComponent(`${location.pathname}${location.search}`);
  return (
    <section className="card help-sign-in" aria-labelledby="help-sign-in-title">
      <h2 id="help-sign-in-title">{t('help.signIn.title')}</h2>
      <p>{t('help.signIn.text', { network: session.network.name })}</p>
      <p className="actions">
        <Link className="button primary" to={signIn}>
          {t('help.signIn.button')}
        </Link>
        {session.network.sendsEmail && (
          <Link className="button secondary" to={`/registrieren?weiter=${here}`}>
            {t('help.signIn.register')}
          </Link>
        )}
      </p>
      {children ?? (
        <p className="hint">
          {t(session.network.sendsEmail ? 'help.signIn.orCall' : 'help.signIn.noAccount')}
        </p>
      )}
    </section>
  );
}
