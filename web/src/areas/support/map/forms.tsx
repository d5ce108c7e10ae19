import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { nameOf } from './NetworkMap.tsx';
import { mapUrl } from './parts.tsx';
import {
  type MapEntry,
  type MapTie,
  type Quality,
  qualities,
  rings,
  type Sector,
  type Support,
  sectors,
  supportKinds,
} from './types.ts';

/** Kinds of support as a group of checkboxes. */
function SupportField({
  value,
  onChange,
  legend,
}: {
  value: Support[];
  onChange: (v: Support[]) => void;
  legend: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <ul className="check-list nm-support-checks">
        {supportKinds.map((s) => (
          <li key={s}>
            <label className="check">
              <input
                type="checkbox"
                name="support"
                value={s}
                checked={value.includes(s)}
                onChange={(e) => onChange(e.target.checked ? [...value, s] : value.filter((x) => x !== s))}
              />
              {t(`circles.map.support.${s}`)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

const qualityOptions = (t: (k: string) => string) =>
  qualities.map((q) => ({ value: q, label: t(`circles.map.quality.${q}`) }));

const invalid = (field: string, message: string) =>
  new ApiError(422, 'validation', message, { [field]: message });

/**
 * Put someone on the map or change an entry. People without an account never consented to being on
 * it: the label is shown as initials unless "may be named" is ticked. Members who may not see full
 * labels edit without seeing the name; leaving the field empty keeps it.
 */
export function EntryForm({
  circleId,
  entry,
  onSaved,
  onCancel,
}: {
  circleId: string;
  entry?: MapEntry;
  onSaved: (e: MapEntry) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const hiddenName = entry !== undefined && entry.label === undefined;
  const [label, setLabel] = useState(entry ? (entry.label ?? '') : '');
  const [sector, setSector] = useState<Sector>(entry?.sector ?? 'family');
  const [ring, setRing] = useState(String(entry?.ring ?? 2));
  const [quality, setQuality] = useState<Quality>(entry?.quality ?? 'supportive');
  const [support, setSupport] = useState<Support[]>(entry?.support ?? []);
  const [showLabel, setShowLabel] = useState(entry?.showLabel ?? false);
  const [note, setNote] = useState(entry?.note ?? '');
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = label.trim();
    let saved: MapEntry | undefined;
    const ok = await action.run(async () => {
      if (!trimmed && !hiddenName) throw invalid('label', t('circles.map.form.labelMissing'));
      const body = {
        ...(trimmed ? { label: trimmed } : {}),
        sector,
        ring: Number(ring),
        quality,
        support,
        showLabel,
        note: note.trim(),
      };
      saved = await api<MapEntry>(mapUrl(circleId, entry ? `/entries/${entry.id}` : '/entries'), {
        method: entry ? 'PATCH' : 'POST',
        body,
      });
    }, e.currentTarget);
    if (ok && saved) onSaved(saved);
  }

  const fields = ['label', 'sector', 'ring', 'quality', 'support', 'showLabel', 'note'];
  return (
    <form className="card stack nm-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>
        {entry
          ? t('circles.map.form.editTitle', { name: nameOf(entry, true) })
          : t('circles.map.form.addTitle')}
      </h3>
      <FormError error={action.error} fields={fields} />
      <TextField
        label={t('circles.map.form.label')}
        name="label"
        required={!hiddenName}
        maxLength={80}
        autoComplete="off"
        hint={hiddenName ? t('circles.map.form.labelHidden') : t('circles.map.form.labelHint')}
        value={label}
        error={action.error}
        onChange={(e) => setLabel(e.target.value)}
      />
      <div className="field-row">
        <SelectField
          label={t('circles.map.form.sector')}
          name="sector"
          value={sector}
          error={action.error}
          onChange={(e) => setSector(e.target.value as Sector)}
          options={sectors.map((s) => ({ value: s, label: t(`circles.map.sector.${s}`) }))}
        />
        <SelectField
          label={t('circles.map.form.ring')}
          name="ring"
          value={ring}
          error={action.error}
          hint={t('circles.map.form.ringHint')}
          onChange={(e) => setRing(e.target.value)}
          options={rings.map((r) => ({ value: String(r), label: t(`circles.map.ring.${r}`) }))}
        />
        <SelectField
          label={t('circles.map.form.quality')}
          name="quality"
          value={quality}
          error={action.error}
          onChange={(e) => setQuality(e.target.value as Quality)}
          options={qualityOptions(t)}
        />
      </div>
      <SupportField value={support} onChange={setSupport} legend={t('circles.map.form.support')} />
      {entry?.accountId ? (
        <p className="hint">{t('circles.map.form.member')}</p>
      ) : (
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={showLabel} onChange={(e) => setShowLabel(e.target.checked)} />
            {t('circles.map.form.showLabel')}
          </label>
          <p className="hint">{t('circles.map.form.showLabelHint')}</p>
        </div>
      )}
      <TextAreaField
        label={t('circles.map.form.note')}
        name="note"
        rows={2}
        maxLength={1000}
        value={note}
        error={action.error}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>
          {entry ? t('circles.map.form.save') : t('circles.map.form.add')}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A tie between two people on the map: who, how it is, and what flows between them. */
export function TieForm({
  circleId,
  entries,
  ties,
  from,
  onSaved,
  onCancel,
  fullNames,
}: {
  circleId: string;
  entries: MapEntry[];
  ties: MapTie[];
  from?: string;
  /** The tie as stored, and the two ends in the order they were chosen. */
  onSaved: (tie: MapTie, from: string, to: string) => void;
  onCancel: () => void;
  fullNames: boolean;
}) {
  const { t } = useTranslation();
  const [a, setA] = useState(from ?? '');
  const [b, setB] = useState('');
  const [quality, setQuality] = useState<Quality>('supportive');
  const [support, setSupport] = useState<Support[]>([]);
  const action = useAction();
  const tied = new Set(ties.filter((x) => x.a === a || x.b === a).map((x) => (x.a === a ? x.b : x.a)));
  const option = (e: MapEntry) => ({
    value: e.id,
    label: `${nameOf(e, fullNames)} – ${t(`circles.map.sector.${e.sector}`)}`,
  });
  const choose = { value: '', label: t('circles.map.tieForm.choose') };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let saved: MapTie | undefined;
    const ok = await action.run(async () => {
      if (!a) throw invalid('a', t('circles.map.tieForm.aMissing'));
      if (!b) throw invalid('b', t('circles.map.tieForm.bMissing'));
      saved = await api<MapTie>(mapUrl(circleId, '/ties'), {
        method: 'POST',
        body: { a, b, quality, support },
      });
    }, e.currentTarget);
    if (ok && saved) onSaved(saved, a, b);
  }

  const candidates = entries.filter((e) => e.id !== a && !tied.has(e.id));
  return (
    <form className="card stack nm-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('circles.map.tieForm.title')}</h3>
      <p className="hint">{t('circles.map.tieForm.lead')}</p>
      <FormError error={action.error} fields={['a', 'b', 'quality', 'support']} />
      <div className="field-row">
        <SelectField
          label={t('circles.map.tieForm.a')}
          name="a"
          required
          value={a}
          error={action.error}
          onChange={(e) => {
            setA(e.target.value);
            if (e.target.value === b) setB('');
          }}
          options={[choose, ...entries.map(option)]}
        />
        <SelectField
          label={t('circles.map.tieForm.b')}
          name="b"
          required
          value={b}
          error={action.error}
          hint={a && candidates.length === 0 ? t('circles.map.tieForm.allTied') : undefined}
          onChange={(e) => setB(e.target.value)}
          options={[choose, ...candidates.map(option)]}
        />
        <SelectField
          label={t('circles.map.form.quality')}
          name="quality"
          value={quality}
          error={action.error}
          onChange={(e) => setQuality(e.target.value as Quality)}
          options={qualityOptions(t)}
        />
      </div>
      <SupportField value={support} onChange={setSupport} legend={t('circles.map.tieForm.support')} />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('circles.map.tieForm.add')}</SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Change how a tie is described (who it joins stays: remove it and draw a new one for that). */
export function TieEditForm({
  circleId,
  tie,
  onSaved,
  onCancel,
}: {
  circleId: string;
  tie: MapTie;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [quality, setQuality] = useState<Quality>(tie.quality);
  const [support, setSupport] = useState<Support[]>(tie.support);
  const action = useAction();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(
      () => api(mapUrl(circleId, `/ties/${tie.id}`), { method: 'PATCH', body: { quality, support } }),
      e.currentTarget,
    );
    if (ok) onSaved();
  }
  return (
    <form className="stack nm-tie-edit" onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={action.error} fields={['quality', 'support']} />
      <SelectField
        label={t('circles.map.form.quality')}
        name="quality"
        value={quality}
        error={action.error}
        onChange={(e) => setQuality(e.target.value as Quality)}
        options={qualityOptions(t)}
      />
      <SupportField value={support} onChange={setSupport} legend={t('circles.map.tieForm.support')} />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('circles.map.form.save')}</SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
