import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { useAllOrganisations } from '../../features/organisations/useAllOrganisations.ts';
import { SharingNav } from '../sharing/index.ts';
import { accountName } from './lib.ts';
import { timebankKeys } from './queries.ts';
import { AccountSwitch, useChosenAccount, useMyAccounts } from './TimebankParts.tsx';
import type { Account, LedgerHealth, Transfer } from './types.ts';

/** Requests waiting for a decision: the payer confirms or declines, the receiver may withdraw. */
function PendingTransfers({ account }: { account: Account }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pending = useQuery({
    queryKey: timebankKeys.timebank('transfers', account.id, 'requested'),
    queryFn: () =>
      api<Page<Transfer>>(`/timebank/accounts/${account.id}/transfers`, {
        query: { status: 'requested', limit: 50 },
      }),
  });
  const decide = useMutation({
    mutationFn: ({ id, step }: { id: string; step: 'confirm' | 'decline' | 'cancel' }) =>
      api<Transfer>(`/timebank/transfers/${id}/${step}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: timebankKeys.timebank() }),
    meta: { done: (_r, v) => t(`timebank.done.${(v as { step: string }).step}`) },
  });
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">{t('timebank.pending')}</h2>
      {decide.isError && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {decide.error.message}
        </p>
      )}
      <QueryView query={pending} isEmpty={(p) => p.items.length === 0} empty={t('timebank.noPending')}>
        {(p) => (
          <ul className="card-list">
            {p.items.map((tr) => {
              const incoming = tr.payee.accountId === account.id;
              return (
                <li key={tr.id} className="list-row">
                  <p>
                    {incoming
                      ? t('timebank.askedOf', {
                          name: accountName(t, tr.payer),
                          amount: formatMinutes(t, tr.minutes),
                        })
                      : t('timebank.askedBy', {
                          name: accountName(t, tr.payee),
                          amount: formatMinutes(t, tr.minutes),
                        })}
                  </p>
                  {tr.memo && (
                    <p className="meta">
                      „{tr.memo}“ · {formatDateTime(tr.createdAt)}
                    </p>
                  )}
                  <div className="actions">
                    {tr.abilities.confirm && (
                      <button
                        type="button"
                        className="button primary"
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ id: tr.id, step: 'confirm' })}
                      >
                        {t('timebank.confirm', { amount: formatMinutes(t, tr.minutes) })}
                      </button>
                    )}
                    {tr.abilities.decline && (
                      <button
                        type="button"
                        className="button secondary"
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ id: tr.id, step: 'decline' })}
                      >
                        {t('timebank.decline')}
                      </button>
                    )}
                    {tr.abilities.cancel && (
                      <button
                        type="button"
                        className="button secondary"
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ id: tr.id, step: 'cancel' })}
                      >
                        {t('timebank.withdraw')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

interface Counterpart {
  value: string;
  label: string;
}

/**
 * Pay someone (the payer's side: done at once) or ask someone for credits (the receiver's side: the
 * payer confirms). Each submission carries an Idempotency-Key made once and reused when the same
 * submission is sent again after a failure, so a retry never pays twice.
 */
/** What a transfer did: paid at once, or asked of the other side. */
function transferText(t: TFunction, tr: Transfer): string {
  return tr.status === 'completed'
    ? t('timebank.paid', { amount: formatMinutes(t, tr.minutes), name: accountName(t, tr.payee) })
    : t('timebank.requested', { amount: formatMinutes(t, tr.minutes), name: accountName(t, tr.payer) });
}

function TransferForm({ account }: { account: Account }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const preset = params.get('an') ?? '';
  const presetName = params.get('name') ?? '';
  const [mode, setMode] = useState<'pay' | 'request'>(params.get('art') === 'anfordern' ? 'request' : 'pay');
  const [other, setOther] = useState(preset);
  const [hours, setHours] = useState(
    params.get('minuten') ? String(Math.floor(Number(params.get('minuten')) / 60)) : '1',
  );
  const [minutes, setMinutes] = useState(
    params.get('minuten') ? String(Number(params.get('minuten')) % 60) : '0',
  );
  const [memo, setMemo] = useState(params.get('zweck') ?? '');
  const [done, setDone] = useState<Transfer | null>(null);
  const key = useRef<string | null>(null);
  const doneId = useId();
  // a changed submission is a new one: it gets a new key
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key belongs to exactly these values
  useEffect(() => {
    key.current = null;
  }, [mode, other, hours, minutes, memo, account.id]);

  const orgs = useAllOrganisations();
  const options: Counterpart[] = [
    { value: '', label: t('timebank.choose') },
    ...(preset.startsWith('person:') ? [{ value: preset, label: presetName || t('timebank.person') }] : []),
    ...(orgs.data?.items ?? [])
      .filter((o) => !(account.ownerType === 'organisation' && account.ownerId === o.id))
      .map((o) => ({ value: `organisation:${o.id}`, label: o.name })),
    ...(account.ownerType === 'pool' ? [] : [{ value: 'pool', label: t('timebank.pool') }]),
  ];
  const total = (Number(hours) || 0) * 60 + (Number(minutes) || 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    key.current ??= crypto.randomUUID();
    const idempotencyKey = key.current;
    let made: Transfer | null = null;
    const ok = await action.run(async () => {
      const [type, id] = other.split(':');
      const counterpart = await api<Account>('/timebank/accounts/lookup', {
        query:
          type === 'pool' ? { pool: true } : type === 'person' ? { personId: id } : { organisationId: id },
      });
      const transfer = await api<Transfer>('/timebank/transfers', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          payerAccountId: mode === 'pay' ? account.id : counterpart.id,
          payeeAccountId: mode === 'pay' ? counterpart.id : account.id,
          minutes: total,
          memo: memo.trim() || undefined,
          ...(params.get('angebot') ? { source: { type: 'offer', id: params.get('angebot') } } : {}),
        },
      });
      setDone(transfer);
      made = transfer;
      key.current = null;
      await qc.invalidateQueries({ queryKey: timebankKeys.timebank() });
    }, form.current);
    if (ok && made) announce({ text: transferText(t, made), focus: doneId });
  }

  const canPay = account.abilities.pay;
  const canRequest = account.abilities.request;
  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('timebank.transferTitle')}</h2>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['minutes', 'memo']} />
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('timebank.mode')}</legend>
          <label className="check">
            <input
              type="radio"
              name="mode"
              value="pay"
              checked={mode === 'pay'}
              disabled={!canPay}
              onChange={() => setMode('pay')}
            />
            {t('timebank.pay')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="mode"
              value="request"
              checked={mode === 'request'}
              disabled={!canRequest}
              onChange={() => setMode('request')}
            />
            {t('timebank.request')}
          </label>
        </fieldset>
        <p className="hint">{mode === 'pay' ? t('timebank.payHint') : t('timebank.requestHint')}</p>
        <SelectField
          label={mode === 'pay' ? t('timebank.to') : t('timebank.from')}
          name="counterpart"
          required
          value={other}
          onChange={(e) => setOther(e.target.value)}
          options={options}
          hint={t('timebank.counterpartHint')}
        />
        <div className="field-row">
          <TextField
            label={t('timebank.hours')}
            name="hours"
            type="number"
            min={0}
            max={1666}
            inputMode="numeric"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
          <TextField
            label={t('timebank.minutes')}
            name="minutes"
            type="number"
            min={0}
            max={59}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            error={action.error}
          />
        </div>
        <TextField
          label={t('timebank.memo')}
          name="memo"
          value={memo}
          onChange={(e) => setMemo(e.target.value)}
          maxLength={500}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>
          {mode === 'pay'
            ? t('timebank.paySubmit', { amount: formatMinutes(t, total) })
            : t('timebank.requestSubmit', { amount: formatMinutes(t, total) })}
        </SubmitButton>
      </form>
      {done && (
        <p id={doneId} tabIndex={-1} className="notice">
          {transferText(t, done)}{' '}
          <Link to={`/zeitbank/kontoauszug?konto=${account.id}`}>{t('timebank.statementLink')}</Link>
        </p>
      )}
    </section>
  );
}

function LedgerHealthSection() {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: timebankKeys.timebank('health'),
    queryFn: () => api<LedgerHealth>('/timebank/health'),
  });
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">{t('sharing.health.title')}</h2>
      <QueryView query={health}>
        {(h) => (
          <>
            <p className={h.ok ? 'notice' : 'form-error'}>
              <strong>{h.ok ? t('sharing.health.ok') : t('sharing.health.notOk')}</strong>
            </p>
            <dl className="facts">
              <dt>{t('sharing.health.balanceSum')}</dt>
              <dd>{h.balanceSum}</dd>
              <dt>{t('sharing.health.mismatched')}</dt>
              <dd>{h.mismatchedAccounts}</dd>
              <dt>{t('sharing.health.unbalanced')}</dt>
              <dd>{h.unbalancedEntries}</dd>
              <dt>{t('sharing.health.overLimit')}</dt>
              <dd>{h.overLimitAccounts}</dd>
              <dt>{t('sharing.health.accounts')}</dt>
              <dd>{h.accounts}</dd>
              <dt>{t('sharing.health.entries')}</dt>
              <dd>{h.entries}</dd>
              <dt>{t('sharing.health.reversals')}</dt>
              <dd>{h.reversals}</dd>
            </dl>
          </>
        )}
      </QueryView>
    </section>
  );
}

function Balance({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">
        {account.ownerType === 'person' ? t('timebank.myAccount') : accountName(t, account)}
      </h2>
      <p className="balance">{formatMinutes(t, account.balance ?? 0)}</p>
      <dl className="facts">
        <dt>{t('timebank.creditLimit')}</dt>
        <dd>
          {account.creditLimit == null ? t('timebank.unlimited') : formatMinutes(t, account.creditLimit)}
        </dd>
        <dt>{t('timebank.available')}</dt>
        <dd>{account.available == null ? t('timebank.unlimited') : formatMinutes(t, account.available)}</dd>
      </dl>
      <p className="actions">
        <Link className="button secondary" to={`/zeitbank/kontoauszug?konto=${account.id}`}>
          {t('timebank.statementLink')}
        </Link>
      </p>
    </section>
  );
}

/** /zeitbank: balance, pay or ask for credits, requests to decide; ledger health for instance admins. */
export function TimebankPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const accounts = useMyAccounts();
  const { chosen, choose } = useChosenAccount(accounts.data?.items);
  return (
    <>
      <PageHeading title={t('timebank.title')}>
        <p className="lead">{t('timebank.lead')}</p>
      </PageHeading>
      <SharingNav />
      <QueryView query={accounts}>
        {(a) =>
          chosen && (
            <>
              <AccountSwitch accounts={a.items} value={chosen.id} onChange={choose} />
              <div className="columns">
                <Balance account={chosen} />
                <PendingTransfers account={chosen} />
              </div>
              <TransferForm key={chosen.id} account={chosen} />
            </>
          )
        }
      </QueryView>
      {session.account?.isInstanceAdmin && <LedgerHealthSection />}
    </>
  );
}
