import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Session } from '../../app/types.ts';
import { ErrorState, Loading, PageHeading } from '../../app/ui.tsx';
import { safeReturnPath } from './SignInPage.tsx';

/** Reads the secret from the URL fragment (never sent to any server) and removes it from the address bar. */
export function takeHashToken(): string {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
  if (token) window.history.replaceState(window.history.state, '', window.location.pathname);
  return token;
}

/** /anmelden/link#TOKEN: the one-time link from the email signs in here. */
export function LinkRedeemPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  // where the person was when they asked for the link (?weiter=, read before the address is cleaned)
  const [params] = useSearchParams();
  const [back] = useState(() => safeReturnPath(params.get('weiter')));
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = takeHashToken();
    if (!token) {
      setError(new Error(t('linkRedeem.missing')));
      return;
    }
    api<Session>('/session/link/redeem', { method: 'POST', body: { token } })
      .then(async (view) => {
        await signedIn(view);
        navigate(back, { replace: true });
        announce(t('signIn.done.signedIn'));
      })
      .catch(setError);
  }, [navigate, signedIn, t, back]);

  return (
    <>
      <PageHeading title={t('linkRedeem.title')} />
      {error ? (
        <>
          <ErrorState error={error} />
          <p>
            <Link to="/anmelden">{t('linkRedeem.again')}</Link>
          </p>
        </>
      ) : (
        <Loading label={t('linkRedeem.working')} />
      )}
    </>
  );
}
