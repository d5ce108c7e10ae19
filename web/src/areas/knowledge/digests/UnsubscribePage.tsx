import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { ErrorState, PageHeading } from '../../../app/ui.tsx';

/**
 * /wissen/abbestellen?token=…: the digest's unsubscribe link lands here. Opening the page changes
 * nothing (mail scanners follow links); the one button posts the token. No sign-in needed. The server
 * answers a wrong token like a right one, so the page says the same either way.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const valid = /^[A-Za-z0-9_-]{1,64}$/.test(token);
  const unsubscribe = useMutation({
    mutationFn: () => api<void>('/digest/unsubscribe', { method: 'POST', body: { token } }),
    meta: { done: t('digests.unsubscribe.done') },
  });
  return (
    <>
      <PageHeading title={t('digests.unsubscribe.title')} />
      {!valid ? (
        <div className="card">
          <p>{t('digests.unsubscribe.missing')}</p>
          <p>
            <Link to="/wissen/folgen">{t('digests.unsubscribe.preferences')}</Link>
          </p>
        </div>
      ) : unsubscribe.isSuccess ? (
        <div className="card">
          <p>{t('digests.unsubscribe.doneLong')}</p>
          <p>
            <Link to="/wissen/folgen">{t('digests.unsubscribe.again')}</Link>
          </p>
        </div>
      ) : (
        <div className="card">
          <p>{t('digests.unsubscribe.question')}</p>
          <p className="hint">{t('digests.unsubscribe.hint')}</p>
          {unsubscribe.isError && <ErrorState error={unsubscribe.error} />}
          <p className="actions">
            <button
              type="button"
              className="button primary"
              disabled={unsubscribe.isPending}
              onClick={() => unsubscribe.mutate()}
            >
              {unsubscribe.isPending ? t('common.working') : t('digests.unsubscribe.button')}
            </button>
          </p>
        </div>
      )}
    </>
  );
}
