import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { TextAreaField, TextField } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { AdminAccount } from '../../app/types.ts';
import { ConfirmButton, formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

function AccountItem({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const [reason, setReason] = useState('');
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
        <div className="actions">
          {account.blocked ? (
            <ConfirmButton
              className="button secondary"
              label={t('admin.accounts.unblock')}
              title={t('admin.accounts.unblockTitle', { name: account.displayName })}
              message={<p>{t('admin.accounts.unblockText')}</p>}
              confirmLabel={t('admin.accounts.unblock')}
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
