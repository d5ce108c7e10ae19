import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { formatAddress, LocationPicker, type PlaceValue, placeOf } from '../../../app/LocationPicker.tsx';
import { localDate, localParts, zonedInstant } from '../../../app/localTime.ts';
import { MarkdownField } from '../../../app/RichText.tsx';
import { ErrorState, Loading, PageHeading, QueryView } from '../../../app/ui.tsx';
import { useDistricts } from '../../../features/profile/ProfilePage.tsx';
import { useHostOptions } from './EventParts.tsx';
import { eventKeys } from './queries.ts';
import type { HostOptions, PlaceEvent } from './types.ts';

type Mode = 'on_site' | 'online' | 'both';

interface Draft {
  /** `organisation:<id>` or `community:<id>` */
  host: string;
  title: string;
  description: string;
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  mode: Mode;
  place: PlaceValue;
  districtId: string;
  onlineUrl: string;
  stepFree: boolean;
  cost: 'free' | 'paid';
  price: string;
  visibility: 'public' | 'members';
  registration: boolean;
  capacity: string;
  waitlistEnabled: boolean;
}

const hhmm = (iso: string) => {
  const m = localParts(new Date(iso)).minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

function draftOf(e: PlaceEvent | undefined, host: string): Draft {
  const tomorrow = localDate(new Date(), 1);
  return {
    host: e ? `${e.host.type}:${e.host.id}` : host,
    title: e?.title ?? '',
    description: e?.description ?? '',
    startDay: e ? localDate(new Date(e.startsAt)) : tomorrow,
    startTime: e ? hhmm(e.startsAt) : '15:00',
    endDay: e ? localDate(new Date(e.endsAt)) : tomorrow,
    endTime: e ? hhmm(e.endsAt) : '17:00',
    mode: e ? (e.venue && e.online ? 'both' : e.online ? 'online' : 'on_site') : 'on_site',
    place: placeOf(e?.lat, e?.lng, e?.venue),
    districtId: e?.district?.id ?? '',
    onlineUrl: e?.onlineUrl ?? '',
    stepFree: e?.stepFree ?? false,
    cost: e && !e.free ? 'paid' : 'free',
    price: e?.price ?? '',
    visibility: e?.visibility ?? 'public',
    registration: e?.registration ?? true,
    capacity: e?.capacity != null ? String(e.capacity) : '',
    waitlistEnabled: e?.waitlistEnabled ?? true,
  };
}

function hostChoices(t: ReturnType<typeof useTranslation>['t'], h: HostOptions) {
  return [
    ...h.organisations.map((o) => ({
      value: `organisation:${o.id}`,
      label: t('placesEvents.form.hostOrganisation', { name: o.name }),
    })),
    ...h.communities.map((c) => ({
      value: `community:${c.id}`,
      label: t('placesEvents.form.hostCommunity', { name: c.name }),
    })),
  ];
}

/** The message the server gave for a field, to show at a part of the form that is not one field. */
function fieldMessage(error: unknown, field: string) {
  const m = error instanceof ApiError ? error.field(field) : undefined;
  return m ? (
    <p className="field-error">
      <span aria-hidden="true">⚠ </span>
      {m}
    </p>
  ) : null;
}

/** Create or change an event: who invites, what, when (the network's local time), where, for whom, places. */
function EventForm({ existing, hosts }: { existing?: PlaceEvent; hosts: HostOptions }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const districts = useDistricts();
  const choices = hostChoices(t, hosts);
  const wanted = params.get('gemeinschaft');
  const preset = choices.find((c) => c.value === `community:${wanted}`)?.value ?? choices[0]?.value ?? '';
  const [d, setD] = useState<Draft>(() => draftOf(existing, preset));
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const onSite = d.mode !== 'online';
  const online = d.mode !== 'on_site';

  function body() {
    const [type, id] = d.host.split(':');
    return {
      ...(existing ? {} : { host: { type, id } }),
      title: d.title,
      description: d.description,
      startsAt: zonedInstant(d.startDay, d.startTime).toISOString(),
      endsAt: zonedInstant(d.endDay, d.endTime).toISOString(),
      venue: onSite ? formatAddress(d.place) : '',
      lat: onSite ? d.place.lat : null,
      lng: onSite ? d.place.lng : null,
      districtId: onSite && d.districtId ? d.districtId : null,
      onlineUrl: online && d.onlineUrl.trim() ? d.onlineUrl.trim() : null,
      stepFree: onSite && d.stepFree,
      free: d.cost === 'free',
      price: d.cost === 'free' ? '' : d.price,
      visibility: d.visibility,
      registration: d.registration,
      capacity: d.registration && d.capacity ? Number(d.capacity) : null,
      waitlistEnabled: d.waitlistEnabled,
    };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const saved = existing
          ? await api<PlaceEvent>(`/places/events/${existing.id}`, { method: 'PUT', body: body() })
          : await api<PlaceEvent>('/places/events', { method: 'POST', body: body() });
        qc.setQueryData(eventKeys.event(saved.id), saved);
        await qc.invalidateQueries({ queryKey: eventKeys.calendar() });
        navigate(`/raeume/kalender/${saved.id}`);
        return saved;
      },
      form.current,
      (saved) =>
        existing ? t('placesEvents.form.saved') : t('placesEvents.form.created', { title: saved.title }),
    );
  }

  return (
    <form ref={form} className="card event-form" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={[
          'host',
          'title',
          'description',
          'startsAt',
          'endsAt',
          'venue',
          'lat',
          'lng',
          'districtId',
          'onlineUrl',
          'price',
          'capacity',
        ]}
      />
      {existing ? (
        <p className="fixed-field">
          <strong>{t('placesEvents.event.host')}:</strong> {existing.host.name}
        </p>
      ) : (
        <SelectField
          label={t('placesEvents.form.host')}
          name="host"
          value={d.host}
          onChange={(e) => set('host', e.target.value)}
          options={choices}
          error={action.error}
          required
        />
      )}
      <TextField
        label={t('placesEvents.form.title')}
        name="title"
        value={d.title}
        maxLength={160}
        onChange={(e) => set('title', e.target.value)}
        error={action.error}
        required
      />
      <MarkdownField
        label={t('placesEvents.form.description')}
        name="description"
        hint={t('placesEvents.form.descriptionHint')}
        value={d.description}
        maxLength={20000}
        onChange={(v) => set('description', v)}
        error={action.error}
      />
      <div className="field-row">
        <TextField
          label={t('placesEvents.form.startDay')}
          name="startDay"
          serverField="startsAt"
          type="date"
          value={d.startDay}
          onChange={(e) => {
            const startDay = e.target.value;
            // a one-day event moves its end along
            setD((x) => ({ ...x, startDay, endDay: x.endDay === x.startDay ? startDay : x.endDay }));
          }}
          error={action.error}
          required
        />
        <TextField
          label={t('placesEvents.form.startTime')}
          name="startTime"
          type="time"
          value={d.startTime}
          onChange={(e) => set('startTime', e.target.value)}
          required
        />
      </div>
      <div className="field-row">
        <TextField
          label={t('placesEvents.form.endDay')}
          name="endDay"
          serverField="endsAt"
          type="date"
          value={d.endDay}
          onChange={(e) => set('endDay', e.target.value)}
          error={action.error}
          required
        />
        <TextField
          label={t('placesEvents.form.endTime')}
          name="endTime"
          type="time"
          value={d.endTime}
          onChange={(e) => set('endTime', e.target.value)}
          required
        />
      </div>
      <ChoiceGroup
        legend={t('placesEvents.form.mode')}
        name="mode"
        type="radio"
        options={[
          { value: 'on_site', label: t('placesEvents.form.onSite') },
          { value: 'online', label: t('placesEvents.form.onlineOnly') },
          { value: 'both', label: t('placesEvents.form.both') },
        ]}
        value={[d.mode]}
        onChange={([v]) => set('mode', (v ?? 'on_site') as Mode)}
        error={action.error}
        serverField="venue"
      />
      {onSite && (
        <>
          <LocationPicker
            legend={t('placesEvents.form.place')}
            hint={t('placesEvents.form.placeHint')}
            value={d.place}
            onChange={(place) => set('place', place)}
            onDistrict={(districtId) => set('districtId', districtId)}
            error={action.error}
          />
          <SelectField
            label={t('placesEvents.form.district')}
            name="districtId"
            value={d.districtId}
            onChange={(e) => set('districtId', e.target.value)}
            options={[
              { value: '', label: t('placesEvents.form.noDistrict') },
              ...(districts.data ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
            error={action.error}
          />
          <div className="field">
            <label className="check">
              <input
                type="checkbox"
                checked={d.stepFree}
                onChange={(e) => set('stepFree', e.target.checked)}
              />
              <span>{t('placesEvents.form.stepFree')}</span>
            </label>
          </div>
        </>
      )}
      {online && (
        <TextField
          label={t('placesEvents.form.onlineUrl')}
          hint={t('placesEvents.form.onlineUrlHint')}
          name="onlineUrl"
          type="url"
          inputMode="url"
          maxLength={500}
          value={d.onlineUrl}
          onChange={(e) => set('onlineUrl', e.target.value)}
          error={action.error}
        />
      )}
      {fieldMessage(action.error, 'venue')}
      <ChoiceGroup
        legend={t('placesEvents.form.cost')}
        name="cost"
        type="radio"
        options={[
          { value: 'free', label: t('placesEvents.form.free') },
          { value: 'paid', label: t('placesEvents.form.paid') },
        ]}
        value={[d.cost]}
        onChange={([v]) => set('cost', v === 'paid' ? 'paid' : 'free')}
        error={null}
      />
      {d.cost === 'paid' && (
        <TextField
          label={t('placesEvents.form.price')}
          hint={t('placesEvents.form.priceHint')}
          name="price"
          maxLength={120}
          value={d.price}
          onChange={(e) => set('price', e.target.value)}
          error={action.error}
          required
        />
      )}
      <ChoiceGroup
        legend={t('placesEvents.form.visibility')}
        name="visibility"
        type="radio"
        options={[
          { value: 'public', label: t('placesEvents.form.public') },
          { value: 'members', label: t('placesEvents.form.members') },
        ]}
        value={[d.visibility]}
        onChange={([v]) => set('visibility', v === 'members' ? 'members' : 'public')}
        error={action.error}
      />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={d.registration}
            onChange={(e) => set('registration', e.target.checked)}
          />
          <span>{t('placesEvents.form.registration')}</span>
        </label>
      </div>
      {d.registration && (
        <>
          <TextField
            label={t('placesEvents.form.capacity')}
            hint={t('placesEvents.form.capacityHint')}
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            value={d.capacity}
            onChange={(e) => set('capacity', e.target.value)}
            error={action.error}
          />
          <div className="field">
            <label className="check">
              <input
                type="checkbox"
                checked={d.waitlistEnabled}
                onChange={(e) => set('waitlistEnabled', e.target.checked)}
              />
              <span>{t('placesEvents.form.waitlist')}</span>
            </label>
          </div>
        </>
      )}
      <div className="actions">
        <SubmitButton pending={action.pending}>
          {existing ? t('placesEvents.form.save') : t('placesEvents.form.create')}
        </SubmitButton>
        <Link
          className="button secondary"
          to={existing ? `/raeume/kalender/${existing.id}` : '/raeume/kalender'}
        >
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

/** /raeume/kalender/neu — invite to an event, for an organisation one acts for or a community one runs. */
export function EventCreatePage() {
  const { t } = useTranslation();
  const hosts = useHostOptions();
  return (
    <>
      <PageHeading title={t('placesEvents.form.createTitle')} />
      {hosts.isPending ? (
        <Loading />
      ) : hosts.isError ? (
        <ErrorState error={hosts.error} onRetry={() => void hosts.refetch()} />
      ) : hosts.data.organisations.length + hosts.data.communities.length === 0 ? (
        <p className="state state-empty">{t('placesEvents.form.noHosts')}</p>
      ) : (
        <EventForm hosts={hosts.data} />
      )}
    </>
  );
}

/** /raeume/kalender/:id/bearbeiten — the host changes an event. */
export function EventEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useQuery({
    queryKey: eventKeys.event(id),
    queryFn: () => api<PlaceEvent>(`/places/events/${id}`),
  });
  return (
    <>
      <PageHeading title={t('placesEvents.form.editTitle')} />
      <QueryView query={event}>
        {(e) =>
          e.abilities.edit ? (
            <EventForm existing={e} hosts={{ organisations: [], communities: [] }} />
          ) : (
            <p className="state state-empty">{t('placesEvents.form.noHosts')}</p>
          )
        }
      </QueryView>
    </>
  );
}
