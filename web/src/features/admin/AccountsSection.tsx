import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { invalid, TextAreaField, TextField } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { AdminAccount, SignInLink } from '../../app/types.ts';
import { ConfirmButton, formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

/** As the server allows (server/routes/api/admin/schema.ts, Reason). */
const reasonMax = 500;
/** How long an admin's sign-in link works (server/commands/assistedSignIn.ts). */
const assistedLinkMinutes = 30;

/**
 * Helping in a person who cannot receive email: after a confirmation that says what it means and a
 * reason (the person reads it), the server makes a one-time link for them (SignInLinkBox shows it).
 */
function SignInLinkButton({ account, onMade }: { account: AdminAccount; onMade: (r: SignInLink) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const name = account.displayName;

  async function make() {
    setError(null);
    try {
      const text = reason.trim();
      if (text === '')
        throw invalid(t('admin.signInLink.reasonMissing'), { reason: t('admin.signInLink.reasonMissing') });
      const r = await api<SignInLink>(`/admin/accounts/${account.id}/sign-in-link`, {
        method: 'POST',
        body: { reason: text },
      });
      setReason('');
      onMade(r);
    } catch (err) {
      setError(err);
      throw err;
    }
  }

  return (
    <ConfirmButton
      className="button secondary"
      label={t('admin.signInLink.make')}
      title={t('admin.signInLink.title', { name })}
      message={
        <>
          <p>{t('admin.signInLink.for')}</p>
          <ul>
            <li>{t('admin.signInLink.once', { minutes: assistedLinkMinutes })}</li>
            <li>{t('admin.signInLink.told', { name })}</li>
            <li>{t('admin.signInLink.limits')}</li>
          </ul>
          <p>{t('admin.signInLink.shownOnce')}</p>
        </>
      }
      confirmLabel={t('admin.signInLink.confirm')}
      onConfirm={make}
      done={t('admin.done.signInLink', { name })}
    >
      <TextAreaField
        label={t('admin.signInLink.reason')}
        name="reason"
        required
        rows={3}
        maxLength={reasonMax}
        hint={t('admin.signInLink.reasonHint', { name, max: reasonMax })}
        value={reason}
        error={error}
        onChange={(e) => setReason(e.target.value)}
      />
    </ConfirmButton>
  );
}

/**
 * The link, shown once to pass on in person or on the phone; "Close" discards it (it is never stored
 * nor listed again). It takes focus when it appears.
 */
function SignInLinkBox({ name, made, onClose }: { name: string; made: SignInLink; onClose: () => void }) {
  const { t } = useTranslation();
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);

  // after the dialog has closed and handed focus back to its button, the link takes it
  useEffect(() => {
    const id = window.setTimeout(() => linkRef.current?.focus(), 50);
    return () => window.clearTimeout(id);
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(made.link);
      announce(t('admin.signInLink.copied'));
    } catch {
      linkRef.current?.select();
    }
  }

  return (
    <div className="once-box">
      <p>
        <strong>{t('admin.signInLink.ready', { name })}</strong>
      </p>
      <p>{t('admin.signInLink.readyText', { name, date: formatDate(made.expiresAt, true) })}</p>
      <div className="field">
        <label htmlFor={linkId}>{t('admin.signInLink.link')}</label>
        <div className="inline-input">
          <input
            id={linkId}
            ref={linkRef}
            className="mono"
            readOnly
            value={made.link}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="button secondary" onClick={() => void copy()}>
            {t('admin.signInLink.copy')}
          </button>
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button primary" onClick={onClose}>
          {t('admin.signInLink.close')}
        </button>
      </div>
    </div>
  );
}

function AccountItem({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const [reason, setReason] = useState('');
  const [made, setMade] = useState<SignInLink | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', '/admin/accounts'] });
  const isMe = session.account?.id === account.id;
  return (
    <li className="card list-row">
      <h3>
        <Link to={`/personen/${account.id}`}>{account.displayName}</Link>
      </h3>
      <p className="meta">
        {account.email} · {t('admin.accounts.since', { date: formatDate(account.createdAt) })}
        {account.isInstanceAdmin && ` · ${t('admin.accounts.admin')}`}
      </p>
      {account.blocked && <p className="pill pill-warn">{t('admin.accounts.blocked')}</p>}
      {!isMe && (
        <div className="actions" ref={actions}>
          {!account.blocked && <SignInLinkButton account={account} onMade={setMade} />}
          {account.blocked ? (
            <ConfirmButton
              className="button secondary"
              label={t('admin.accounts.unblock')}
              title={t('admin.accounts.unblockTitle', { name: account.displayName })}
              message={<p>{t('admin.accounts.unblockText')}</p>}
              confirmLabel={t('admin.accounts.unblock')}
              done={t('admin.done.unblocked', { name: account.displayName })}
              onConfirm={async () => {
                await api(`/admin/accounts/${account.id}/unblock`, { method: 'POST' });
                await refresh();
              }}
            />
          ) : (
            <ConfirmButton
              label={t('admin.accounts.block')}
              title={t('admin.accounts.blockTitle', { name: account.displayName })}
              message={<p>{t('admin.accounts.blockText')}</p>}
              confirmLabel={t('admin.accounts.block')}
              done={t('admin.done.blocked', { name: account.displayName })}
              onConfirm={async () => {
                await api(`/admin/accounts/${account.id}/block`, {
                  method: 'POST',
                  body: { reason: reason.trim() },
                });
                await refresh();
              }}
            >
              <TextAreaField
                label={t('admin.accounts.reason')}
                name="reason"
                required
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </ConfirmButton>
          )}
        </div>
      )}
      <div className="once-slot">
        {made && (
          <SignInLinkBox
            name={account.displayName}
            made={made}
            onClose={() => {
              setMade(null);
              actions.current?.querySelector('button')?.focus();
            }}
          />
        )}
      </div>
    </li>
  );
}

export function AccountsSection() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const { query, setOffset } = usePaged<AdminAccount>('/admin/accounts', { q: q || undefined });
  function submit(e: FormEvent) {
    e.preventDefault();
    setQ(draft.trim());
  }
  return (
    <section aria-labelledby="admin-accounts">
      <h2 id="admin-accounts">{t('admin.accounts.title')}</h2>
      <search>
        <form className="filters" onSubmit={submit}>
          <TextField
            label={t('admin.accounts.search')}
            name="q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button primary">
            {t('search.submit')}
          </button>
        </form>
      </search>
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('admin.accounts.none')}>
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((a) => (
                <AccountItem key={a.id} account={a} />
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
