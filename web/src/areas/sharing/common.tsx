import './sharing.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import { formatEuro, formatSlot, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { District } from '../../app/types.ts';
import { ConfirmButton } from '../../app/ui.tsx';
import { useUrlFilters } from '../../app/urlFilters.ts';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { kindOptions } from './lib.ts';
import type { Booking, BookingStatus, Resource } from './types.ts';

/** The Teilen area's own navigation: catalogue, map, bookings, requests, time bank, Tauschring. */
export function SharingNav() {
  const { t } = useTranslation();
  const { session } = useSession();
  const signedIn = Boolean(session.account);
  const links = [
    { to: '/teilen', label: t('sharing.nav.catalogue'), end: true, show: true },
    { to: '/teilen/karte', label: t('sharing.nav.map'), end: true, show: true },
    { to: '/teilen/buchungen', label: t('sharing.nav.bookings'), end: false, show: signedIn },
    { to: '/teilen/anfragen', label: t('sharing.nav.requests'), end: true, show: signedIn },
    { to: '/zeitbank', label: t('sharing.nav.timebank'), end: false, show: signedIn },
    { to: '/tauschring', label: t('sharing.nav.exchange'), end: false, show: true },
    { to: '/teilen/auslastung', label: t('sharing.nav.utilisation'), end: true, show: signedIn },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('sharing.nav.label')} className="subnav">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function useResource(id: string | undefined) {
  return useQuery({
    queryKey: ['resource', id],
    queryFn: () => api<Resource>(`/resources/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function districtName(districts: District[] | undefined, id: string | null): string | null {
  if (!id) return null;
  return districts?.find((d) => d.id === id)?.name ?? null;
}

/** The catalogue's filters as they stand in the URL, and as the API wants them. */
export interface CatalogueFilters {
  kind: string;
  district: string;
  q: string;
  day: string;
  from: string;
  to: string;
  near: string;
  lat: string;
  lng: string;
  km: string;
}

export function readFilters(params: URLSearchParams): CatalogueFilters {
  return {
    kind: params.get('art') ?? '',
    district: params.get('bezirk') ?? '',
    q: params.get('q') ?? '',
    day: params.get('tag') ?? '',
    from: params.get('von') ?? '',
    to: params.get('bis') ?? '',
    near: params.get('nahe') ?? '',
    lat: params.get('lat') ?? '',
    lng: params.get('lng') ?? '',
    km: params.get('km') ?? '',
  };
}

const paramNames: Record<keyof CatalogueFilters, string> = {
  kind: 'art',
  district: 'bezirk',
  q: 'q',
  day: 'tag',
  from: 'von',
  to: 'bis',
  near: 'nahe',
  lat: 'lat',
  lng: 'lng',
  km: 'km',
};

export function filterQuery(f: CatalogueFilters, districts: District[] | undefined) {
  let lat: number | undefined;
  let lng: number | undefined;
  if (f.near === 'standort' && f.lat && f.lng) {
    lat = Number(f.lat);
    lng = Number(f.lng);
  } else if (f.near && f.near !== 'standort') {
    const d = districts?.find((x) => x.id === f.near);
    if (d?.centerLat != null && d.centerLng != null) {
      lat = d.centerLat;
      lng = d.centerLng;
    }
  }
  const window =
    f.day && f.from && f.to
      ? {
          freeFrom: zonedInstant(f.day, f.from).toISOString(),
          freeTo: zonedInstant(f.day, f.to).toISOString(),
        }
      : {};
  return {
    kind: f.kind || undefined,
    districtId: f.district || undefined,
    q: f.q.trim() || undefined,
    ...window,
    lat,
    lng,
    radiusKm: lat !== undefined ? Number(f.km || 2) : undefined,
  };
}

export function hasFilters(f: CatalogueFilters): boolean {
  return Boolean(f.kind || f.district || f.q || (f.day && f.from && f.to) || f.near);
}

/**
 * The catalogue's search form (shared by the list and the map): kind, district, text, free in a
 * time window, and distance from my location or from a district's centre. State lives in the URL.
 */
export function ResourceFilters() {
  const { t } = useTranslation();
  const { current, draft, setDraft, set, setParams } = useUrlFilters(readFilters);
  const [geoError, setGeoError] = useState('');
  const districts = useDistricts();
  const options = (districts.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const id = useId();

  function apply(f: CatalogueFilters) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f) as [keyof CatalogueFilters, string][]) {
      if (!v) continue;
      if ((k === 'lat' || k === 'lng') && f.near !== 'standort') continue;
      if (k === 'km' && !f.near) continue;
      next.set(paramNames[k], v);
    }
    setParams(next);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setGeoError('');
    if (draft.near === 'standort' && !(draft.lat && draft.lng)) {
      if (!navigator.geolocation) {
        setGeoError(t('sharing.filters.noGeolocation'));
        return;
      }
      navigator.geolocation.getCurrentPosition(
        (pos) =>
          apply({
            ...draft,
            lat: pos.coords.latitude.toFixed(5),
            lng: pos.coords.longitude.toFixed(5),
          }),
        () => setGeoError(t('sharing.filters.geolocationDenied')),
        { timeout: 10_000, maximumAge: 300_000 },
      );
      return;
    }
    apply(draft);
  }

  return (
    <search>
      <form className="sharing-filters" onSubmit={submit} aria-label={t('sharing.filters.label')}>
        <div className="field-row">
          <TextField
            label={t('sharing.filters.q')}
            name="q"
            type="search"
            value={draft.q}
            onChange={set('q')}
          />
          <SelectField
            label={t('sharing.filters.kind')}
            name="kind"
            value={draft.kind}
            onChange={set('kind')}
            options={[{ value: '', label: t('sharing.filters.allKinds') }, ...kindOptions(t)]}
          />
          <SelectField
            label={t('sharing.filters.district')}
            name="district"
            value={draft.district}
            onChange={set('district')}
            options={[{ value: '', label: t('sharing.filters.allDistricts') }, ...options]}
          />
        </div>
        <fieldset>
          <legend>{t('sharing.filters.freeLegend')}</legend>
          <p className="hint" id={`${id}-free`}>
            {t('sharing.filters.freeHint')}
          </p>
          <div className="field-row">
            <TextField
              label={t('sharing.filters.day')}
              name="day"
              type="date"
              value={draft.day}
              onChange={set('day')}
            />
            <TextField
              label={t('sharing.filters.from')}
              name="from"
              type="time"
              value={draft.from}
              onChange={set('from')}
            />
            <TextField
              label={t('sharing.filters.to')}
              name="to"
              type="time"
              value={draft.to}
              onChange={set('to')}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('sharing.filters.nearLegend')}</legend>
          <div className="field-row">
            <SelectField
              label={t('sharing.filters.near')}
              name="near"
              value={draft.near}
              onChange={(e) => setDraft((d) => ({ ...d, near: e.target.value, lat: '', lng: '' }))}
              options={[
                { value: '', label: t('sharing.filters.anywhere') },
                { value: 'standort', label: t('sharing.filters.myLocation') },
                ...options.map((o) => ({
                  value: o.value,
                  label: t('sharing.filters.districtCentre', { name: o.label }),
                })),
              ]}
            />
            <SelectField
              label={t('sharing.filters.radius')}
              name="km"
              value={draft.km || '2'}
              onChange={set('km')}
              options={['1', '2', '5', '10', '25'].map((k) => ({
                value: k,
                label: t('sharing.filters.km', { km: k }),
              }))}
            />
          </div>
          {geoError && (
            <p className="form-error" role="alert">
              {geoError}
            </p>
          )}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('sharing.filters.apply')}
          </button>
          {hasFilters(current) && (
            <button
              type="button"
              className="button secondary"
              onClick={() => setParams(new URLSearchParams())}
            >
              {t('sharing.filters.reset')}
            </button>
          )}
        </div>
      </form>
    </search>
  );
}

export function ResourceCard({ r, districts }: { r: Resource; districts: District[] | undefined }) {
  const { t } = useTranslation();
  const district = districtName(districts, r.districtId);
  return (
    <li className="card resource-card">
      <h3>
        <Link to={`/teilen/ressourcen/${r.id}`}>{r.title}</Link>
      </h3>
      <p className="meta">
        {t(`sharing.kind.${r.kind}`)} · {r.owner.name}
        {district && ` · ${district}`}
        {r.distanceKm !== undefined &&
          ` · ${t('sharing.resource.distance', { km: r.distanceKm.toLocaleString(undefined, { maximumFractionDigits: 1 }) })}`}
      </p>
      <p className="meta">
        {r.conditions.free ? t('sharing.resource.free') : formatEuro(r.conditions.feeCents)}
        {r.conditions.depositCents > 0 &&
          ` · ${t('sharing.resource.deposit', { amount: formatEuro(r.conditions.depositCents) })}`}
        {' · '}
        {t(`sharing.resource.who.${r.conditions.whoMayBorrow}`)}
        {r.capacity !== null && ` · ${t('sharing.resource.capacity', { count: r.capacity })}`}
        {!r.active && ` · ${t('sharing.resource.inactive')}`}
      </p>
      {r.description && <p className="clamp">{r.description}</p>}
    </li>
  );
}

const statusTone: Record<BookingStatus, string> = {
  requested: 'wait',
  approved: 'good',
  handed_over: 'good',
  returned: 'good',
  declined: 'bad',
  cancelled: 'bad',
};

export function BookingStatusPill({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${statusTone[status]}`}>{t(`sharing.booking.status.${status}`)}</span>;
}

/**
 * One booking with the steps the viewer may take: the owner side approves or declines (with a
 * message), hands over and takes back (with a note on the condition); either side cancels (confirmed).
 */
export function BookingCard({ b, showRequester = false }: { b: Booking; showRequester?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const noteId = useId();
  const a = b.abilities;
  const step = useMutation({
    mutationFn: (path: string) =>
      api<Booking>(`/bookings/${b.id}/${path}`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: async () => {
      setNote('');
      await qc.invalidateQueries({ queryKey: ['bookings'] });
      await qc.invalidateQueries({ queryKey: ['booking', b.id] });
    },
  });
  const conditionStep = a.handOver || a.return;
  const decisionStep = a.approve || a.decline;
  const titleId = `${noteId}-title`;
  return (
    <li className="card booking-card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <Link to={`/teilen/buchungen/${b.id}`}>{b.resource.title}</Link>
      </h3>
      <p className="meta">
        {formatSlot(b.start, b.end)} · <BookingStatusPill status={b.status} />
        {b.seriesId && ` · ${t('sharing.booking.series')}`}
      </p>
      {showRequester && (
        <p className="meta">{t('sharing.booking.requestedBy', { name: b.requester.name })}</p>
      )}
      {b.note && <p className="prewrap">{b.note}</p>}
      {(b.decisionNote || b.handoverNote || b.returnNote) && (
        <dl className="facts">
          {b.decisionNote && (
            <>
              <dt>{t('sharing.booking.decisionNote')}</dt>
              <dd className="prewrap">{b.decisionNote}</dd>
            </>
          )}
          {b.handoverNote && (
            <>
              <dt>{t('sharing.booking.handoverNote')}</dt>
              <dd className="prewrap">{b.handoverNote}</dd>
            </>
          )}
          {b.returnNote && (
            <>
              <dt>{t('sharing.booking.returnNote')}</dt>
              <dd className="prewrap">{b.returnNote}</dd>
            </>
          )}
        </dl>
      )}
      {(decisionStep || conditionStep) && (
        <div className="field">
          <label htmlFor={noteId}>
            {conditionStep ? t('sharing.booking.conditionLabel') : t('sharing.booking.messageLabel')}
          </label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
          />
        </div>
      )}
      {step.isError && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {step.error.message}
        </p>
      )}
      <div className="actions">
        {a.approve && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('approve')}
          >
            {t('sharing.booking.approve')}
          </button>
        )}
        {a.decline && (
          <button
            type="button"
            className="button secondary"
            disabled={step.isPending}
            onClick={() => step.mutate('decline')}
          >
            {t('sharing.booking.decline')}
          </button>
        )}
        {a.handOver && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('hand-over')}
          >
            {t('sharing.booking.handOver')}
          </button>
        )}
        {a.return && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('return')}
          >
            {t('sharing.booking.return')}
          </button>
        )}
        {a.cancel && (
          <ConfirmButton
            label={t('sharing.booking.cancel')}
            title={t('sharing.booking.cancelTitle')}
            message={t('sharing.booking.cancelText', {
              resource: b.resource.title,
              slot: formatSlot(b.start, b.end),
            })}
            confirmLabel={t('sharing.booking.cancelConfirm')}
            onConfirm={async () => {
              await api(`/bookings/${b.id}/cancel`, { method: 'POST', body: {} });
              await qc.invalidateQueries({ queryKey: ['bookings'] });
              await qc.invalidateQueries({ queryKey: ['booking', b.id] });
            }}
          />
        )}
      </div>
    </li>
  );
}

/** A secret calendar URL: made on request, copied with one button, revoked behind a confirmation. */
export function FeedLink({ createPath, label }: { createPath: string; label: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState(false);
  const id = useId();
  const create = useMutation({
    mutationFn: () => api<{ url: string }>(createPath, { method: 'POST' }),
    onSuccess: (r) => {
      setUrl(r.url);
      setCopied(false);
      requestAnimationFrame(() => document.getElementById(id)?.focus());
    },
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{label}</h2>
      <p className="hint">{t('sharing.feed.hint')}</p>
      {url && (
        <div className="feed-url">
          <div className="field">
            <label htmlFor={id}>{t('sharing.feed.url')}</label>
            <input id={id} readOnly value={url} onFocus={(e) => e.target.select()} className="mono" />
          </div>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {t('sharing.feed.copy')}
          </button>
        </div>
      )}
      <p role="status" className="saved">
        {copied ? t('sharing.feed.copied') : ''}
      </p>
      {create.isError && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={create.isPending}
          onClick={() => create.mutate()}
        >
          {url ? t('sharing.feed.renew') : t('sharing.feed.create')}
        </button>
        <ConfirmButton
          label={t('sharing.feed.revoke')}
          title={t('sharing.feed.revokeTitle')}
          message={t('sharing.feed.revokeText')}
          confirmLabel={t('sharing.feed.revokeConfirm')}
          onConfirm={async () => {
            await api(createPath, { method: 'DELETE' });
            setUrl('');
          }}
        />
      </div>
    </section>
  );
}
