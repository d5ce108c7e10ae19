import type { Static } from '@fastify/type-provider-typebox';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceView } from '../../../../server/routes/api/services/schema.ts';
import { api } from '../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { days, type Organisation } from '../../app/types.ts';
import { ConfirmButton, QueryView, Tags } from '../../app/ui.tsx';

type Service = Static<typeof ServiceView>;
type HelpKind = Service['helpKinds'][number];
type Place = Service['place'];
type Hours = Service['hours'][number];

/** The kinds of help, in the order of "Ich suche Hilfe" (server/db/schema.ts helpKinds). */
const helpKinds: readonly HelpKind[] = [
  'shopping',
  'escort',
  'visit',
  'household',
  'digital',
  'advice',
  'care',
  'rides',
  'borrow',
  'learning',
];
const places: readonly Place[] = ['organisation', 'elsewhere', 'none'];

const servicesKey = (orgId: string) => ['organisation', orgId, 'services'];

export function useServices(orgId: string) {
  return useQuery({
    queryKey: servicesKey(orgId),
    queryFn: () => api<{ items: Service[] }>(`/organisations/${orgId}/services`),
    select: (d) => d.items,
  });
}

/** One service's weekly hours as lines ("Dienstag 09:00–12:00"), days in order, several openings a day joined. */
function HoursList({ hours, note }: { hours: Hours[]; note: string }) {
  const { t } = useTranslation();
  const byDay = new Map<number, Hours[]>();
  for (const h of hours) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
  if (byDay.size === 0 && !note) return <p className="muted">{t('orgServices.noHours')}</p>;
  return (
    <>
      {byDay.size > 0 && (
        <dl className="facts service-hours">
          {[...byDay.entries()]
            .sort(([a], [b]) => a - b)
            .map(([day, list]) => (
              <div key={day}>
                <dt>{t(`day.${days[day - 1]}`)}</dt>
                <dd>
                  {list.map((h) => t('orgServices.opening', { opens: h.opens, closes: h.closes })).join(', ')}
                </dd>
              </div>
            ))}
        </dl>
      )}
      {note && <p>{note}</p>}
    </>
  );
}

/**
 * What the organisation offers as standing services, on its page: each with its kinds of help,
 * where it takes place and its weekly hours, so a person knows when and where to come.
 */
export function OrganisationServices({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const services = useServices(org.id);
  return (
    <section aria-labelledby="org-services" className="card">
      <h2 id="org-services">{t('orgServices.title')}</h2>
      <QueryView
        query={services}
        isEmpty={(s) => s.length === 0}
        empty={t('orgServices.none', { name: org.name })}
      >
        {(items) => (
          <ul className="service-list">
            {items.map((s) => (
              <li key={s.id}>
                <h3>{s.name}</h3>
                {s.description && <p className="prewrap">{s.description}</p>}
                <Tags
                  items={s.helpKinds.map((k) => t(`help.needs.${k}.title`))}
                  label={t('orgServices.kinds')}
                />
                <p>
                  <span className="meta">{t('orgServices.where')}: </span>
                  {s.place === 'elsewhere'
                    ? s.address
                    : s.place === 'organisation'
                      ? (org.address ?? t('orgServices.atOrganisation'))
                      : t('orgServices.placeNone')}
                </p>
                <HoursList hours={s.hours} note={s.hoursNote} />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

interface HoursRow extends Hours {
  key: number;
}

/** The form of one service (a new one when `service` is missing), for the organisation's admins. */
function ServiceForm({
  org,
  service,
  onCreated,
}: {
  org: Organisation;
  service?: Service;
  onCreated?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const next = useRef(0);
  const row = (h: Hours): HoursRow => ({ ...h, key: next.current++ });
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [kinds, setKinds] = useState<HelpKind[]>(service?.helpKinds ?? []);
  const [place, setPlace] = useState<Place>(service?.place ?? 'organisation');
  const [address, setAddress] = useState(service?.address ?? '');
  const [hours, setHours] = useState<HoursRow[]>(() => (service?.hours ?? []).map(row));
  const [hoursNote, setHoursNote] = useState(service?.hoursNote ?? '');
  const save = useAction();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = {
      name: name.trim(),
      description,
      helpKinds: kinds,
      place,
      address: place === 'elsewhere' ? address.trim() || null : null,
      lat: place === 'elsewhere' ? (service?.lat ?? null) : null,
      lng: place === 'elsewhere' ? (service?.lng ?? null) : null,
      hoursNote,
      hours: hours.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    };
    void save.run(
      async () => {
        await api(`/organisations/${org.id}/services${service ? `/${service.id}` : ''}`, {
          method: service ? 'PUT' : 'POST',
          body,
        });
        await qc.invalidateQueries({ queryKey: servicesKey(org.id) });
        if (!service) {
          setName('');
          setDescription('');
          setKinds([]);
          setHours([]);
          setHoursNote('');
          onCreated?.();
        }
      },
      e.currentTarget,
      service ? t('orgServices.saved', { name: body.name }) : t('orgServices.added', { name: body.name }),
    );
  }

  const setRow = (key: number, patch: Partial<Hours>) =>
    setHours((list) => list.map((h) => (h.key === key ? { ...h, ...patch } : h)));

  return (
    <form onSubmit={submit} noValidate className="card service-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{service ? service.name : t('orgServices.add')}</h3>
      <FormError
        error={save.error}
        fields={['name', 'description', 'helpKinds', 'place', 'address', 'hours', 'hoursNote']}
      />
      <TextField
        label={t('orgServices.name')}
        name="name"
        required
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={save.error}
      />
      <TextAreaField
        label={t('orgServices.description')}
        name="description"
        rows={3}
        maxLength={2000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={save.error}
      />
      <ChoiceGroup
        legend={t('orgServices.kinds')}
        hint={t('orgServices.kindsHint')}
        name="helpKinds"
        type="checkbox"
        options={helpKinds.map((k) => ({ value: k, label: t(`help.needs.${k}.title`) }))}
        value={kinds}
        onChange={setKinds}
        error={save.error}
      />
      <ChoiceGroup
        legend={t('orgServices.where')}
        name="place"
        type="radio"
        options={places.map((p) => ({
          value: p,
          label: t(`orgServices.place.${p}`),
          hint: p === 'organisation' ? (org.address ?? undefined) : undefined,
        }))}
        value={[place]}
        onChange={(v) => setPlace(v[0] ?? 'organisation')}
        error={save.error}
      />
      {place === 'elsewhere' && (
        <TextField
          label={t('orgServices.address')}
          name="address"
          required
          maxLength={300}
          autoComplete="street-address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={save.error}
        />
      )}
      <fieldset className="field">
        <legend>{t('orgServices.hours')}</legend>
        {hours.length === 0 && <p className="hint">{t('orgServices.hoursEmpty')}</p>}
        <ul className="hours-rows">
          {hours.map((h, i) => (
            <li key={h.key} className="field-row">
              <SelectField
                label={t('orgServices.day', { n: i + 1 })}
                name={`hours/${i}/weekday`}
                value={String(h.weekday)}
                onChange={(e) => setRow(h.key, { weekday: Number(e.target.value) })}
                options={days.map((d, n) => ({ value: String(n + 1), label: t(`day.${d}`) }))}
                error={save.error}
              />
              <TextField
                label={t('orgServices.opens')}
                name={`hours/${i}/opens`}
                type="time"
                required
                value={h.opens}
                onChange={(e) => setRow(h.key, { opens: e.target.value })}
                error={save.error}
              />
              <TextField
                label={t('orgServices.closes')}
                name={`hours/${i}/closes`}
                type="time"
                required
                value={h.closes}
                onChange={(e) => setRow(h.key, { closes: e.target.value })}
                error={save.error}
              />
              <button
                type="button"
                className="button secondary"
                onClick={() => setHours((list) => list.filter((x) => x.key !== h.key))}
              >
                {t('orgServices.removeHours')}
                <span className="visually-hidden"> {t('orgServices.day', { n: i + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            const last = hours.at(-1);
            setHours((list) => [
              ...list,
              row({
                weekday: last ? Math.min(7, last.weekday + 1) : 1,
                opens: last?.opens ?? '09:00',
                closes: last?.closes ?? '12:00',
              }),
            ]);
          }}
        >
          {t('orgServices.addHours')}
        </button>
      </fieldset>
      <TextField
        label={t('orgServices.hoursNote')}
        hint={t('orgServices.hoursNoteHint')}
        name="hoursNote"
        maxLength={300}
        value={hoursNote}
        onChange={(e) => setHoursNote(e.target.value)}
        error={save.error}
      />
      <div className="actions">
        <SubmitButton pending={save.pending}>
          {service ? t('orgServices.save') : t('orgServices.addSubmit')}
        </SubmitButton>
        {service && (
          <ConfirmButton
            label={t('orgServices.remove')}
            accessibleName={t('orgServices.removeNamed', { name: service.name })}
            title={t('orgServices.removeTitle', { name: service.name })}
            message={<p>{t('orgServices.removeText', { name: service.name })}</p>}
            confirmLabel={t('orgServices.remove')}
            done={t('orgServices.removed', { name: service.name })}
            onConfirm={async () => {
              await api(`/organisations/${org.id}/services/${service.id}`, { method: 'DELETE' });
              await qc.invalidateQueries({ queryKey: servicesKey(org.id) });
            }}
          />
        )}
      </div>
    </form>
  );
}

/** The admin page's section: every service as a form of its own, and one to add a service. */
export function ServicesSection({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const services = useServices(org.id);
  return (
    <section aria-labelledby="services-title" className="section">
      <h2 id="services-title">{t('orgServices.adminTitle')}</h2>
      <p>{t('orgServices.adminText')}</p>
      <QueryView query={services}>
        {(items) => (
          <ul className="card-list">
            {items.map((s) => (
              <li key={s.id}>
                <ServiceForm org={org} service={s} />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <ServiceForm org={org} />
    </section>
  );
}
