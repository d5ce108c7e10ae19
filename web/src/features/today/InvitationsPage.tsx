import './today.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyInvitation } from '../../../../server/routes/api/me/invitations.ts';
import { api, errorMessage } from '../../app/api.ts';
import { sessionKey } from '../../app/session.tsx';
import { ConfirmButton, formatDate, PageHeading, QueryView } from '../../app/ui.tsx';

type Invitation = Static<typeof MyInvitation>;
const invitationsKey = ['me', 'invitations'] as const;

function InvitationCard({
  invitation: i,
  onAnswered,
}: {
  invitation: Invitation;
  onAnswered: (text: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = `invitation-${i.organisation.id}`;
  const role = t(`role.${i.role}`);

  async function refresh() {
    // a new membership changes what the session allows, and the home
    await Promise.all([
      qc.invalidateQueries({ queryKey: sessionKey }),
      qc.invalidateQueries({ queryKey: ['me'] }),
    ]);
  }

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await api(`/me/invitations/${i.organisation.id}/accept`, { method: 'POST' });
      onAnswered(t('invitations.accepted', { organisation: i.organisation.name }));
      await refresh();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{i.organisation.name}</h2>
      <p>
        {i.invitedBy
          ? t('invitations.textBy', { name: i.invitedBy, organisation: i.organisation.name, role })
          : t('invitations.text', { organisation: i.organisation.name, role })}
      </p>
      <p className="meta">{t('invitations.until', { date: formatDate(i.expiresAt) })}</p>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => void accept()}>
          {t('invitations.accept')}
        </button>
        <ConfirmButton
          className="button secondary"
          label={t('invitations.decline')}
          accessibleName={t('invitations.declineNamed', { organisation: i.organisation.name })}
          title={t('invitations.declineTitle', { organisation: i.organisation.name })}
          message={t('invitations.declineText')}
          confirmLabel={t('invitations.declineConfirm')}
          onConfirm={async () => {
            await api(`/me/invitations/${i.organisation.id}/decline`, { method: 'POST' });
            onAnswered(t('invitations.declined', { organisation: i.organisation.name }));
            await refresh();
          }}
        />
        <Link to={`/organisationen/${i.organisation.slug}`}>
          {t('invitations.about', { organisation: i.organisation.name })}
        </Link>
      </div>
      {error !== null && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

/**
 * /einladungen: invitations to organisations addressed to me, from the home's link — accepted or
 * declined here, without the emailed link. What happened is said in a status message that takes the
 * focus, with the way on.
 */
export default function InvitationsPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const invitations = useQuery({
    queryKey: invitationsKey,
    queryFn: () => api<{ items: Invitation[] }>('/me/invitations'),
    staleTime: 0,
  });
  const answered = (text: string) => {
    setDone(text);
    requestAnimationFrame(() => status.current?.focus());
  };
  return (
    <>
      <PageHeading title={t('invitations.title')}>
        <p className="lead">{t('invitations.lead')}</p>
      </PageHeading>
      <div role="status">
        {done && (
          <p ref={status} tabIndex={-1} className="notice">
            {done} <Link to="/heute">{t('invitations.back')}</Link>
          </p>
        )}
      </div>
      <QueryView
        query={invitations}
        isEmpty={(d) => d.items.length === 0}
        empty={done ? null : t('invitations.none')}
      >
        {(d) => (
          <ul className="card-list">
            {d.items.map((i) => (
              <InvitationCard key={i.organisation.id} invitation={i} onAnswered={answered} />
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}
