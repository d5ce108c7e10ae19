import './circles.css';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { FormError, invalid, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';
import {
  type ConsentDraft,
  ConsentFields,
  checkConsent,
  consentBody,
  emptyConsent,
} from './ConsentSection.tsx';
import { looksLikeEmail } from './lib.ts';
import { supportKeys } from './queries.ts';
import type { Circle } from './types.ts';

type Mode = 'self' | 'onBehalf';

/**
 * /kreise/neu: open a circle around myself, or — as staff of an organisation — on a person's behalf
 * with their (or their guardian's) consent recorded and the organisation's legal basis beside it.
 */
export function CreateCirclePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const orgs = (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
  const [mode, setMode] = useState<Mode>(orgs.length > 0 ? 'onBehalf' : 'self');
  const [organisationId, setOrganisationId] = useState(orgs[0]?.organisationId ?? '');
  const [label, setLabel] = useState('');
  const [email, setEmail] = useState('');
  const [alertHours, setAlertHours] = useState('48');
  const [consent, setConsent] = useState<ConsentDraft>(emptyConsent);
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let created: Circle | null = null;
    const ok = await action.run(async () => {
      const p: Record<string, string> = {};
      const hours = Number(alertHours);
      if (!Number.isInteger(hours) || hours < 1 || hours > 336) p.alertHours = t('circles.alert.range');
      if (mode === 'onBehalf') {
        if (!organisationId) p['onBehalf/organisationId'] = t('circles.create.organisationMissing');
        if (!label.trim()) p['onBehalf/person/label'] = t('circles.create.labelMissing');
        if (email.trim() && !looksLikeEmail(email.trim()))
          p['onBehalf/person/email'] = t('circles.create.emailInvalid');
        Object.assign(p, checkConsent(t, consent, 'onBehalf/consent/', true));
      }
      if (Object.keys(p).length > 0) throw invalid(t('circles.form.invalid'), p);
      const body =
        mode === 'self'
          ? { ...(label.trim() ? { personLabel: label.trim() } : {}), alertHours: hours }
          : {
              alertHours: hours,
              onBehalf: {
                organisationId,
                person: { label: label.trim(), ...(email.trim() ? { email: email.trim() } : {}) },
                consent: consentBody(consent),
              },
            };
      created = await api<Circle>('/circles', { method: 'POST', body });
    }, e.currentTarget);
    const c = created as Circle | null;
    if (ok && c) {
      announce(t('circles.done.created', { name: c.personLabel }));
      await qc.invalidateQueries({ queryKey: supportKeys.circles() });
      navigate(`/kreise/${c.id}/mitglieder`, { state: { created: true } });
    }
  }

  return (
    <>
      <PageHeading title={t('circles.create.title')}>
        <p className="lead">{t('circles.create.lead')}</p>
      </PageHeading>
      <form className="stack circle-create" onSubmit={(e) => void submit(e)} noValidate>
        <FormError
          error={action.error}
          fields={[
            'personLabel',
            'alertHours',
            'onBehalf/organisationId',
            'onBehalf/person',
            'onBehalf/consent',
          ]}
        />
        {orgs.length > 0 && (
          <fieldset className="field">
            <legend>{t('circles.create.for')}</legend>
            <ul className="check-list">
              {(['onBehalf', 'self'] as const).map((m) => (
                <li key={m}>
                  <label className="check">
                    <input
                      type="radio"
                      name="mode"
                      value={m}
                      checked={mode === m}
                      onChange={() => {
                        setMode(m);
                        action.reset();
                      }}
                    />
                    {t(`circles.create.mode.${m}`)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {mode === 'self' ? (
          <>
            <p>{t('circles.create.selfExplained')}</p>
            <TextField
              label={t('circles.create.selfLabel')}
              hint={t('circles.create.selfLabelHint', { name: session.account?.displayName ?? '' })}
              name="personLabel"
              maxLength={80}
              value={label}
              error={action.error}
              onChange={(e) => setLabel(e.target.value)}
            />
          </>
        ) : (
          <>
            <p>{t('circles.create.onBehalfExplained')}</p>
            {orgs.length > 1 ? (
              <SelectField
                label={t('circles.create.organisation')}
                name="organisationId"
                serverField="onBehalf/organisationId"
                value={organisationId}
                error={action.error}
                onChange={(e) => setOrganisationId(e.target.value)}
                options={orgs.map((o) => ({ value: o.organisationId, label: o.name }))}
              />
            ) : (
              <p className="meta">{t('circles.create.asOrganisation', { org: orgs[0]?.name ?? '' })}</p>
            )}
            <h2>{t('circles.create.personTitle')}</h2>
            <TextField
              label={t('circles.create.label')}
              hint={t('circles.create.labelHint')}
              name="label"
              serverField="onBehalf/person/label"
              required
              maxLength={80}
              autoComplete="off"
              value={label}
              error={action.error}
              onChange={(e) => setLabel(e.target.value)}
            />
            <TextField
              label={t('circles.create.email')}
              hint={t('circles.create.emailHint')}
              name="email"
              serverField="onBehalf/person/email"
              type="email"
              autoComplete="off"
              value={email}
              error={action.error}
              onChange={(e) => setEmail(e.target.value)}
            />
            <h2>{t('circles.create.consentTitle')}</h2>
            <p className="hint">{t('circles.create.consentHint')}</p>
            <ConsentFields
              value={consent}
              onChange={setConsent}
              error={action.error}
              prefix="onBehalf/consent/"
              legalBasisRequired
            />
          </>
        )}
        <h2>{t('circles.alert.title')}</h2>
        <TextField
          label={t('circles.alert.hours')}
          hint={t('circles.alert.hint')}
          name="alertHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={336}
          required
          value={alertHours}
          error={action.error}
          onChange={(e) => setAlertHours(e.target.value)}
        />
        {mode === 'onBehalf' && <p className="hint">{t('circles.create.ownerExplained')}</p>}
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('circles.create.submit')}</SubmitButton>
          <Link to="/kreise" className="button secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
