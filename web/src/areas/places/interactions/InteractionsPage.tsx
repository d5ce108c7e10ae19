import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { useKindText } from './kinds.ts';
import { LogInteractionForm } from './LogInteractionForm.tsx';
import { placesKeys } from './queries.ts';
import type { Interaction } from './types.ts';

const pageSize = 20;

/** Where and how: "Support circles · online · 20 Nov 2026". */
function Facts({ i }: { i: Interaction }) {
  const { t } = useTranslation();
  return (
    <p className="meta">
      {t(`interactions.area.${i.area}`)} · {t(`interactions.mode.${i.mode}`)} · {formatDate(i.occurredAt)}
    </p>
  );
}

/** One interaction that waits for an answer: mine to give (confirm or decline), or theirs (withdraw). */
function PendingItem({ i, onChanged }: { i: Interaction; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const kind = useKindText()(i.kind);
  const step = useAction();
  const titleId = `interaction-${i.id}`;
  // declining one logged with me and withdrawing my own are the same removal
  const remove = () => api(`/interactions/${i.id}`, { method: 'DELETE' });
  const stepButton = (
    variant: 'primary' | 'secondary',
    label: string,
    call: () => Promise<unknown>,
    done: string,
  ) => (
    <button
      type="button"
      className={`button ${variant}`}
      disabled={step.pending}
      aria-describedby={titleId}
      onClick={() =>
        void step.run(
          async () => {
            await call();
            await onChanged();
          },
          null,
          done,
        )
      }
    >
      {label}
    </button>
  );
  return (
    <li className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {i.abilities.confirm
          ? t('interactions.pending.askedBy', { name: i.with.name, kind })
          : t('interactions.pending.waitingFor', { name: i.with.name, kind })}
      </h3>
      <Facts i={i} />
      <FormError error={step.error} />
      <div className="actions">
        {i.abilities.confirm && (
          <>
            {stepButton(
              'primary',
              t('interactions.pending.confirm'),
              () => api(`/interactions/${i.id}/confirm`, { method: 'POST' }),
              t('interactions.done.confirmed'),
            )}
            {stepButton(
              'secondary',
              t('interactions.pending.decline'),
              remove,
              t('interactions.done.declined'),
            )}
          </>
        )}
        {!i.abilities.confirm &&
          i.abilities.remove &&
          stepButton(
            'secondary',
            t('interactions.pending.withdraw'),
            remove,
            t('interactions.done.withdrawn'),
          )}
      </div>
    </li>
  );
}

function ConfirmedItem({ i, onChanged }: { i: Interaction; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const kind = useKindText()(i.kind);
  const titleId = `interaction-${i.id}`;
  return (
    <li className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('interactions.confirmed.title', { name: i.with.name, kind })}</h3>
      <Facts i={i} />
      <p className="meta">
        {i.loggedBy === 'me'
          ? t('interactions.loggedBy.me')
          : i.loggedBy === 'them'
            ? t('interactions.loggedBy.them', { name: i.with.name })
            : t('interactions.loggedBy.activity')}
      </p>
      {i.abilities.remove && (
        <div className="actions">
          <ConfirmButton
            className="button secondary"
            label={t('interactions.confirmed.remove')}
            accessibleName={t('interactions.confirmed.removeNamed', { name: i.with.name, kind })}
            title={t('interactions.confirmed.removeTitle')}
            message={t('interactions.confirmed.removeText', { name: i.with.name })}
            confirmLabel={t('interactions.confirmed.remove')}
            done={t('interactions.done.removed')}
            onConfirm={async () => {
              await api(`/interactions/${i.id}`, { method: 'DELETE' });
              await onChanged();
            }}
          />
        </div>
      )}
    </li>
  );
}

/**
 * The interactions a person took part in: those logged with them wait for their answer (they count
 * nowhere until confirmed), those they logged wait for the other person, and the confirmed ones can
 * be taken back when they were logged by hand. Nobody but the two sides sees any of them.
 */
export function InteractionsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const pending = useQuery({
    queryKey: placesKeys.interactions('pending'),
    queryFn: () => api<Page<Interaction>>('/interactions/mine', { query: { status: 'pending', limit: 100 } }),
  });
  const confirmed = useQuery({
    queryKey: placesKeys.interactions('confirmed', offset),
    queryFn: () =>
      api<Page<Interaction>>('/interactions/mine', {
        query: { status: 'confirmed', limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: placesKeys.interactions() });

  return (
    <>
      <PageHeading title={t('interactions.title')}>
        <p className="lead">{t('interactions.lead')}</p>
      </PageHeading>
      <LogInteractionForm onLogged={refresh} />
      <section aria-labelledby="pending-title" className="stack">
        <h2 id="pending-title">{t('interactions.pending.title')}</h2>
        <QueryView
          query={pending}
          isEmpty={(p) => p.items.length === 0}
          empty={t('interactions.pending.none')}
        >
          {(p) => (
            <ul className="card-list">
              {p.items.map((i) => (
                <PendingItem key={i.id} i={i} onChanged={refresh} />
              ))}
            </ul>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="confirmed-title" className="stack">
        <h2 id="confirmed-title" tabIndex={-1}>
          {t('interactions.confirmed.heading')}
        </h2>
        <QueryView
          query={confirmed}
          isEmpty={(p) => p.items.length === 0}
          empty={t('interactions.confirmed.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('interactions.confirmed.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((i) => (
                  <ConfirmedItem key={i.id} i={i} onChanged={refresh} />
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  setOffset(o);
                  document.getElementById('confirmed-title')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
