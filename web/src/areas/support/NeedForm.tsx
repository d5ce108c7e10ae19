import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import {
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { localDate, zonedInstant } from '../../app/localTime.ts';
import { circlePath, isDate, isTime, toInputs } from './lib.ts';
import { type Need, type NeedKind, needKinds, type Visibility, visibilities } from './types.ts';

/** Field names as the server names them (the date input carries `start`, the end time `end`). */
const fields = ['kind', 'title', 'start', 'startTime', 'end', 'place', 'notes', 'visibility', 'weekly'];

/**
 * A new need (optionally weekly until a date) or changes to one. Times are the network's local
 * times; the server writes a weekly need as single ones, and the form then names every date it wrote.
 */
export function NeedForm({
  circleId,
  need,
  onDone,
  onCancel,
}: {
  circleId: string;
  need?: Need;
  onDone: (written: Need[]) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const start = need ? toInputs(need.start) : null;
  const end = need ? toInputs(need.end) : null;
  const [kind, setKind] = useState<NeedKind>(need?.kind ?? 'ride');
  const [title, setTitle] = useState(need?.title ?? '');
  const [date, setDate] = useState(start?.date ?? localDate(new Date(), 1));
  const [startTime, setStartTime] = useState(start?.time ?? '10:00');
  const [endTime, setEndTime] = useState(end?.time ?? '11:00');
  const [place, setPlace] = useState(need?.place ?? '');
  const [notes, setNotes] = useState(need?.notes ?? '');
  const [visibility, setVisibility] = useState<Visibility>(need?.visibility ?? 'all_members');
  const [weekly, setWeekly] = useState(false);
  const [until, setUntil] = useState('');
  const action = useAction();
  const weeklyId = useId();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let written: Need[] = [];
    const ok = await action.run(async () => {
      const problems: Record<string, string> = {};
      if (!title.trim()) problems.title = t('circles.needForm.titleMissing');
      if (!isDate(date)) problems.start = t('circles.needForm.dateMissing');
      if (!isTime(startTime)) problems.startTime = t('circles.needForm.timeMissing');
      if (!isTime(endTime)) problems.end = t('circles.needForm.timeMissing');
      else if (isTime(startTime) && endTime <= startTime) problems.end = t('circles.needForm.endBeforeStart');
      if (weekly && until && (!isDate(until) || until < date))
        problems['weekly/until'] = t('circles.needForm.untilBeforeStart');
      if (Object.keys(problems).length > 0) throw invalid(t('circles.form.invalid'), problems);
      const body = {
        kind,
        title: title.trim(),
        start: zonedInstant(date, startTime).toISOString(),
        end: zonedInstant(date, endTime).toISOString(),
        place: place.trim(),
        notes: notes.trim(),
        visibility,
      };
      if (need) {
        written = [await api<Need>(`${circlePath(circleId)}/needs/${need.id}`, { method: 'PATCH', body })];
      } else {
        const res = await api<{ items: Need[] }>(`${circlePath(circleId)}/needs`, {
          method: 'POST',
          body: { ...body, ...(weekly ? { weekly: until ? { until } : {} } : {}) },
        });
        written = res.items;
      }
    }, e.currentTarget);
    if (ok) await onDone(written);
  }

  return (
    <form className="card stack need-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>
        {need ? t('circles.needForm.editTitle', { title: need.title }) : t('circles.needForm.newTitle')}
      </h3>
      <FormError error={action.error} fields={fields} />
      <SelectField
        label={t('circles.needForm.kind')}
        name="kind"
        value={kind}
        error={action.error}
        onChange={(e) => setKind(e.target.value as NeedKind)}
        options={needKinds.map((k) => ({ value: k, label: t(`circles.kind.${k}`) }))}
      />
      <TextField
        label={t('circles.needForm.title')}
        hint={t('circles.needForm.titleHint')}
        name="title"
        required
        maxLength={120}
        value={title}
        error={action.error}
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className="field-row need-times">
        <TextField
          label={t('circles.needForm.date')}
          name="date"
          type="date"
          required
          value={date}
          error={action.error}
          serverField="start"
          onChange={(e) => setDate(e.target.value)}
        />
        <TextField
          label={t('circles.needForm.from')}
          name="startTime"
          type="time"
          required
          value={startTime}
          error={action.error}
          onChange={(e) => setStartTime(e.target.value)}
        />
        <TextField
          label={t('circles.needForm.to')}
          name="endTime"
          type="time"
          required
          value={endTime}
          error={action.error}
          serverField="end"
          onChange={(e) => setEndTime(e.target.value)}
        />
      </div>
      <TextField
        label={t('circles.needForm.place')}
        name="place"
        maxLength={300}
        autoComplete="off"
        value={place}
        error={action.error}
        onChange={(e) => setPlace(e.target.value)}
      />
      <TextAreaField
        label={t('circles.needForm.notes')}
        hint={t('circles.needForm.notesHint')}
        name="notes"
        rows={3}
        maxLength={2000}
        value={notes}
        error={action.error}
        onChange={(e) => setNotes(e.target.value)}
      />
      <SelectField
        label={t('circles.needForm.visibility')}
        name="visibility"
        value={visibility}
        error={action.error}
        onChange={(e) => setVisibility(e.target.value as Visibility)}
        options={visibilities.map((v) => ({ value: v, label: t(`circles.visibility.${v}`) }))}
      />
      {need ? (
        need.seriesId && <p className="hint">{t('circles.needForm.seriesEdit')}</p>
      ) : (
        <fieldset className="field">
          <legend>{t('circles.needForm.repeat')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={weekly}
              aria-describedby={weeklyId}
              onChange={(e) => setWeekly(e.target.checked)}
            />
            {t('circles.needForm.weekly')}
          </label>
          <p id={weeklyId} className="hint">
            {t('circles.needForm.weeklyHint')}
          </p>
          {weekly && (
            <TextField
              label={t('circles.needForm.until')}
              hint={t('circles.needForm.untilHint')}
              name="until"
              type="date"
              min={date}
              value={until}
              error={action.error}
              serverField="weekly/until"
              onChange={(e) => setUntil(e.target.value)}
            />
          )}
        </fieldset>
      )}
      <div className="actions">
        <SubmitButton pending={action.pending}>
          {need ? t('circles.needForm.save') : t('circles.needForm.create')}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
