import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { ChoiceGroup, FormError, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import {
  type Assisted,
  type ClaimCode,
  claimPath,
  consents,
  offlineKeys,
  projectPath,
  useAssisted,
} from './data.ts';
import { GroupFields, groupsBody, noGroups } from './GroupFields.tsx';
import './offline.css';

/**
 * /mitgestalten/projekte/:projectId/mit-unterstuetzung — for the project's facilitators: the people
 * they enter contributions for, with how each agreed; adding a person (a member by e-mail, or someone
 * without an account under the name they choose); withdrawing consent; a code to take over.
 */
export default function AssistedPage() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const people = useAssisted(projectId, { offset });
  return (
    <>
      <PageHeading title={t('codesignOffline.assisted.title')}>
        <p className="lead">{t('codesignOffline.assisted.lead')}</p>
        <p>
          <Link to={projectPath(projectId)}>{t('codesignOffline.backToProject')}</Link>
        </p>
      </PageHeading>
      <AddPerson projectId={projectId} />
      <section aria-labelledby="assisted-list">
        <h2 id="assisted-list">{t('codesignOffline.assisted.listTitle')}</h2>
        <QueryView query={people} isEmpty={(d) => d.total === 0} empty={t('codesignOffline.assisted.empty')}>
          {(d) => (
            <>
              <ul className="offline-people">
                {d.items.map((p) => (
                  <PersonItem key={p.id} projectId={projectId} person={p} />
                ))}
              </ul>
              <Pagination total={d.total} limit={d.limit} offset={d.offset} onOffset={setOffset} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

function AddPerson({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<'name' | 'email'>('name');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState<(typeof consents)[number] | ''>('');
  const [groups, setGroups] = useState(noGroups);
  const { pending, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run(
      () =>
        api<Assisted>(`/codesign/projects/${encodeURIComponent(projectId)}/assisted`, {
          method: 'POST',
          body: {
            ...(kind === 'name' ? { displayName: name.trim() } : { email: email.trim() }),
            consent: consent || undefined,
            groups: groupsBody(groups),
          },
        }),
      form.current,
      (p) => t('codesignOffline.assisted.added', { name: p.name }),
    );
    if (ok) {
      setName('');
      setEmail('');
      setConsent('');
      setGroups(noGroups);
      await qc.invalidateQueries({ queryKey: offlineKeys.assisted(projectId) });
    }
  }
  return (
    <section aria-labelledby="assisted-add" className="card offline-add">
      <h2 id="assisted-add">{t('codesignOffline.assisted.addTitle')}</h2>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={error} fields={['/displayName', '/email', '/consent', '/groups']} />
        <ChoiceGroup
          legend={t('codesignOffline.assisted.kind')}
          name="kind"
          type="radio"
          value={[kind]}
          onChange={(v) => setKind(v[0] ?? 'name')}
          error={null}
          options={[
            {
              value: 'name',
              label: t('codesignOffline.assisted.kindName'),
              hint: t('codesignOffline.assisted.kindNameHint'),
            },
            { value: 'email', label: t('codesignOffline.assisted.kindEmail') },
          ]}
        />
        {kind === 'name' ? (
          <TextField
            label={t('codesignOffline.assisted.name')}
            hint={t('codesignOffline.assisted.nameHint')}
            name="displayName"
            required
            maxLength={80}
            autoComplete="off"
            error={error}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        ) : (
          <TextField
            label={t('codesignOffline.assisted.email')}
            name="email"
            type="email"
            required
            autoComplete="off"
            error={error}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        <ChoiceGroup
          legend={t('codesignOffline.assisted.consent')}
          hint={t('codesignOffline.assisted.consentHint')}
          name="consent"
          type="radio"
          value={consent ? [consent] : []}
          onChange={(v) => setConsent(v[0] ?? '')}
          error={error}
          options={consents.map((c) => ({ value: c, label: t(`codesignOffline.consent.${c}`) }))}
        />
        <GroupFields value={groups} onChange={setGroups} error={error} />
        <SubmitButton pending={pending}>{t('codesignOffline.assisted.add')}</SubmitButton>
      </form>
    </section>
  );
}

function PersonItem({ projectId, person: p }: { projectId: string; person: Assisted }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState<ClaimCode | null>(null);
  const { pending, error, run } = useAction();
  const base = `/codesign/projects/${encodeURIComponent(projectId)}/assisted/${encodeURIComponent(p.id)}`;
  const groups = [
    p.groups.districtName,
    p.groups.ageBand && t(`codesignOffline.ageBand.${p.groups.ageBand}`),
    p.groups.stake && t(`codesignOffline.stake.${p.groups.stake}`),
    p.groups.language && t('codesignOffline.groups.languageIs', { code: p.groups.language }),
  ].filter(Boolean);
  return (
    <li className="card offline-person">
      <h3>{p.name}</h3>
      <p>
        {p.consent &&
          t('codesignOffline.assisted.consentBy', {
            how: t(`codesignOffline.consent.${p.consent}`),
            who: p.consentRecordedBy ?? t('codesignOffline.someone'),
            date: formatDate(p.consentAt),
          })}
      </p>
      {p.consentWithdrawnAt && (
        <p className="badge offline-withdrawn">
          {t('codesignOffline.assisted.withdrawnOn', { date: formatDate(p.consentWithdrawnAt) })}
        </p>
      )}
      <p className="hint">{groups.length > 0 ? groups.join(' · ') : t('codesignOffline.groups.none')}</p>
      <p>
        {p.hasAccount ? t('codesignOffline.assisted.hasAccount') : t('codesignOffline.assisted.noAccount')}{' '}
        {t('codesignOffline.assisted.entered', { count: p.assistedContributions })}
      </p>
      {p.claimedAt && <p>{t('codesignOffline.assisted.claimedOn', { date: formatDate(p.claimedAt) })}</p>}
      {code && (
        <div className="offline-code" role="status">
          <p>{t('codesignOffline.claim.showOnce')}</p>
          <p className="offline-code-value" translate="no">
            {code.code}
          </p>
          <p>
            {t('codesignOffline.claim.instructions', { path: claimPath, date: formatDate(code.expiresAt) })}
          </p>
        </div>
      )}
      {error ? <FormError error={error} /> : null}
      <div className="actions">
        {!p.hasAccount && (
          <button
            type="button"
            className="button secondary"
            disabled={pending}
            aria-label={t(
              p.claimExpiresAt || code
                ? 'codesignOffline.claim.reissueFor'
                : 'codesignOffline.claim.issueFor',
              {
                name: p.name,
              },
            )}
            onClick={() =>
              void run(async () => {
                const c = await api<ClaimCode>(`${base}/claim-code`, { method: 'POST' });
                setCode(c);
                await qc.invalidateQueries({ queryKey: offlineKeys.assisted(projectId) });
              })
            }
          >
            {p.claimExpiresAt || code ? t('codesignOffline.claim.reissue') : t('codesignOffline.claim.issue')}
          </button>
        )}
        {!p.consentWithdrawnAt && (
          <ConfirmButton
            label={t('codesignOffline.assisted.withdraw')}
            accessibleName={t('codesignOffline.assisted.withdrawFor', { name: p.name })}
            title={t('codesignOffline.assisted.withdrawTitle')}
            message={t('codesignOffline.assisted.withdrawMessage', { name: p.name })}
            confirmLabel={t('codesignOffline.assisted.withdrawConfirm')}
            done={t('codesignOffline.assisted.withdrawn', { name: p.name })}
            onConfirm={async () => {
              await api(`${base}/withdraw`, { method: 'POST' });
              await qc.invalidateQueries({ queryKey: offlineKeys.assisted(projectId) });
            }}
          />
        )}
      </div>
    </li>
  );
}
