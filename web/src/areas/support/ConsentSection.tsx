import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatDateTime } from '../../app/localTime.ts';
import { ConfirmButton, QueryView } from '../../app/ui.tsx';
import { CircleFrame } from './CircleFrame.tsx';
import { circlePath, fromLocalInput, refreshCircle, toLocalInput } from './lib.ts';
import { supportKeys } from './queries.ts';
import {
  type Circle,
  type Consent,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentScope,
  consentGivers,
  consentMethods,
  consentScopes,
} from './types.ts';

export interface ConsentDraft {
  givenBy: ConsentGiver;
  guardianName: string;
  method: ConsentMethod;
  scope: ConsentScope[];
  givenAt: string;
  note: string;
  legalBasis: string;
}

export function emptyConsent(): ConsentDraft {
  return {
    givenBy: 'person',
    guardianName: '',
    method: 'in_person',
    scope: [...consentScopes],
    givenAt: toLocalInput(new Date().toISOString()),
    note: '',
    legalBasis: '',
  };
}

/**
 * The browser's checks of a consent record, keyed like the server's answer (`prefix` is where the
 * consent sits in the body), so the messages land at the same fields either way.
 */
export function checkConsent(
  t: (key: string) => string,
  d: ConsentDraft,
  prefix: string,
  legalBasisRequired: boolean,
): Record<string, string> {
  const p: Record<string, string> = {};
  if (d.givenBy === 'legal_guardian' && !d.guardianName.trim())
    p[`${prefix}guardianName`] = t('circles.consent.guardianMissing');
  const at = fromLocalInput(d.givenAt);
  if (!at) p[`${prefix}givenAt`] = t('circles.consent.givenAtMissing');
  else if (at.getTime() > Date.now() + 5 * 60_000) p[`${prefix}givenAt`] = t('circles.consent.givenAtFuture');
  if (d.scope.length === 0) p[`${prefix}scope`] = t('circles.consent.scopeMissing');
  if (legalBasisRequired && !d.legalBasis.trim())
    p[`${prefix}legalBasis`] = t('circles.consent.legalBasisMissing');
  return p;
}

/** The consent as the API wants it. */
export function consentBody(d: ConsentDraft) {
  return {
    givenBy: d.givenBy,
    ...(d.givenBy === 'legal_guardian' ? { guardianName: d.guardianName.trim() } : {}),
    method: d.method,
    scope: d.scope,
    givenAt: (fromLocalInput(d.givenAt) ?? new Date()).toISOString(),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
    ...(d.legalBasis.trim() ? { legalBasis: d.legalBasis.trim() } : {}),
  };
}

/** Who consented, how, when, to what, and (for an organisation) on which legal basis. */
export function ConsentFields({
  value: d,
  onChange,
  error,
  prefix,
  legalBasisRequired,
}: {
  value: ConsentDraft;
  onChange: (d: ConsentDraft) => void;
  error: unknown;
  prefix: string;
  legalBasisRequired: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof ConsentDraft>(k: K, v: ConsentDraft[K]) => onChange({ ...d, [k]: v });
  return (
    <>
      <ChoiceGroup
        legend={t('circles.consent.givenBy')}
        name={`${prefix}givenBy`}
        type="radio"
        value={[d.givenBy]}
        onChange={(v) => set('givenBy', v[0] ?? 'person')}
        error={error}
        options={consentGivers.map((g) => ({ value: g, label: t(`circles.consent.giver.${g}`) }))}
      />
      {d.givenBy === 'legal_guardian' && (
        <TextField
          label={t('circles.consent.guardianName')}
          hint={t('circles.consent.guardianHint')}
          name="guardianName"
          serverField={`${prefix}guardianName`}
          required
          maxLength={120}
          value={d.guardianName}
          error={error}
          onChange={(e) => set('guardianName', e.target.value)}
        />
      )}
      <ChoiceGroup
        legend={t('circles.consent.method')}
        name={`${prefix}method`}
        type="radio"
        value={[d.method]}
        onChange={(v) => set('method', v[0] ?? 'in_person')}
        error={error}
        options={consentMethods.map((m) => ({ value: m, label: t(`circles.consent.methods.${m}`) }))}
      />
      <TextField
        label={t('circles.consent.givenAt')}
        hint={t('circles.consent.givenAtHint')}
        name="givenAt"
        serverField={`${prefix}givenAt`}
        type="datetime-local"
        required
        value={d.givenAt}
        error={error}
        onChange={(e) => set('givenAt', e.target.value)}
      />
      <ChoiceGroup
        legend={t('circles.consent.scope')}
        hint={t('circles.consent.scopeHint')}
        name={`${prefix}scope`}
        type="checkbox"
        value={d.scope}
        onChange={(v) =>
          set(
            'scope',
            consentScopes.filter((s) => v.includes(s)),
          )
        }
        error={error}
        options={consentScopes.map((s) => ({
          value: s,
          label: t(`circles.scope.${s}`),
          hint: t(`circles.scopeHint.${s}`),
        }))}
      />
      <TextAreaField
        label={t('circles.consent.note')}
        hint={t('circles.consent.noteHint')}
        name="note"
        serverField={`${prefix}note`}
        rows={3}
        maxLength={2000}
        value={d.note}
        error={error}
        onChange={(e) => set('note', e.target.value)}
      />
      <TextAreaField
        label={t('circles.consent.legalBasis')}
        hint={t('circles.consent.legalBasisHint')}
        name="legalBasis"
        serverField={`${prefix}legalBasis`}
        required={legalBasisRequired}
        rows={2}
        maxLength={1000}
        value={d.legalBasis}
        error={error}
        onChange={(e) => set('legalBasis', e.target.value)}
      />
    </>
  );
}

const consentFields = ['givenBy', 'guardianName', 'method', 'givenAt', 'scope', 'note', 'legalBasis'];

/** /kreise/:id/einwilligung: every version of the consent (never edited), renewing and withdrawing it. */
export function ConsentPage() {
  return <CircleFrame section="consent">{(c) => <ConsentSection circle={c} />}</CircleFrame>;
}

function ConsentSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const consents = useQuery({
    queryKey: [...supportKeys.circle(circle.id), 'consents'],
    queryFn: () => api<{ items: Consent[] }>(`${circlePath(circle.id)}/consents`),
    enabled: circle.abilities.viewConsents,
  });
  const latestGranted = consents.data?.items.find((k) => k.kind === 'granted');
  return (
    <>
      <section className="section" aria-labelledby="consent-now">
        <h2 id="consent-now">{t('circles.consent.nowTitle')}</h2>
        {circle.status === 'frozen' ? (
          <p>{t('circles.consent.nowFrozen')}</p>
        ) : (
          <>
            <p>{t('circles.consent.nowCovers')}</p>
            <ul>
              {circle.consentScope.map((s) => (
                <li key={s}>{t(`circles.scope.${s}`)}</li>
              ))}
            </ul>
          </>
        )}
        {circle.abilities.withdrawConsent && circle.status === 'active' && (
          <WithdrawButton circle={circle} latest={latestGranted} />
        )}
      </section>
      {circle.abilities.grantConsent && circle.status !== 'deletion_requested' && consents.isSuccess && (
        <RenewForm circle={circle} latest={latestGranted} />
      )}
      <section className="section" aria-labelledby="consent-history">
        <h2 id="consent-history">{t('circles.consent.historyTitle')}</h2>
        <p className="hint">{t('circles.consent.historyHint')}</p>
        <QueryView query={consents} isEmpty={(d) => d.items.length === 0} empty={t('circles.consent.none')}>
          {(d) => (
            <ol className="card-list consent-history" reversed>
              {d.items.map((k) => (
                <ConsentVersion key={k.id} consent={k} />
              ))}
            </ol>
          )}
        </QueryView>
      </section>
    </>
  );
}

function ConsentVersion({ consent: k }: { consent: Consent }) {
  const { t } = useTranslation();
  return (
    <li className={`card consent-version is-${k.kind}`}>
      <h3>
        {t('circles.consent.version', { version: k.version })}
        {' · '}
        {t(`circles.consent.kind.${k.kind}`)}
      </h3>
      <dl className="facts">
        <dt>{k.kind === 'granted' ? t('circles.consent.givenByShort') : t('circles.consent.withdrawnBy')}</dt>
        <dd>
          {k.givenBy === 'legal_guardian'
            ? t('circles.consent.byGuardian', { name: k.guardianName ?? '' })
            : t('circles.consent.giver.person')}
        </dd>
        <dt>{t('circles.consent.methodShort')}</dt>
        <dd>{t(`circles.consent.methods.${k.method}`)}</dd>
        <dt>{t('circles.consent.when')}</dt>
        <dd>{formatDateTime(k.givenAt)}</dd>
        {k.kind === 'granted' && (
          <>
            <dt>{t('circles.consent.scopeShort')}</dt>
            <dd>{k.scope.map((s) => t(`circles.scope.${s}`)).join(', ') || '–'}</dd>
          </>
        )}
        {k.note && (
          <>
            <dt>{t('circles.consent.noteShort')}</dt>
            <dd className="prewrap">{k.note}</dd>
          </>
        )}
        {k.organisation && (
          <>
            <dt>{t('circles.consent.organisation')}</dt>
            <dd>{k.organisation.name ?? '–'}</dd>
          </>
        )}
        {k.legalBasis && (
          <>
            <dt>{t('circles.consent.legalBasisShort')}</dt>
            <dd className="prewrap">{k.legalBasis}</dd>
          </>
        )}
        <dt>{t('circles.consent.recorded')}</dt>
        <dd>
          {t('circles.consent.recordedBy', {
            name: k.recordedBy.name ?? '–',
            date: formatDateTime(k.createdAt),
          })}
        </dd>
      </dl>
    </li>
  );
}

function WithdrawButton({ circle, latest }: { circle: Circle; latest: Consent | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [method, setMethod] = useState<ConsentMethod>('in_person');
  const [note, setNote] = useState('');
  return (
    <ConfirmButton
      label={t('circles.consent.withdraw')}
      title={t('circles.consent.withdrawTitle')}
      message={
        <>
          <p>{t('circles.consent.withdrawText', { name: circle.personLabel })}</p>
          <p>{t('circles.consent.withdrawRenew')}</p>
        </>
      }
      confirmLabel={t('circles.consent.withdrawConfirm')}
      onConfirm={async () => {
        await api(`${circlePath(circle.id)}/consents`, {
          method: 'POST',
          body: {
            kind: 'withdrawn',
            givenBy: latest?.givenBy ?? 'person',
            ...(latest?.givenBy === 'legal_guardian' && latest.guardianName
              ? { guardianName: latest.guardianName }
              : {}),
            method,
            scope: [],
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        });
        await refreshCircle(qc, circle.id);
      }}
      done={t('circles.done.consentWithdrawn')}
    >
      <SelectField
        label={t('circles.consent.withdrawMethod')}
        name="withdrawMethod"
        value={method}
        onChange={(e) => setMethod(e.target.value as ConsentMethod)}
        options={consentMethods.map((m) => ({ value: m, label: t(`circles.consent.methods.${m}`) }))}
      />
      <TextAreaField
        label={t('circles.consent.note')}
        name="withdrawNote"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </ConfirmButton>
  );
}

function RenewForm({ circle, latest }: { circle: Circle; latest: Consent | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const frozen = circle.status === 'frozen';
  // while frozen the form is the one thing to do here, so it stays open
  const [opened, setOpen] = useState(false);
  const open = opened || frozen;
  const [draft, setDraft] = useState<ConsentDraft>(() => ({
    ...emptyConsent(),
    ...(latest
      ? { scope: latest.scope, givenBy: latest.givenBy, guardianName: latest.guardianName ?? '' }
      : {}),
  }));
  const action = useAction({ done: { text: t('circles.consent.recordedOk'), focus: 'consent-renew' } });
  const openButton = useRef<HTMLButtonElement>(null);
  const title = frozen ? t('circles.consent.renewTitle') : t('circles.consent.changeTitle');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(async () => {
      const problems = checkConsent(t, draft, '', false);
      if (Object.keys(problems).length > 0) throw invalid(t('circles.form.invalid'), problems);
      await api(`${circlePath(circle.id)}/consents`, {
        method: 'POST',
        body: { kind: 'granted', ...consentBody(draft) },
      });
    }, e.currentTarget);
    if (ok) {
      setOpen(false);
      await refreshCircle(qc, circle.id);
    }
  }

  return (
    <section className="section" aria-labelledby="consent-renew">
      <h2 id="consent-renew">{title}</h2>
      <p className="hint">{t('circles.consent.renewHint')}</p>
      {!open ? (
        <p>
          <button
            ref={openButton}
            type="button"
            className="button secondary"
            aria-expanded={false}
            onClick={() => setOpen(true)}
          >
            {t('circles.consent.changeOpen')}
          </button>
        </p>
      ) : (
        <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
          <FormError error={action.error} fields={consentFields} />
          <ConsentFields
            value={draft}
            onChange={setDraft}
            error={action.error}
            prefix=""
            legalBasisRequired={false}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('circles.consent.record')}</SubmitButton>
            {!frozen && (
              <button type="button" className="button secondary" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
