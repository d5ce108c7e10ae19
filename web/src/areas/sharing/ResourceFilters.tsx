import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../app/forms.tsx';
import { zonedInstant } from '../../app/localTime.ts';
import type { District } from '../../app/types.ts';
import { useUrlFilters } from '../../app/urlFilters.ts';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { kindOptions } from './lib.ts';

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
  return Boolean(f.q || activeFilters(f));
}

/** How many filters behind the "Filter" button are set: kind, district, a free time, nearness. */
export function activeFilters(f: CatalogueFilters): number {
  return [f.kind, f.district, f.day && f.from && f.to, f.near].filter(Boolean).length;
}

/**
 * The catalogue's search form (shared by the list and the map): a search term always in view, and
 * behind a "Filter" button that counts what is set — on phones, so the results come first — kind,
 * district, free in a time window, and distance from my location or from a district's centre. On a
 * wide screen the filters are always shown, unless `fold` says always (the map, which should come
 * first there too). State lives in the URL.
 */
export function ResourceFilters({ fold = 'phone' }: { fold?: 'phone' | 'always' } = {}) {
  const { t } = useTranslation();
  const { current, draft, setDraft, set, setParams } = useUrlFilters(readFilters);
  const [geoError, setGeoError] = useState('');
  const districts = useDistricts();
  const options = (districts.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const id = useId();
  const [open, setOpen] = useState(false);
  const count = activeFilters(current);

  function apply(f: CatalogueFilters) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f) as [keyof CatalogueFilters, string][]) {
      if (!v) continue;
      if ((k === 'lat' || k === 'lng') && f.near !== 'standort') continue;
      if (k === 'km' && !f.near) continue;
      next.set(paramNames[k], v);
    }
    setParams(next);
    // on a phone the panel folds away so the results show; focus stays on its button
    if (open) {
      setOpen(false);
      const toggle = document.getElementById(`${id}-toggle`);
      if (toggle?.offsetParent) toggle.focus();
    }
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
      <form
        className={`sharing-filters fold-${fold}`}
        onSubmit={submit}
        aria-label={t('sharing.filters.label')}
      >
        <div className="quick-search">
          <TextField
            label={t('sharing.filters.q')}
            name="q"
            type="search"
            value={draft.q}
            onChange={set('q')}
          />
          <button type="submit" className="button primary">
            {t('sharing.filters.search')}
          </button>
        </div>
        <div className="filters-bar">
          <button
            type="button"
            id={`${id}-toggle`}
            className="button secondary filters-toggle"
            aria-expanded={open}
            aria-controls={`${id}-panel`}
            onClick={() => setOpen((o) => !o)}
          >
            {count > 0 ? t('sharing.filters.toggleActive', { count }) : t('sharing.filters.toggle')}
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
        <div id={`${id}-panel`} className="filters-panel" data-open={open || undefined}>
          <div className="field-row">
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
          </div>
        </div>
      </form>
    </search>
  );
}
