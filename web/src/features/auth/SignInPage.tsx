import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../app/api.ts';
import { FormError, invalid, Saved, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { Session } from '../../app/types.ts';
import { PageHeading } from '../../app/ui.tsx';

/** Only paths inside this site, so the sign-in page cannot send anyone elsewhere. */
export function safeReturnPath(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

/**
 * The fields of a sign-in form left empty, as one error: each field says what it needs, and the
 * summary names all of them — 'Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.' — instead
 * of the server's answer about the first one only. Null when nothing is missing.
 */
export function emptyFields(
  t: (key: string) => string,
  values: { email: string; password?: string },
): ReturnType<typeof invalid> | null {
  const email = values.email.trim() === '';
  const password = values.password !== undefined && values.password === '';
  if (!email && !password) return null;
  const which = email && password ? 'both' : email ? 'email' : 'password';
  return invalid(t(`signIn.missing.${which}`), {
    ...(email ? { email: t('signIn.missing.emailField') } : {}),
    ...(password ? { password: t('signIn.missing.passwordField') } : {}),
  });
}

export function SignInPage() {
  const { t } = useTranslation();
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('weiter'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkEmail, setLinkEmail] = useState('');
  const login = useAction({ done: t('signIn.done.signedIn') });
  const link = useAction();

  if (session.account && !login.pending) return <Navigate to={back} replace />;
  const oidc = session.network.oidc;

  function submitPassword(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    void login.run(async () => {
      // both empty fields at once, in one sentence that names them (the server stops at the first)
      const missing = emptyFields(t, { email, password });
      if (missing) throw missing;
      const view = await api<Session>('/session', { method: 'POST', body: { email, password } });
      await signedIn(view);
      navigate(back, { replace: true });
    }, form);
  }

  function submitLink(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void link.run(async () => {
      const missing = emptyFields(t, { email: linkEmail });
      if (missing) throw missing;
      await api('/session/link', {
        method: 'POST',
        body: { email: linkEmail, ...(back !== '/' ? { next: back } : {}) },
      });
    }, e.currentTarget);
  }

  return (
    <>
      <PageHeading title={t('signIn.title')}>
        <p className="lead">{t('signIn.intro', { network: session.network.name })}</p>
      </PageHeading>
      {oidc && <OidcSignIn label={oidc.label} back={back} refused={params.get('fehler')} />}
      <div className="columns">
        <section className="card" aria-labelledby="sign-in-password">
          <h2 id="sign-in-password">{t('signIn.password.title')}</h2>
          <form onSubmit={submitPassword} noValidate>
            <FormError error={login.error} fields={['email', 'password']} />
            <TextField
              label={t('signIn.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={login.error}
            />
            <TextField
              label={t('signIn.password.label')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={login.error}
            />
            <SubmitButton pending={login.pending}>{t('signIn.password.submit')}</SubmitButton>
          </form>
          {oidc && <p className="muted">{t('signIn.oidc.noPassword', { label: oidc.label })}</p>}
        </section>
        <section className="card" aria-labelledby="sign-in-link">
          <h2 id="sign-in-link">{t('signIn.link.title')}</h2>
          {/* Without a mail server no link can reach anyone: say so, and whom to ask — the same for
              every address, so nothing tells whether an account exists. */}
          {!session.network.sendsEmail ? (
            <div className="notice">
              <p>
                <strong>{t('feedback.noMail.signIn', { network: session.network.name })}</strong>
              </p>
              <p>{t('feedback.noMail.whom')}</p>
            </div>
          ) : (
            <>
              <p>{t('signIn.link.intro')}</p>
              <form onSubmit={submitLink} noValidate>
                <FormError error={link.error} fields={['email']} />
                <TextField
                  label={t('signIn.email')}
                  name="email"
                  type="email"
                  autoComplete="email"
                  required
                  value={linkEmail}
                  onChange={(e) => setLinkEmail(e.target.value)}
                  error={link.error}
                />
                <SubmitButton pending={link.pending}>{t('signIn.link.submit')}</SubmitButton>
                <Saved show={link.done}>{t('signIn.link.sent', { email: linkEmail })}</Saved>
              </form>
            </>
          )}
        </section>
      </div>
      {session.network.sendsEmail && (
        <p>
          {t('register.newHere')}{' '}
          <Link to={`/registrieren${back !== '/' ? `?weiter=${encodeURIComponent(back)}` : ''}`}>
            {t('register.title')}
          </Link>
        </p>
      )}
      <p className="muted">{t('signIn.invited')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}

/**
 * Sign-in with the town's OpenID provider, when the server has one (`network.oidc`): one link that
 * leaves for the provider (a full page load: the browser goes there and comes back), and, when the
 * provider's answer was refused, why — the server sends the reason back as `?fehler=oidc.<reason>`
 * (its reasons: OidcRefusal in server/auth/oidc/provider.ts; a test checks each has its words here).
 */
function OidcSignIn({ label, back, refused }: { label: string; back: string; refused: string | null }) {
  const { t, i18n } = useTranslation();
  const reason = refused?.startsWith('oidc.') ? refused.slice(5) : null;
  const shown = reason !== null && /^[a-z_]+$/.test(reason) && i18n.exists(`signIn.oidc.refused.${reason}`);
  const error = useRef<HTMLDivElement>(null);
  // the page opens on the refusal: focus takes the reader to it first
  useEffect(() => {
    if (shown) error.current?.focus();
  }, [shown]);
  const start = apiUrl('/session/oidc/start', back !== '/' ? { next: back } : undefined);
  return (
    <>
      <section className="card" aria-labelledby="sign-in-oidc">
        <h2 id="sign-in-oidc">{t('signIn.oidc.title', { label })}</h2>
        {shown && (
          <div className="form-error" role="alert" tabIndex={-1} ref={error}>
            <p>
              <strong>{t('signIn.oidc.refusedTitle', { label })}</strong>
            </p>
            <p>{t(`signIn.oidc.refused.${reason}`, { label })}</p>
          </div>
        )}
        <p>{t('signIn.oidc.intro', { label })}</p>
        <a className="button primary" href={start}>
          {t('signIn.oidc.button', { label })}
        </a>
      </section>
      <p>{t('signIn.oidc.or')}</p>
    </>
  );
}
