import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { announce } from '../../../app/announce.tsx';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { localDate, zonedInstant } from '../../../app/localTime.ts';
import type { Page, Person } from '../../../app/types.ts';
import { useAllOrganisations } from '../../../features/organisations/useAllOrganisations.ts';
import { kindChoices, useKindText } from './kinds.ts';
import { placesKeys } from './queries.ts';
import { type Area, areas, type Interaction } from './types.ts';

/** The API's limit for what happened (`kind`). */
const kindMax = 60;
const other = 'other';

interface Draft {
  withType: 'person' | 'organisation';
  personId: string;
  organisationId: string;
  area: Area | '';
  mode: 'online' | 'offline';
  date: string;
  kindChoice: string;
  kindText: string;
}

const emptyDraft = (personId = ''): Draft => ({
  withType: 'person',
  personId,
  organisationId: '',
  area: '',
  // most of what people log by hand is a meeting in person; online is one click away
  mode: 'offline',
  date: localDate(new Date()),
  kindChoice: '',
  kindText: '',
});

/**
 * The people a person can pick: those they already have interactions with (they know each other
 * here already), and the one whose profile they came from (`?mit=<id>`). There is no search over
 * all people: nobody's name is listed to everyone, so a new contact is picked on their profile page.
 */
function usePeople(presetId: string) {
  const known = useQuery({
    queryKey: placesKeys.interactions('people'),
    queryFn: () => api<Page<Interaction>>('/interactions/mine', { query: { limit: 100 } }),
  });
  const preset = useQuery({
    queryKey: ['person', presetId],
    queryFn: () => api<Person>(`/people/${encodeURIComponent(presetId)}`),
    enabled: presetId !== '',
    retry: false,
  });
  const people = new Map<string, string>();
  if (preset.data) people.set(preset.data.id, preset.data.displayName);
  for (const i of known.data?.items ?? []) {
    if (i.with.type === 'person') people.set(i.with.id, i.with.name);
  }
  return [...people]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Log an interaction by hand: with whom, in which area, online or on site, when and what. One with
 * a person waits for that person's confirmation on this page; one with an organisation counts at once.
 * Everything the API refuses is checked here first, and what only the server knows (the person is
 * gone, an earlier one still waits) is shown at the person picker.
 */
export function LogInteractionForm({ onLogged }: { onLogged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const kindText = useKindText();
  const [params, setParams] = useSearchParams();
  const presetId = params.get('mit') ?? '';
  const [open, setOpen] = useState(presetId !== '');
  const [d, setDraft] = useState<Draft>(() => emptyDraft(presetId));
  const [done, setDone] = useState<Interaction | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const doneId = useId();
  const doneText = (i: Interaction) =>
    t(i.status === 'pending' ? 'interactions.log.donePending' : 'interactions.log.doneConfirmed', {
      name: i.with.name,
      kind: kindText(i.kind),
    });
  const titleId = useId();
  const action = useAction();
  const people = usePeople(presetId);
  const organisations = useAllOrganisations();
  const today = localDate(new Date());

  // a person from a link who is not (or no longer) to be found is not chosen
  const chosenPerson = people.some((p) => p.id === d.personId) ? d.personId : '';
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((x) => ({ ...x, [k]: v }));

  function check(): Record<string, string> {
    const p: Record<string, string> = {};
    if (d.withType === 'person' && !chosenPerson) p.with = t('interactions.log.personMissing');
    if (d.withType === 'organisation' && !d.organisationId)
      p.with = t('interactions.log.organisationMissing');
    if (!d.area) p.area = t('interactions.log.areaMissing');
    const kind = d.kindText.trim();
    if (!d.kindChoice) p.kind = t('interactions.log.kindMissing');
    else if (d.kindChoice === other && !kind) p.kind = t('interactions.log.kindTextMissing');
    else if (d.kindChoice === other && kind.length > kindMax)
      p.kind = t('interactions.log.kindTooLong', { max: kindMax, count: kind.length });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) p.occurredAt = t('interactions.log.dateMissing');
    else if (d.date > today) p.occurredAt = t('interactions.log.dateFuture');
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    let made: Interaction | null = null;
    const ok = await action.run(async () => {
      const problems = check();
      if (Object.keys(problems).length > 0) throw invalid(t('interactions.log.invalid'), problems);
      const created = await api<Interaction>('/interactions', {
        method: 'POST',
        body: {
          area: d.area,
          kind: d.kindChoice === other ? d.kindText.trim() : d.kindChoice,
          mode: d.mode,
          with:
            d.withType === 'person'
              ? { type: 'person', id: chosenPerson }
              : { type: 'organisation', id: d.organisationId },
          // today: the server's "now"; an earlier day: its noon, so no time zone moves it to another day
          ...(d.date === today ? {} : { occurredAt: zonedInstant(d.date, '12:00').toISOString() }),
        },
      });
      setDone(created);
      made = created;
      setDraft(emptyDraft());
      if (presetId) setParams({}, { replace: true });
      await onLogged();
    }, form.current);
    if (ok && made) announce({ text: doneText(made), focus: doneId });
  }

  const personOptions = [
    { value: '', label: t('interactions.log.choosePerson') },
    ...people.map((p) => ({ value: p.id, label: p.name })),
  ];
  const organisationOptions = [
    { value: '', label: t('interactions.log.chooseOrganisation') },
    ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];

  return (
    <details className="card" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id={titleId}>{t('interactions.log.open')}</summary>
      <form ref={form} onSubmit={submit} aria-labelledby={titleId} noValidate>
        <p className="hint">{t('interactions.log.lead')}</p>
        <FormError
          error={action.error}
          fields={['with', 'area', 'kind', 'kindChoice', 'mode', 'occurredAt']}
        />
        <ChoiceGroup
          legend={t('interactions.log.withType')}
          name="withType"
          serverField="with/type"
          type="radio"
          value={[d.withType]}
          onChange={(v) => set('withType', v[0] ?? 'person')}
          error={action.error}
          options={[
            { value: 'person', label: t('interactions.log.person') },
            { value: 'organisation', label: t('interactions.log.organisation') },
          ]}
        />
        {d.withType === 'person' ? (
          <SelectField
            label={t('interactions.log.personLabel')}
            name="with"
            required
            hint={t('interactions.log.personHint')}
            value={chosenPerson}
            onChange={(e) => set('personId', e.target.value)}
            options={personOptions}
            error={action.error}
          />
        ) : (
          <SelectField
            label={t('interactions.log.organisationLabel')}
            name="with"
            required
            hint={t('interactions.log.organisationHint')}
            value={d.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
            options={organisationOptions}
            error={action.error}
          />
        )}
        <SelectField
          label={t('interactions.log.kind')}
          name="kindChoice"
          serverField={d.kindChoice === other ? 'kindChoice' : 'kind'}
          required
          value={d.kindChoice}
          onChange={(e) => set('kindChoice', e.target.value)}
          options={[
            { value: '', label: t('interactions.log.chooseKind') },
            ...kindChoices.map((k) => ({ value: k, label: kindText(k) })),
            { value: other, label: t('interactions.log.kindOther') },
          ]}
          error={action.error}
        />
        {d.kindChoice === other && (
          <TextField
            label={t('interactions.log.kindText')}
            hint={t('interactions.log.kindTextHint', { max: kindMax })}
            name="kind"
            required
            maxLength={kindMax}
            autoComplete="off"
            value={d.kindText}
            onChange={(e) => set('kindText', e.target.value)}
            error={action.error}
          />
        )}
        <SelectField
          label={t('interactions.log.area')}
          name="area"
          required
          hint={t('interactions.log.areaHint')}
          value={d.area}
          onChange={(e) => set('area', e.target.value as Area | '')}
          options={[
            { value: '', label: t('interactions.log.chooseArea') },
            ...areas.map((a) => ({ value: a, label: t(`interactions.area.${a}`) })),
          ]}
          error={action.error}
        />
        <ChoiceGroup
          legend={t('interactions.log.mode')}
          name="mode"
          type="radio"
          value={[d.mode]}
          onChange={(v) => set('mode', v[0] ?? 'offline')}
          error={action.error}
          options={[
            { value: 'offline', label: t('interactions.log.offline') },
            { value: 'online', label: t('interactions.log.online') },
          ]}
        />
        <TextField
          label={t('interactions.log.date')}
          hint={t('interactions.log.dateHint')}
          name="occurredAt"
          type="date"
          required
          max={today}
          value={d.date}
          onChange={(e) => set('date', e.target.value)}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('interactions.log.submit')}</SubmitButton>
      </form>
      <p id={doneId} tabIndex={-1} className={done ? 'notice' : 'notice-slot'}>
        {done && doneText(done)}
      </p>
    </details>
  );
}
