import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { ConfirmButton } from '../../app/ui.tsx';

/** A secret calendar URL: made on request, copied with one button, revoked behind a confirmation. */
export function FeedLink({ createPath, label }: { createPath: string; label: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const id = useId();
  const create = useMutation({
    mutationFn: () => api<{ url: string }>(createPath, { method: 'POST' }),
    onSuccess: (r) => {
      setUrl(r.url);
    },
    meta: { done: { text: t('sharing.done.feedCreated'), focus: id } },
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{label}</h2>
      <p className="hint">{t('sharing.feed.hint')}</p>
      {url && (
        <div className="feed-url">
          <div className="field">
            <label htmlFor={id}>{t('sharing.feed.url')}</label>
            <input id={id} readOnly value={url} onFocus={(e) => e.target.select()} className="mono" />
          </div>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(
                () => announce(t('sharing.feed.copied')),
                () => document.getElementById(id)?.focus(),
              );
            }}
          >
            {t('sharing.feed.copy')}
          </button>
        </div>
      )}
      {create.isError && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={create.isPending}
          onClick={() => create.mutate()}
        >
          {url ? t('sharing.feed.renew') : t('sharing.feed.create')}
        </button>
        <ConfirmButton
          label={t('sharing.feed.revoke')}
          title={t('sharing.feed.revokeTitle')}
          message={t('sharing.feed.revokeText')}
          confirmLabel={t('sharing.feed.revokeConfirm')}
          onConfirm={async () => {
            await api(createPath, { method: 'DELETE' });
            setUrl('');
          }}
          done={t('sharing.done.feedRevoked')}
        />
      </div>
    </section>
  );
}
