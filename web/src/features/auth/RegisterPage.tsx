import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, invalid, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';
import { safeReturnPath } from './SignInPage.tsx';

/**
 * /registrieren: opening an account oneself, with a name and an email address. The emailed link
 * opens it and signs in (no password needed), and comes back to where the person was (`weiter`).
 * The page says the same whether or not the address has an account; without a mail server it says
 * that no link can be sent, and whom to ask instead.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('weiter'));
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction();

  if (session.account) return <Navigate to={back} replace />;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void action.run(
      async () => {
        const missing = {
          ...(displayName.trim() === '' ? { displayName: t('register.missing.displayName') } : {}),
          ...(email.trim() === '' ? { email: t('register.missing.email') } : {}),
        };
        if (Object.keys(missing).length > 0) throw invalid(t('register.missing.title'), missing);
        await api('/session/register', {
          method: 'POST',
          body: { displayName, email, ...(back !== '/' ? { next: back } : {}) },
        });
        setSentTo(email.trim());
      },
      e.currentTarget,
      { text: t('register.sent', { email: email.trim() }), focus: 'register-sent' },
    );
  }

  const signIn = `/anmelden${back !== '/' ? `?weiter=${encodeURIComponent(back)}` : ''}`;
  return (
    <>
      <PageHeading title={t('register.title')}>
        <p className="lead">{t('register.intro', { network: session.network.name })}</p>
      </PageHeading>
      {!session.network.sendsEmail ? (
        <div className="notice">
          <p>
            <strong>{t('register.noMail', { network: session.network.name })}</strong>
          </p>
          <p>{t('register.noMailWhom')}</p>
        </div>
      ) : sentTo ? (
        <section className="card" aria-labelledby="register-sent">
          <h2 id="register-sent" tabIndex={-1}>
            {t('register.sent', { email: sentTo })}
          </h2>
          <p>{t('register.sentNext')}</p>
        </section>
      ) : (
        <form className="card" onSubmit={submit} noValidate>
          <FormError error={action.error} fields={['displayName', 'email']} />
          <TextField
            label={t('register.displayName')}
            name="displayName"
            autoComplete="name"
            required
            maxLength={80}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={action.error}
            hint={t('register.displayNameHint')}
          />
          <TextField
            label={t('register.email')}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={action.error}
            hint={t('register.emailHint')}
          />
          <SubmitButton pending={action.pending}>{t('register.submit')}</SubmitButton>
        </form>
      )}
      <p>
        {t('register.haveAccount')} <Link to={signIn}>{t('register.signIn')}</Link>
      </p>
    </>
  );
}
