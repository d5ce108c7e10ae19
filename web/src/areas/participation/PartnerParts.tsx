import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { moveFocus } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import { Saved } from '../../app/forms.tsx';
import type { Page } from '../../app/types.ts';
import { ConfirmButton, formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import { LevelBadge, useCoordinatedOrganisations } from './common.tsx';
import { participationKeys } from './queries.ts';
import type { Opportunity, PartnerInvitation } from './types.ts';

/**
 * Joint opportunities need the partner's consent: an organisation named as a partner is invited and
 * runs the opportunity (rosters with names and emails, hours, messages, editing) only once one of
 * its coordinators accepts. These are the places where that happens.
 */

/** Everything that shows who runs an opportunity, or what waits for an answer. */
function usePartnerRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: participationKeys.opportunity() }),
      qc.invalidateQueries({ queryKey: participationKeys.opportunities() }),
    ]);
}

/** Accept or decline one invitation; `onAnswered` gets the sentence to announce. */
function AnswerButtons({
  opportunityId,
  title,
  organisation,
  onAnswered,
  onError,
}: {
  opportunityId: string;
  title: string;
  organisation: { id: string; name: string };
  onAnswered: (message: string, answer: 'accepted' | 'declined') => Promise<unknown>;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const path = `/opportunities/${opportunityId}/partners/${organisation.id}`;
  return (
    <div className="actions">
      <button
        type="button"
        className="button primary"
        disabled={pending}
        onClick={() => {
          setPending(true);
          onError(null);
          api(`${path}/accept`, { method: 'POST' })
            .then(() =>
              onAnswered(
                t('participation.partners.accepted', { title, organisation: organisation.name }),
                'accepted',
              ),
            )
            .catch(onError)
            .finally(() => setPending(false));
        }}
      >
        {t('participation.partners.accept', { title })}
      </button>
      <ConfirmButton
        className="button secondary"
        label={t('participation.partners.decline', { title })}
        title={t('participation.partners.declineTitle')}
        message={t('participation.partners.declineText', { title, organisation: organisation.name })}
        confirmLabel={t('participation.partners.declineConfirm')}
        onConfirm={async () => {
          onError(null);
          await api(`${path}/decline`, { method: 'POST' });
          await onAnswered(t('participation.partners.declined', { title }), 'declined');
        }}
      />
    </div>
  );
}

function ErrorLine({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null) return null;
  return (
    <p className="form-error" role="alert">
      <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
    </p>
  );
}

/** The start of a long description; the whole one is a click away on the opportunity's page. */
function excerpt(text: string, max = 400): string {
  return text.length <= max ? text : `${text.slice(0, max).trimEnd()} …`;
}

function noticeOf(state: unknown): string {
  const notice = (state as { partnerNotice?: unknown } | null)?.partnerNotice;
  return typeof notice === 'string' ? notice : '';
}

/** The coordination page's list: invitations to run an opportunity jointly, waiting for this organisation. */
export function PartnerInvitations({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const refresh = usePartnerRefresh();
  const location = useLocation();
  const section = useRef<HTMLElement>(null);
  const [offset, setOffset] = useState(0);
  // after declining or leaving a draft on its own page (which then is gone), the sentence comes along
  const [message, setMessage] = useState(() => noticeOf(location.state));
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: participationKeys.opportunities('partner-invitations', organisationId, offset),
    queryFn: () =>
      api<Page<PartnerInvitation>>('/opportunities/partner-invitations', {
        query: { organisationId, limit: 10, offset },
      }),
    placeholderData: keepPreviousData,
  });
  // the notification links here (…#einladungen): bring the list into view and focus once it is in
  const loaded = list.isSuccess;
  useEffect(() => {
    if (loaded && location.hash === '#einladungen') section.current?.focus();
  }, [loaded, location.hash]);
  return (
    <section aria-labelledby="invitations-title" id="einladungen" tabIndex={-1} ref={section}>
      <h2 id="invitations-title">{t('participation.partners.invitationsTitle')}</h2>
      <p className="hint">{t('participation.partners.invitationsHint')}</p>
      <Saved show={message !== ''}>{message}</Saved>
      <ErrorLine error={error} />
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={t('participation.partners.noInvitations')}
      >
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((i) => (
                <li key={`${i.opportunity.id}-${i.organisation.id}`} className="card opportunity-card">
                  <p className="meta">
                    <LevelBadge level={i.opportunity.level} />
                    {i.opportunity.status !== 'published' && (
                      <>
                        {' '}
                        <span className="status-pill wait">
                          {t(`participation.status.${i.opportunity.status}`)}
                        </span>
                      </>
                    )}
                  </p>
                  <h3>
                    <Link to={`/mitmachen/${i.opportunity.id}`}>{i.opportunity.title}</Link>
                  </h3>
                  <p className="meta">
                    {t('participation.partners.invitedBy', {
                      lead: i.lead.name,
                      organisation: i.organisation.name,
                      date: formatDate(i.invitedAt),
                    })}
                  </p>
                  {i.opportunity.description && (
                    <p className="prewrap">{excerpt(i.opportunity.description)}</p>
                  )}
                  <AnswerButtons
                    opportunityId={i.opportunity.id}
                    title={i.opportunity.title}
                    organisation={i.organisation}
                    onError={setError}
                    onAnswered={async (m) => {
                      setMessage(m);
                      await refresh();
                      // the answered invitation has left the list: focus stays in it
                      section.current?.focus();
                    }}
                  />
                </li>
              ))}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                section.current?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

/**
 * On the opportunity's page: who runs it and who is invited (the invitations only for the two
 * sides), the answer for an invited organisation, and leaving for a partner.
 */
export function PartnersCard({ o }: { o: Opportunity }) {
  const { t } = useTranslation();
  const refresh = usePartnerRefresh();
  const navigate = useNavigate();
  const mine = useCoordinatedOrganisations();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  /** A draft is gone for an organisation that declined or left it: continue on the coordination page. */
  const after = async (text: string, organisationId: string, gone: boolean) => {
    if (gone && o.status === 'draft') {
      navigate(`/mitmachen/koordination?org=${organisationId}`, { state: { partnerNotice: text } });
      return;
    }
    setMessage(text);
    await refresh();
    moveFocus('partners-title');
  };
  const actsFor = (id: string) => mine.some((m) => m.organisationId === id);
  const myInvitations = o.invitedOrganisations.filter((x) => actsFor(x.id));
  const othersInvited = o.invitedOrganisations.filter((x) => !actsFor(x.id));
  const canLeave = o.organisations.filter((x) => !x.isLead && actsFor(x.id));
  if (o.invitedOrganisations.length === 0 && canLeave.length === 0 && message === '') return null;
  return (
    <section aria-labelledby="partners-title" className="card partners-card">
      <h2 id="partners-title">{t('participation.partners.title')}</h2>
      <Saved show={message !== ''}>{message}</Saved>
      <ErrorLine error={error} />
      {myInvitations.map((x) => (
        <div key={x.id}>
          <p>
            {t('participation.partners.youAreInvited', {
              lead: o.organisations.find((l) => l.isLead)?.name ?? '',
              organisation: x.name,
            })}
          </p>
          <p className="hint">{t('participation.partners.consentHint')}</p>
          <AnswerButtons
            opportunityId={o.id}
            title={o.title}
            organisation={x}
            onError={setError}
            onAnswered={(m, answer) => after(m, x.id, answer === 'declined')}
          />
        </div>
      ))}
      {othersInvited.length > 0 && (
        <>
          <p>{t('participation.partners.waitingFor')}</p>
          <ul className="partner-list">
            {othersInvited.map((x) => (
              <li key={x.id}>
                {x.name} <span className="status-pill wait">{t('participation.partners.invited')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canLeave.map((x) => (
        <div key={x.id} className="actions">
          <ConfirmButton
            className="button secondary"
            label={t('participation.partners.leave', { organisation: x.name })}
            title={t('participation.partners.leaveTitle')}
            message={t('participation.partners.leaveText', { organisation: x.name, title: o.title })}
            confirmLabel={t('participation.partners.leaveConfirm')}
            onConfirm={async () => {
              setError(null);
              await api(`/opportunities/${o.id}/partners/${x.id}`, { method: 'DELETE' });
              await after(
                t('participation.partners.left', { organisation: x.name, title: o.title }),
                x.id,
                true,
              );
            }}
          />
        </div>
      ))}
    </section>
  );
}
