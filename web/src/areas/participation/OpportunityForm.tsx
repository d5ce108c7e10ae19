import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { LocationPicker, type PlaceValue, placeOf } from '../../app/LocationPicker.tsx';
import { useAllOrganisations } from '../../features/organisations/useAllOrganisations.ts';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { TagInput } from '../../features/profile/TagInput.tsx';
import {
  commonLanguages,
  languageName,
  levelOptions,
  modeOptions,
  useCoordinatedOrganisations,
} from './common.tsx';
import { participationKeys } from './queries.ts';
import type { Level, Mode, Opportunity } from './types.ts';

interface Draft {
  lead: string;
  partners: string[];
  level: Level;
  title: string;
  description: string;
  mode: Mode;
  districtId: string;
  place: string;
  /** the point on the map (its address is the place text above) */
  point: PlaceValue;
  skills: string[];
  languages: string[];
  accessibility: string;
  minAge: string;
  needsPoliceClearance: boolean;
  effortMinutes: string;
}

function draftOf(o: Opportunity | undefined, lead: string): Draft {
  const leadOrg = o?.organisations.find((x) => x.isLead)?.id ?? o?.organisations[0]?.id ?? lead;
  return {
    lead: leadOrg,
    // partners that run it and those invited who have not answered yet
    partners: o
      ? [...o.organisations.filter((x) => x.id !== leadOrg), ...o.invitedOrganisations].map((x) => x.id)
      : [],
    level: o?.level ?? 'mini',
    title: o?.title ?? '',
    description: o?.description ?? '',
    mode: o?.mode ?? 'on_site',
    districtId: o?.districtId ?? '',
    place: o?.place ?? '',
    point: placeOf(o?.lat, o?.lng),
    skills: o?.skills ?? [],
    languages: o?.languages ?? ['de'],
    accessibility: o?.accessibility ?? '',
    minAge: o?.minAge != null ? String(o.minAge) : '',
    needsPoliceClearance: o?.needsPoliceClearance ?? false,
    effortMinutes: o?.effortMinutes != null ? String(o.effortMinutes) : '',
  };
}

/** Where a partner stands: runs it, invited (no answer yet), or to be invited on saving. */
function PartnerState({ existing, id, chosen }: { existing?: Opportunity; id: string; chosen: boolean }) {
  const { t } = useTranslation();
  if (existing?.organisations.some((x) => x.id === id))
    return <span className="status-pill good">{t('participation.partners.runs')}</span>;
  if (existing?.invitedOrganisations.some((x) => x.id === id))
    return <span className="status-pill wait">{t('participation.partners.invited')}</span>;
  if (chosen) return <span className="status-pill wait">{t('participation.partners.toInvite')}</span>;
  return null;
}

export function OpportunityForm({ existing }: { existing?: Opportunity }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mine = useCoordinatedOrganisations();
  const districts = useDistricts();
  const organisations = useAllOrganisations();
  const [d, setD] = useState<Draft>(() => draftOf(existing, mine[0]?.organisationId ?? ''));
  // open once when editing a joint opportunity; afterwards the person opens and closes it
  const [partnersOpen] = useState(() => d.partners.length > 0);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const online = d.mode === 'online';
  const leadOptions = mine.map((m) => ({ value: m.organisationId, label: m.name }));
  const leadName = existing?.organisations.find((x) => x.isLead)?.name ?? '';
  // who runs it is the lead's decision; a partner's coordinators see the list without changing it
  const choosesPartners = !existing || existing.abilities.managePartners;
  const initialPartners = useRef(d.partners);
  const partnersChanged =
    d.partners.length !== initialPartners.current.length ||
    d.partners.some((p) => !initialPartners.current.includes(p));

  function body(status?: 'draft' | 'published') {
    const district = districts.data?.find((x) => x.id === d.districtId);
    // the point picked on the map; without one, the map shows it at its district's centre
    const coords = online
      ? { lat: null, lng: null }
      : d.point.lat !== null
        ? { lat: d.point.lat, lng: d.point.lng }
        : { lat: district?.centerLat ?? null, lng: district?.centerLng ?? null };
    return {
      // sent only when it changes: a new name is an invitation, a missing one loses its place
      ...(!existing || (choosesPartners && partnersChanged)
        ? { organisationIds: [d.lead, ...d.partners.filter((p) => p !== d.lead)] }
        : {}),
      level: d.level,
      title: d.title.trim(),
      description: d.description,
      mode: d.mode,
      districtId: online ? null : d.districtId || null,
      place: online ? '' : d.place.trim(),
      ...coords,
      skills: d.skills,
      languages: d.languages,
      accessibility: d.accessibility,
      minAge: d.minAge ? Number(d.minAge) : null,
      needsPoliceClearance: d.needsPoliceClearance,
      effortMinutes: d.effortMinutes ? Number(d.effortMinutes) : null,
      ...(status ? { status } : {}),
    };
  }

  function save(status?: 'draft' | 'published') {
    void action.run(
      async () => {
        const o = existing
          ? await api<Opportunity>(`/opportunities/${existing.id}`, { method: 'PATCH', body: body() })
          : await api<Opportunity>('/opportunities', { method: 'POST', body: body(status) });
        await qc.invalidateQueries({ queryKey: participationKeys.opportunities() });
        qc.setQueryData(['opportunity', o.id], o);
        navigate(`/mitmachen/${o.id}`);
      },
      form.current,
      t(
        existing
          ? 'participation.done.saved'
          : status === 'published'
            ? 'participation.done.published'
            : 'participation.done.draftSaved',
      ),
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save(existing ? undefined : 'draft');
  }

  // the directory's first page, plus partners already named in case they are not on it
  const named = existing
    ? [...existing.organisations.filter((x) => !x.isLead), ...existing.invitedOrganisations]
    : [];
  const partnerOptions = [
    ...(organisations.data?.items ?? []),
    ...named.filter((x) => !organisations.data?.items.some((y) => y.id === x.id)),
  ].filter((x) => x.id !== d.lead);
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={[
          'organisationIds',
          'level',
          'title',
          'description',
          'mode',
          'districtId',
          'place',
          'skills',
          'languages',
          'accessibility',
          'minAge',
          'effortMinutes',
        ]}
      />
      {existing ? (
        <div className="field">
          <p className="fixed-field">
            <strong>{t('participation.edit.lead')}:</strong> {leadName}
          </p>
          <p className="hint">{t('participation.edit.leadFixedHint')}</p>
        </div>
      ) : (
        <SelectField
          label={t('participation.edit.lead')}
          name="organisationIds"
          hint={t('participation.edit.leadHint')}
          value={d.lead}
          onChange={(e) => set('lead', e.target.value)}
          options={leadOptions}
          error={action.error}
          required
        />
      )}
      <details className="partners" open={partnersOpen}>
        <summary>{t('participation.edit.partnersSummary', { count: d.partners.length })}</summary>
        {choosesPartners ? (
          <fieldset className="checkbox-group">
            <legend>{t('participation.edit.partners')}</legend>
            <p className="hint">{t('participation.edit.partnersHint')}</p>
            <ul className="checkbox-list partner-choices">
              {partnerOptions.map((x) => (
                <li key={x.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={d.partners.includes(x.id)}
                      onChange={(e) =>
                        set(
                          'partners',
                          e.target.checked ? [...d.partners, x.id] : d.partners.filter((p) => p !== x.id),
                        )
                      }
                    />{' '}
                    <span>
                      {x.name}{' '}
                      <PartnerState existing={existing} id={x.id} chosen={d.partners.includes(x.id)} />
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <div className="checkbox-group">
            <p className="hint">{t('participation.edit.partnersByLead', { lead: leadName })}</p>
            {named.length === 0 && <p>{t('participation.edit.noPartners')}</p>}
            <ul className="partner-list">
              {named.map((x) => (
                <li key={x.id}>
                  {x.name} <PartnerState existing={existing} id={x.id} chosen />
                </li>
              ))}
            </ul>
          </div>
        )}
      </details>
      <TextField
        label={t('participation.edit.title')}
        name="title"
        required
        minLength={3}
        maxLength={120}
        value={d.title}
        onChange={(e) => set('title', e.target.value)}
        error={action.error}
      />
      <SelectField
        label={t('participation.edit.level')}
        name="level"
        hint={t('participation.edit.levelHint')}
        value={d.level}
        onChange={(e) => set('level', e.target.value as Level)}
        options={levelOptions(t)}
        error={action.error}
      />
      <TextField
        label={t('participation.edit.effort')}
        name="effortMinutes"
        type="number"
        min={1}
        max={1440}
        hint={
          d.level === 'mini' ? t('participation.edit.effortMiniHint') : t('participation.edit.effortHint')
        }
        required={d.level === 'mini'}
        value={d.effortMinutes}
        onChange={(e) => set('effortMinutes', e.target.value)}
        error={action.error}
      />
      <TextAreaField
        label={t('participation.edit.description')}
        name="description"
        rows={6}
        maxLength={5000}
        value={d.description}
        onChange={(e) => set('description', e.target.value)}
        error={action.error}
      />
      <SelectField
        label={t('participation.edit.mode')}
        name="mode"
        value={d.mode}
        onChange={(e) => set('mode', e.target.value as Mode)}
        options={modeOptions(t)}
        error={action.error}
      />
      {!online && (
        <LocationPicker
          legend={t('participation.edit.point')}
          hint={t('participation.edit.pointHint')}
          withAddress={false}
          value={d.point}
          onChange={(point) => set('point', point)}
          onDistrict={(districtId) => set('districtId', districtId)}
          error={action.error}
        />
      )}
      {!online && (
        <div className="field-row">
          <SelectField
            label={t('participation.edit.district')}
            name="districtId"
            hint={t('participation.edit.districtHint')}
            value={d.districtId}
            onChange={(e) => set('districtId', e.target.value)}
            options={[
              { value: '', label: t('participation.edit.noDistrict') },
              ...(districts.data ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
            error={action.error}
          />
          <TextField
            label={t('participation.edit.place')}
            name="place"
            maxLength={200}
            value={d.place}
            onChange={(e) => set('place', e.target.value)}
            error={action.error}
          />
        </div>
      )}
      <TagInput
        label={t('participation.edit.skills')}
        name="skills"
        hint={t('participation.edit.skillsHint')}
        values={d.skills}
        onChange={(v) => set('skills', v)}
        error={action.error}
      />
      <fieldset className="checkbox-group">
        <legend>{t('participation.edit.languages')}</legend>
        <ul className="checkbox-list">
          {[...new Set([...commonLanguages, ...d.languages])].map((l) => (
            <li key={l}>
              <label>
                <input
                  type="checkbox"
                  checked={d.languages.includes(l)}
                  onChange={(e) =>
                    set(
                      'languages',
                      e.target.checked ? [...d.languages, l] : d.languages.filter((x) => x !== l),
                    )
                  }
                />{' '}
                {languageName(l)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField
        label={t('participation.edit.accessibility')}
        name="accessibility"
        rows={3}
        hint={t('participation.edit.accessibilityHint')}
        value={d.accessibility}
        onChange={(e) => set('accessibility', e.target.value)}
        error={action.error}
      />
      <TextField
        label={t('participation.edit.minAge')}
        name="minAge"
        type="number"
        min={0}
        max={99}
        value={d.minAge}
        onChange={(e) => set('minAge', e.target.value)}
        error={action.error}
      />
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={d.needsPoliceClearance}
            onChange={(e) => set('needsPoliceClearance', e.target.checked)}
          />{' '}
          {t('participation.edit.policeClearance')}
        </label>
      </div>
      <div className="actions">
        {existing ? (
          <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
        ) : (
          <>
            <SubmitButton pending={action.pending}>{t('participation.edit.saveDraft')}</SubmitButton>
            <button
              type="button"
              className="button secondary"
              disabled={action.pending}
              onClick={() => save('published')}
            >
              {t('participation.edit.savePublish')}
            </button>
          </>
        )}
        <Link to={existing ? `/mitmachen/${existing.id}` : '/mitmachen'}>{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
