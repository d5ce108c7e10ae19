import './picker.css';
import type { Static } from '@fastify/type-provider-typebox';
import { type KeyboardEvent, lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeocodeResult } from '../../../server/routes/api/geocode/schema.ts';
import { ApiError, api, errorMessage } from './api.ts';
import { TextField } from './forms.tsx';
import { districtAt, useDistrictShapes } from './mapData.ts';
import { Loading } from './ui.tsx';

const PlaceMap = lazy(() => import('./PlaceMap.tsx'));

type Found = Static<typeof GeocodeResult>;

/** A place as forms hold it: a point on the map (or none) and the address as text. */
export interface PlaceValue {
  lat: number | null;
  lng: number | null;
  street: string;
  postcode: string;
  town: string;
}

/** "Kirchplatz 4, 34560 Lindenbrück" from its parts (empty parts left out). */
export function formatAddress(p: Pick<PlaceValue, 'street' | 'postcode' | 'town'>): string {
  const town = [p.postcode.trim(), p.town.trim()].filter(Boolean).join(' ');
  return [p.street.trim(), town].filter(Boolean).join(', ');
}

/** The parts of an address written as "street, postcode town"; anything else is all street. */
export function parseAddress(
  text: string | null | undefined,
): Pick<PlaceValue, 'street' | 'postcode' | 'town'> {
  const s = (text ?? '').replace(/\s*\n\s*/g, ', ').trim();
  const m = s.match(/^(.*?),?\s*(\d{4,5})\s+([^,]+?)\s*$/);
  if (!m) return { street: s, postcode: '', town: '' };
  return { street: (m[1] ?? '').replace(/,\s*$/, ''), postcode: m[2] ?? '', town: m[3] ?? '' };
}

export function placeOf(
  lat: number | null | undefined,
  lng: number | null | undefined,
  address?: string | null,
) {
  return { lat: lat ?? null, lng: lng ?? null, ...parseAddress(address) };
}

/**
 * The one way every form picks a place: by address search (the server asks the geocoder, or
 * searches the town's own directory), on a map (tap or click sets the pin, drag or arrow keys move
 * it, or "use the map centre"), or by the device's location — and the address typed as text when
 * nothing is found (kept as text, with or without a point). Nobody types coordinates. The district
 * the point lies in is offered to the form (`onDistrict`).
 */
export function LocationPicker({
  value,
  onChange,
  legend,
  hint,
  error,
  withAddress = true,
  onDistrict,
}: {
  value: PlaceValue;
  onChange: (next: PlaceValue) => void;
  legend: string;
  hint?: string;
  /** the form's last error: the server's messages for address, lat and lng are shown here */
  error?: unknown;
  /** the typed address (street, postcode, town); off where the form keeps its own place text */
  withAddress?: boolean;
  onDistrict?: (districtId: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const shapes = useDistrictShapes();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState('');
  const [geoError, setGeoError] = useState('');
  const chosenRef = useRef<HTMLParagraphElement>(null);
  // counts the places chosen away from the map, which then zooms in on each
  const [focusKey, setFocusKey] = useState(0);

  const district =
    value.lat !== null && value.lng !== null ? districtAt(value.lat, value.lng, shapes.data) : null;

  function setPoint(lat: number, lng: number, address?: Pick<PlaceValue, 'street' | 'postcode' | 'town'>) {
    onChange({ ...value, lat, lng, ...(withAddress && address ? address : {}) });
    const d = districtAt(lat, lng, shapes.data);
    if (d) onDistrict?.(d.id);
  }

  async function search() {
    const q = query.trim();
    setSearchError('');
    if (q.length < 2) {
      setSearchError(t('maps.picker.tooShort'));
      return;
    }
    setSearching(true);
    try {
      setFound(await api<Found>('/geocode', { query: { q } }));
    } catch (err) {
      setFound(null);
      setSearchError(errorMessage(err));
    } finally {
      setSearching(false);
    }
  }

  function choose(item: Found['items'][number]) {
    setPoint(
      item.lat,
      item.lng,
      item.street || item.town
        ? { street: item.street, postcode: item.postcode, town: item.town }
        : undefined,
    );
    if (item.districtId) onDistrict?.(item.districtId);
    setFocusKey((k) => k + 1);
    setFound(null);
    setQuery('');
    requestAnimationFrame(() => chosenRef.current?.focus());
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    // Enter searches here instead of sending the whole form
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  }

  function myLocation() {
    setGeoError('');
    if (!navigator.geolocation) {
      setGeoError(t('maps.picker.noGeolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPoint(Number(p.coords.latitude.toFixed(6)), Number(p.coords.longitude.toFixed(6)));
        setFocusKey((k) => k + 1);
      },
      () => setGeoError(t('maps.picker.geolocationDenied')),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  }

  const hasPoint = value.lat !== null && value.lng !== null;
  const addressText = formatAddress(value);
  const pointError = error instanceof ApiError ? (error.field('lat') ?? error.field('lng')) : undefined;

  return (
    <fieldset className="field place-picker">
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}

      <div className="place-search">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('maps.picker.search')}</label>
          <p className="hint" id={`${id}-q-hint`}>
            {t('maps.picker.searchHint')}
          </p>
          <div className="inline-search">
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              enterKeyHint="search"
              autoComplete="off"
              aria-describedby={`${id}-q-hint`}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKey}
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => void search()}
              disabled={searching}
            >
              {t('maps.picker.searchButton')}
            </button>
          </div>
        </div>
        <div role="status" className="place-search-status">
          {searching && t('maps.picker.searching')}
          {searchError && <span className="field-error">{searchError}</span>}
          {found && !searching && (
            <>
              {found.notice && <span className="hint">{t(`maps.picker.notice.${found.notice}`)} </span>}
              {found.items.length === 0
                ? t('maps.picker.nothingFound')
                : t('maps.picker.foundCount', { count: found.items.length })}
            </>
          )}
        </div>
        {found && found.items.length > 0 && (
          <ul className="place-results" aria-label={t('maps.picker.results')}>
            {found.items.map((item) => (
              <li key={`${item.label}-${item.lat}-${item.lng}`}>
                <button type="button" className="place-result" onClick={() => choose(item)}>
                  <span>{item.label}</span>
                  {item.source !== 'geocoder' && (
                    <span className="hint"> · {t(`maps.picker.source.${item.source}`)}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <p className="hint">{t('maps.picker.mapHint')}</p>
      <Suspense fallback={<Loading label={t('maps.loading')} />}>
        <PlaceMap
          lat={value.lat}
          lng={value.lng}
          label={t('maps.picker.mapLabel', { what: legend })}
          onPick={(lat, lng) => setPoint(lat, lng)}
          focusKey={focusKey}
        />
      </Suspense>
      <p ref={chosenRef} tabIndex={-1} className="place-chosen" aria-live="polite">
        {hasPoint
          ? district
            ? t('maps.picker.pointIn', { district: district.properties.name })
            : t('maps.picker.point')
          : t('maps.picker.noPoint')}
        {withAddress && addressText && ` ${t('maps.picker.addressIs', { address: addressText })}`}
      </p>
      {pointError && (
        <p className="field-error">
          <span aria-hidden="true">⚠ </span>
          {pointError}
        </p>
      )}
      <p className="actions">
        <button type="button" className="button secondary" onClick={myLocation}>
          {t('maps.picker.myLocation')}
        </button>
        {hasPoint && (
          <button
            type="button"
            className="button secondary"
            onClick={() => onChange({ ...value, lat: null, lng: null })}
          >
            {t('maps.picker.removePoint')}
          </button>
        )}
      </p>
      {geoError && (
        <p className="form-error" role="alert">
          {geoError}
        </p>
      )}

      {withAddress && (
        <div className="place-address">
          <p className="hint">{t('maps.picker.addressHint')}</p>
          <TextField
            label={t('maps.picker.street')}
            name="street"
            serverField="address"
            autoComplete="address-line1"
            maxLength={200}
            value={value.street}
            onChange={(e) => onChange({ ...value, street: e.target.value })}
            error={error}
          />
          <div className="field-row">
            <TextField
              label={t('maps.picker.postcode')}
              name="postcode"
              autoComplete="postal-code"
              inputMode="numeric"
              maxLength={10}
              value={value.postcode}
              onChange={(e) => onChange({ ...value, postcode: e.target.value })}
            />
            <TextField
              label={t('maps.picker.town')}
              name="town"
              autoComplete="address-level2"
              maxLength={80}
              value={value.town}
              onChange={(e) => onChange({ ...value, town: e.target.value })}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}
