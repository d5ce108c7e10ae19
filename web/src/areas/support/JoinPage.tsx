import './circles.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { accountLanguage, currentLocale } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorState, Loading, PageHeading } from '../../app/ui.tsx';
import { takeHashToken } from '../../features/auth/LinkRedeemPage.tsx';
import type { CircleRole, InvitationPreview } from './types.ts';

/**
 * /kreise/beitreten#TOKEN: join a circle with a one-time link. Signed in, one button; otherwise a name
 * (and, for a passed-on link, an email address) and the account is made — no password needed.
 */
export function JoinPage() {
  const { t } = useTranslation();
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const action = useAction({ done: t('circles.done.joined', { name: preview?.personLabel ?? '' }) });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const secret = takeHashToken();
    if (!secret) {
      setLookupError(new Error(t('circles.join.missing')));
      return;
    }
    setToken(secret);
    api<InvitationPreview>('/circles/invitations/lookup', { method: 'POST', body: { token: secret } })
      .then(setPreview)
      .catch(setLookupError);
  }, [t]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!preview) return;
    const details = preview.needsDetails;
    const wasSignedIn = Boolean(session.account);
    let joined: { circleId: string; role: CircleRole } | null = null;
    const ok = await action.run(async () => {
      joined = await api<{ circleId: string; role: CircleRole }>('/circles/invitations/accept', {
        method: 'POST',
        body: {
          token,
          ...(details ? { displayName: name.trim() } : {}),
          ...(details && !preview.email ? { email: email.trim() } : {}),
          ...accountLanguage(currentLocale()),
        },
      });
      if (!wasSignedIn) await signedIn();
    }, e.currentTarget);
    const result = joined as { circleId: string } | null;
    if (ok && result) navigate(`/kreise/${result.circleId}`, { replace: true });
  }

  return (
    <>
      <PageHeading title={t('circles.join.title')} />
      {lookupError ? (
        <>
          <ErrorState error={lookupError} />
          <p>{t('circles.join.askAgain')}</p>
          <p>
            <Link to="/">{t('common.backHome')}</Link>
          </p>
        </>
      ) : !preview ? (
        <Loading />
      ) : (
        <>
          <p className="lead">
            {preview.inviterName
              ? t('circles.join.invitedBy', { name: preview.inviterName, person: preview.personLabel })
              : t('circles.join.invited', { person: preview.personLabel })}
          </p>
          <p className="join-facts">
            {t('circles.join.as', { role: t(`circles.invitedRole.${preview.role}`) })}
          </p>
          {(preview.role === 'person' || preview.role === 'representative') && (
            <p>{t('circles.join.becomeOwner', { person: preview.personLabel })}</p>
          )}
          <p className="muted">{t('circles.join.private')}</p>
          <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
            <FormError error={action.error} fields={['displayName', 'email']} />
            {preview.needsDetails && (
              <>
                <TextField
                  label={t('circles.join.name')}
                  hint={t('circles.join.nameHint')}
                  name="displayName"
                  autoComplete="name"
                  required
                  maxLength={80}
                  value={name}
                  error={action.error}
                  onChange={(e) => setName(e.target.value)}
                />
                {!preview.email && (
                  <TextField
                    label={t('circles.join.email')}
                    hint={t('circles.join.emailHint')}
                    name="email"
                    type="email"
                    autoComplete="email"
                    required
                    value={email}
                    error={action.error}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                )}
              </>
            )}
            <div className="actions">
              <SubmitButton pending={action.pending}>{t('circles.join.accept')}</SubmitButton>
            </div>
          </form>
        </>
      )}
    </>
  );
}
