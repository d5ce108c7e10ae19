import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { accountLanguage, currentLocale } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import type { InvitationPreview } from '../../app/types.ts';
import { formatDate, PageHeading, QueryView } from '../../app/ui.tsx';
import { takeHashToken } from './LinkRedeemPage.tsx';

/** /einladung#TOKEN: see who invites you to what, then join (with a new account if needed). */
export function InvitationPage() {
  const { t } = useTranslation();
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const [token] = useState(takeHashToken);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAction();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreview>('/invitations/lookup', { method: 'POST', body: { token } }),
    enabled: token.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });

  function submit(inv: InvitationPreview, e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void accept.run(
      async () => {
        const body: Record<string, string | boolean> = { token, ...accountLanguage(currentLocale()) };
        if (!inv.hasAccount) body.displayName = displayName.trim();
        if (!inv.hasAccount && password) body.password = password;
        const res = await api<{ organisationSlug: string }>('/invitations/accept', { method: 'POST', body });
        await signedIn();
        navigate(`/organisationen/${res.organisationSlug}`, { replace: true });
      },
      e.currentTarget,
      t('invitation.done.joined', { organisation: inv.organisation.name }),
    );
  }

  if (!token) {
    return (
      <>
        <PageHeading title={t('invitation.title')} />
        <p role="alert">{t('invitation.missing')}</p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('invitation.title')} />
      <QueryView query={preview}>
        {(inv) => {
          const otherAccount = session.account && session.account.email !== inv.email;
          return (
            <section className="card" aria-labelledby="invitation-summary">
              <h2 id="invitation-summary">
                {t('invitation.summary', {
                  organisation: inv.organisation.name,
                  role: t(`role.${inv.role}`),
                })}
              </h2>
              <dl className="facts">
                <dt>{t('invitation.for')}</dt>
                <dd>{inv.email}</dd>
                <dt>{t('invitation.validUntil')}</dt>
                <dd>{formatDate(inv.expiresAt)}</dd>
              </dl>
              {otherAccount ? (
                <p role="alert" className="form-error">
                  {t('invitation.otherAccount', { email: session.account?.email })}
                </p>
              ) : (
                <form onSubmit={(e) => submit(inv, e)} noValidate>
                  <FormError
                    error={accept.error}
                    fields={inv.hasAccount ? [] : ['displayName', 'password']}
                  />
                  {inv.hasAccount ? (
                    <p>{t('invitation.existing')}</p>
                  ) : (
                    <>
                      <p>{t('invitation.new')}</p>
                      <TextField
                        label={t('invitation.displayName')}
                        hint={t('invitation.displayNameHint')}
                        name="displayName"
                        autoComplete="name"
                        required
                        value={displayName}
                        onChange={(e) => setDisplayName(e.target.value)}
                        error={accept.error}
                      />
                      <TextField
                        label={t('invitation.password')}
                        hint={t('invitation.passwordHint')}
                        name="password"
                        type="password"
                        autoComplete="new-password"
                        value={password}
                        onChange={(e) => setPassword(e.target.value)}
                        error={accept.error}
                      />
                    </>
                  )}
                  <SubmitButton pending={accept.pending}>
                    {t('invitation.accept', { organisation: inv.organisation.name })}
                  </SubmitButton>
                </form>
              )}
            </section>
          );
        }}
      </QueryView>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
