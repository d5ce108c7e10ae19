import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, invalid, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { formatAddress, LocationPicker, type PlaceValue, placeOf } from '../../../app/LocationPicker.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { mapReportKeys } from './queries.ts';
import { KindBadge, MeTooButton, StatusBadge } from './ReportParts.tsx';
import {
  type Category,
  categories,
  defaultCategory,
  type Kind,
  kinds,
  type MapReport,
  type NearbyReport,
} from './types.ts';

/**
 * Reports of the same kind within about 50 m of the chosen place, before a new one is filed: "Do you
 * mean one of these? Then press 'Me too'." — so the lift broken for three weeks is one report that
 * many noticed, not many reports.
 */
function NearbyReports({ lat, lng, kind }: { lat: number; lng: number; kind: Kind }) {
  const { t } = useTranslation();
  const accountId = useSession().session.account?.id;
  const nearby = useQuery({
    queryKey: mapReportKeys.nearby(lat, lng, kind),
    queryFn: () => api<{ items: NearbyReport[] }>('/map-reports/nearby', { query: { lat, lng, kind } }),
  });
  const items = nearby.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card nearby-reports" aria-labelledby="nearby-title">
      <h2 id="nearby-title">{t('mapReports.nearby.title', { count: items.length })}</h2>
      <p>{t('mapReports.nearby.lead')}</p>
      <ul className="plain-list">
        {items.map((r) => (
          <li key={r.id} className="nearby-report">
            <p className="meta">
              <KindBadge kind={r.kind} /> <StatusBadge status={r.status} />{' '}
              {t('mapReports.nearby.distance', { metres: r.distance })}
            </p>
            <h3>
              <Link to={`/wissen/karte/${r.id}`}>{r.title}</Link>
            </h3>
            {r.excerpt && <p>{r.excerpt}</p>}
            <MeTooButton
              id={r.id}
              title={r.title}
              supported={r.supported}
              count={r.supportCount}
              canSupport={r.author?.id !== accountId}
            />
          </li>
        ))}
      </ul>
      <p className="hint">{t('mapReports.nearby.otherwise')}</p>
    </section>
  );
}

/**
 * Filing a report, or changing one's own while it is new — the quickest path on a phone: the kind as
 * four big choices, the place (address search, a tap on the map, or the device's position), a short
 * title and a category chosen for the kind; a description and a photo only if the person wants.
 */
export function ReportForm({ existing }: { existing?: MapReport }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [kind, setKind] = useState<Kind | ''>(existing?.kind ?? '');
  const [category, setCategory] = useState<Category>(existing?.category ?? 'mobility');
  const [categoryTouched, setCategoryTouched] = useState(Boolean(existing));
  const [place, setPlace] = useState<PlaceValue>(
    existing ? placeOf(existing.lat, existing.lng, existing.address) : placeOf(null, null, ''),
  );
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');

  function chooseKind(k: Kind) {
    setKind(k);
    if (!categoryTouched) setCategory(defaultCategory[k]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const problems: Record<string, string> = {};
        if (!kind) problems.kind = t('mapReports.form.kindMissing');
        if (place.lat === null || place.lng === null) problems.lat = t('mapReports.form.placeMissing');
        if (title.trim().length < 3) problems.title = t('mapReports.form.titleShort');
        if (file && !alt.trim()) problems.alt = t('mapReports.form.altMissing');
        if (Object.keys(problems).length > 0) throw invalid(t('mapReports.form.incomplete'), problems);
        const payload = {
          kind,
          category,
          title: title.trim(),
          body,
          lat: place.lat,
          lng: place.lng,
          address: formatAddress(place) || null,
        };
        const saved = existing
          ? await api<MapReport>(`/map-reports/${existing.id}`, { method: 'PUT', body: payload })
          : await api<MapReport>('/map-reports', { method: 'POST', body: payload });
        if (file) {
          const upload = new FormData();
          upload.append('alt', alt.trim());
          upload.append('file', file);
          await api(`/map-reports/${saved.id}/photo`, { method: 'POST', body: upload });
        }
        await qc.invalidateQueries({ queryKey: mapReportKeys.all() });
        navigate(`/wissen/karte/${saved.id}`);
        return saved;
      },
      form.current,
      existing ? t('mapReports.form.changed') : t('mapReports.form.filed'),
    );
  }

  return (
    <form ref={form} className="map-report-form" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={['kind', 'category', 'title', 'body', 'lat', 'lng', 'address', 'alt', 'file']}
      />
      <fieldset className="field kind-choices" aria-describedby={`${id}-kind-error`}>
        <legend>
          <span className="step">1</span> {t('mapReports.form.kind')}
        </legend>
        <div className="kind-grid">
          {kinds.map((k) => (
            <label key={k} className={kind === k ? 'kind-choice chosen' : 'kind-choice'}>
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                aria-invalid={action.error && !kind ? true : undefined}
                onChange={() => chooseKind(k)}
              />
              <span className="kind-symbol" aria-hidden="true">
                {t(`mapReports.kindSymbol.${k}`)}
              </span>
              <span className="kind-label">{t(`mapReports.kind.${k}`)}</span>
              <span className="hint">{t(`mapReports.kindHint.${k}`)}</span>
            </label>
          ))}
        </div>
        <FieldMessage id={`${id}-kind-error`} error={action.error} name="kind" />
      </fieldset>

      <LocationPicker
        legend={`2 · ${t('mapReports.form.place')}`}
        hint={t('mapReports.form.placeHint')}
        value={place}
        onChange={setPlace}
        error={action.error}
      />

      {!existing && kind && place.lat !== null && place.lng !== null && (
        <NearbyReports lat={place.lat} lng={place.lng} kind={kind} />
      )}

      <div className="form-step">
        <p className="step-title">
          <span className="step">3</span> {t('mapReports.form.what')}
        </p>
        <TextField
          label={t('mapReports.form.title')}
          name="title"
          required
          minLength={3}
          maxLength={160}
          hint={t('mapReports.form.titleHint')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <SelectField
          label={t('mapReports.form.category')}
          name="category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value as Category);
            setCategoryTouched(true);
          }}
          options={categories.map((c) => ({ value: c, label: t(`mapReports.category.${c}`) }))}
          error={action.error}
        />
      </div>

      <details className="form-more" open={Boolean(existing?.body)}>
        <summary>{t('mapReports.form.more')}</summary>
        <MarkdownField
          label={t('mapReports.form.body')}
          name="body"
          rows={5}
          maxLength={5000}
          hint={t('mapReports.form.bodyHint')}
          value={body}
          onChange={setBody}
          error={action.error}
        />
        <TextField
          label={existing?.photo ? t('mapReports.form.photoReplace') : t('mapReports.form.photo')}
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          hint={t('mapReports.form.photoHint')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          error={action.error}
        />
        {file && (
          <TextField
            label={t('mapReports.form.alt')}
            name="alt"
            required
            maxLength={300}
            hint={t('mapReports.form.altHint')}
            value={alt}
            onChange={(e) => setAlt(e.target.value)}
            error={action.error}
          />
        )}
      </details>

      <p className="actions">
        <SubmitButton pending={action.pending}>
          {existing ? t('mapReports.form.save') : t('mapReports.form.submit')}
        </SubmitButton>
        {existing && (
          <Link className="button link" to={`/wissen/karte/${existing.id}`}>
            {t('common.cancel')}
          </Link>
        )}
      </p>
    </form>
  );
}

function FieldMessage({ id, error, name }: { id: string; error: unknown; name: string }) {
  const message =
    error && typeof error === 'object' && 'field' in error
      ? (error as { field: (n: string) => string | undefined }).field(name)
      : undefined;
  if (!message) return <span id={id} hidden />;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
