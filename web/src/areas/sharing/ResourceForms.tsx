import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  Saved,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatAddress, LocationPicker, type PlaceValue, placeOf } from '../../app/LocationPicker.tsx';
import { formatSlot, localDate, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton, QueryView } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { kindOptions, weekdays } from './lib.ts';
import { sharingKeys } from './queries.ts';
import type { Availability, AvailabilityRule, Photo, Resource, ResourceKind } from './types.ts';

const euros = (cents: number) => (cents / 100).toFixed(2);
const cents = (s: string) => Math.round(Number(s.replace(',', '.') || 0) * 100);

/**
 * What a kind of resource is asked about (the server holds the same rule, commands/resourceKinds.ts):
 * lending has a deposit and a buffer between bookings, only a room a number of people, a give-away
 * costs nothing, and a skill or a service is neither lent nor given away.
 */
export const kindAsks = (kind: ResourceKind) => ({
  lending: kind === 'room' || kind === 'equipment' || kind === 'vehicle',
  capacity: kind === 'room',
  fee: kind !== 'giveaway',
});

/** How the questions that every kind has are put for it: lending, giving away, or offering a skill or service. */
export const kindWording = (kind: ResourceKind) =>
  kindAsks(kind).lending ? 'lend' : kind === 'giveaway' ? 'giveaway' : 'offer';

interface Draft {
  owner: string;
  kind: ResourceKind;
  title: string;
  description: string;
  districtId: string;
  place: PlaceValue;
  approximate: boolean;
  whoMayBorrow: 'members' | 'everyone';
  deposit: string;
  fee: string;
  feeNote: string;
  rules: string;
  accessibility: string;
  capacity: string;
  autoApprove: boolean;
  bufferMinutes: string;
  active: boolean;
}

function draftOf(r: Resource | undefined): Draft {
  return {
    owner: '',
    kind: r?.kind ?? 'room',
    title: r?.title ?? '',
    description: r?.description ?? '',
    districtId: r?.districtId ?? '',
    place: placeOf(r?.lat, r?.lng, r?.address),
    // a new offer is a private person's until an organisation is chosen: shown approximately
    approximate: r?.approximate ?? true,
    whoMayBorrow: r?.conditions.whoMayBorrow ?? 'members',
    deposit: r ? euros(r.conditions.depositCents) : '0.00',
    fee: r ? euros(r.conditions.feeCents) : '0.00',
    feeNote: r?.conditions.feeNote ?? '',
    rules: r?.conditions.rules ?? '',
    accessibility: r?.accessibility ?? '',
    capacity: r?.capacity != null ? String(r.capacity) : '',
    autoApprove: r?.autoApprove ?? false,
    bufferMinutes: String(r?.bufferMinutes ?? 0),
    active: r?.active ?? true,
  };
}

/**
 * The form for a resource: create (choosing the owner) or change it. The kind comes first, and the
 * form asks only what fits it; the place is picked by address search or on the map (LocationPicker).
 */
export function ResourceForm({ r }: { r?: Resource }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t(r ? 'sharing.done.resourceSaved' : 'sharing.done.resourceCreated') });
  const [d, setD] = useState<Draft>(() => draftOf(r));
  const orgs = (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  const text = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));
  const asks = kindAsks(d.kind);
  const wording = kindWording(d.kind);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // only what the kind has: the server refuses the rest (and clears it when the kind changes)
    const fields = {
      kind: d.kind,
      title: d.title.trim(),
      description: d.description,
      districtId: d.districtId || null,
      address: formatAddress(d.place),
      lat: d.place.lat,
      lng: d.place.lng,
      approximate: d.approximate,
      whoMayBorrow: d.whoMayBorrow,
      ...(asks.lending
        ? { depositCents: cents(d.deposit), bufferMinutes: Number(d.bufferMinutes || 0) }
        : {}),
      ...(asks.fee ? { feeCents: cents(d.fee), feeNote: d.feeNote } : {}),
      ...(asks.capacity ? { capacity: d.capacity ? Number(d.capacity) : null } : {}),
      rules: d.rules,
      accessibility: d.accessibility,
      autoApprove: d.autoApprove,
    };
    await action.run(async () => {
      if (r) {
        await api<Resource>(`/resources/${r.id}`, { method: 'PATCH', body: { ...fields, active: d.active } });
        await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id) });
        await qc.invalidateQueries({ queryKey: sharingKeys.resources() });
      } else {
        const created = await api<Resource>('/resources', {
          method: 'POST',
          body: { ...fields, organisationId: d.owner || undefined },
        });
        await qc.invalidateQueries({ queryKey: sharingKeys.resources() });
        navigate(`/teilen/ressourcen/${created.id}/bearbeiten`);
      }
    }, form.current);
  }

  const err = action.error;
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="resource-form-title">
      <h2 id="resource-form-title">{t('sharing.edit.details')}</h2>
      <FormError
        error={err}
        fields={[
          'kind',
          'title',
          'description',
          'districtId',
          'address',
          'lat',
          'lng',
          'depositCents',
          'feeCents',
          'feeNote',
          'rules',
          'accessibility',
          'capacity',
          'bufferMinutes',
          'organisationId',
        ]}
      />
      {!r && (
        <SelectField
          label={t('sharing.edit.owner')}
          name="organisationId"
          value={d.owner}
          onChange={(e) => {
            const owner = e.target.value;
            // a private address is approximate by default; an organisation's is exact
            setD((x) => ({ ...x, owner, approximate: owner === '' }));
          }}
          error={err}
          options={[
            { value: '', label: t('sharing.edit.ownerMe') },
            ...orgs.map((m) => ({ value: m.organisationId, label: m.name })),
          ]}
        />
      )}
      <SelectField
        label={t('sharing.edit.kind')}
        name="kind"
        value={d.kind}
        onChange={(e) => set('kind')(e.target.value as ResourceKind)}
        error={err}
        options={kindOptions(t)}
        hint={t(`sharing.edit.kindHint.${wording}`)}
      />
      <TextField
        label={t('sharing.edit.title')}
        name="title"
        required
        value={d.title}
        onChange={text('title')}
        error={err}
        maxLength={120}
      />
      <TextAreaField
        label={t('sharing.edit.description')}
        name="description"
        value={d.description}
        onChange={text('description')}
        error={err}
      />
      <LocationPicker
        legend={t('sharing.edit.location')}
        hint={t(`sharing.edit.placeHint.${wording}`)}
        value={d.place}
        onChange={(place) => setD((x) => ({ ...x, place }))}
        onDistrict={(districtId) => setD((x) => ({ ...x, districtId }))}
        error={err}
      />
      <SelectField
        label={t('sharing.edit.district')}
        name="districtId"
        value={d.districtId}
        onChange={text('districtId')}
        error={err}
        hint={t('sharing.edit.districtHint')}
        options={[
          { value: '', label: t('sharing.edit.noDistrict') },
          ...(districts.data ?? []).map((x) => ({ value: x.id, label: x.name })),
        ]}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={d.approximate}
          onChange={(e) => set('approximate')(e.target.checked)}
        />
        {t('sharing.edit.approximate')}
      </label>
      <fieldset className="field">
        <legend>{t('sharing.edit.conditions')}</legend>
        <SelectField
          label={t(`sharing.edit.who.${wording}`)}
          name="whoMayBorrow"
          value={d.whoMayBorrow}
          onChange={(e) => set('whoMayBorrow')(e.target.value as Draft['whoMayBorrow'])}
          error={err}
          options={[
            { value: 'members', label: t('sharing.resource.who.members') },
            { value: 'everyone', label: t('sharing.resource.who.everyone') },
          ]}
        />
        {(asks.fee || asks.lending) && (
          <div className="field-row">
            {asks.fee && (
              <TextField
                label={t('sharing.edit.fee')}
                name="feeCents"
                inputMode="decimal"
                value={d.fee}
                onChange={text('fee')}
                error={err}
                hint={t('sharing.edit.feeHint')}
              />
            )}
            {asks.lending && (
              <TextField
                label={t('sharing.edit.deposit')}
                name="depositCents"
                inputMode="decimal"
                value={d.deposit}
                onChange={text('deposit')}
                error={err}
                hint={t('sharing.edit.depositHint')}
              />
            )}
          </div>
        )}
        {asks.fee && (
          <TextField
            label={t('sharing.edit.feeNote')}
            name="feeNote"
            value={d.feeNote}
            onChange={text('feeNote')}
            error={err}
            maxLength={300}
          />
        )}
        <TextAreaField
          label={t(`sharing.edit.rulesLabel.${wording}`)}
          name="rules"
          value={d.rules}
          onChange={text('rules')}
          error={err}
          rows={3}
        />
      </fieldset>
      <TextAreaField
        label={t('sharing.resource.accessibility')}
        name="accessibility"
        value={d.accessibility}
        onChange={text('accessibility')}
        error={err}
        rows={3}
        hint={t('sharing.edit.accessibilityHint')}
      />
      {(asks.capacity || asks.lending) && (
        <div className="field-row">
          {asks.capacity && (
            <TextField
              label={t('sharing.resource.capacityLabel')}
              name="capacity"
              type="number"
              min={1}
              value={d.capacity}
              onChange={text('capacity')}
              error={err}
            />
          )}
          {asks.lending && (
            <TextField
              label={t('sharing.edit.buffer')}
              name="bufferMinutes"
              type="number"
              min={0}
              max={1440}
              value={d.bufferMinutes}
              onChange={text('bufferMinutes')}
              error={err}
              hint={t('sharing.edit.bufferHint')}
            />
          )}
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={d.autoApprove}
          onChange={(e) => set('autoApprove')(e.target.checked)}
        />
        {t('sharing.edit.autoApprove')}
      </label>
      {r && (
        <label className="check">
          <input type="checkbox" checked={d.active} onChange={(e) => set('active')(e.target.checked)} />
          {t('sharing.edit.active')}
        </label>
      )}
      <SubmitButton pending={action.pending}>{r ? t('common.save') : t('sharing.edit.create')}</SubmitButton>
      <Saved show={action.done && Boolean(r)}>{t('sharing.edit.saved')}</Saved>
    </form>
  );
}

/** Weekly rules (none = always available) and blocked periods. */
export function AvailabilityEditor({ r }: { r: Resource }) {
  const qc = useQueryClient();
  const availability = useQuery({
    queryKey: sharingKeys.resource(r.id, 'availability'),
    queryFn: () => api<Availability>(`/resources/${r.id}/availability`),
  });
  return (
    <QueryView query={availability}>
      {(a) => (
        <AvailabilityForms
          r={r}
          a={a}
          onChange={() => qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id) })}
        />
      )}
    </QueryView>
  );
}

function AvailabilityForms({
  r,
  a,
  onChange,
}: {
  r: Resource;
  a: Availability;
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<AvailabilityRule[]>(() =>
    a.rules.map(({ weekday, start, end }) => ({ weekday, start, end })),
  );
  const rulesForm = useRef<HTMLFormElement>(null);
  const saveRules = useAction({ done: t('sharing.done.rulesSaved') });
  const blockForm = useRef<HTMLFormElement>(null);
  const block = useAction({ done: t('sharing.done.blockAdded') });
  const [b, setB] = useState({ from: localDate(new Date(), 7), to: localDate(new Date(), 8), reason: '' });
  const dayOptions = weekdays.map((d) => ({ value: String(d), label: t(`sharing.weekday.${d}`) }));
  return (
    <>
      <form
        ref={rulesForm}
        className="card"
        aria-labelledby="rules-title"
        onSubmit={(e) => {
          e.preventDefault();
          void saveRules.run(async () => {
            await api(`/resources/${r.id}/availability`, { method: 'PUT', body: { rules } });
            await onChange();
          }, rulesForm.current);
        }}
      >
        <h2 id="rules-title">{t('sharing.edit.rules')}</h2>
        <p className="hint">{t('sharing.edit.rulesHint')}</p>
        <FormError error={saveRules.error} fields={[]} />
        {rules.map((rule, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <div className="rule-row" key={i}>
            <SelectField
              label={t('sharing.edit.weekday')}
              name={`weekday-${i}`}
              value={String(rule.weekday)}
              onChange={(e) =>
                setRules((rs) => rs.map((x, j) => (j === i ? { ...x, weekday: Number(e.target.value) } : x)))
              }
              options={dayOptions}
            />
            <TextField
              label={t('sharing.book.start')}
              name={`start-${i}`}
              type="time"
              value={rule.start}
              onChange={(e) =>
                setRules((rs) => rs.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))
              }
            />
            <TextField
              label={t('sharing.book.end')}
              name={`end-${i}`}
              type="time"
              value={rule.end === '24:00' ? '23:59' : rule.end}
              onChange={(e) =>
                setRules((rs) =>
                  rs.map((x, j) =>
                    j === i ? { ...x, end: e.target.value === '23:59' ? '24:00' : e.target.value } : x,
                  ),
                )
              }
            />
            <button
              type="button"
              className="button secondary"
              aria-label={t('sharing.edit.removeRule', { day: t(`sharing.weekday.${rule.weekday}`) })}
              onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => setRules((rs) => [...rs, { weekday: 1, start: '09:00', end: '17:00' }])}
          >
            {t('sharing.edit.addRule')}
          </button>
          <SubmitButton pending={saveRules.pending}>{t('sharing.edit.saveRules')}</SubmitButton>
        </div>
        <Saved show={saveRules.done}>{t('sharing.edit.saved')}</Saved>
      </form>
      <section className="card" aria-labelledby="blocked-title">
        <h2 id="blocked-title">{t('sharing.resource.blocked')}</h2>
        {a.blocked.length === 0 ? (
          <p className="muted">{t('sharing.edit.noBlocked')}</p>
        ) : (
          <ul className="slot-list">
            {a.blocked.map((x) => (
              <li key={x.id}>
                {formatSlot(x.start, x.end)}
                {x.reason && ` – ${x.reason}`}{' '}
                <ConfirmButton
                  className="button secondary"
                  label={t('sharing.edit.liftBlock')}
                  title={t('sharing.edit.liftBlock')}
                  message={formatSlot(x.start, x.end)}
                  confirmLabel={t('sharing.edit.liftBlock')}
                  done={t('sharing.done.blockLifted')}
                  onConfirm={async () => {
                    await api(`/resources/${r.id}/blocked-periods/${x.id}`, { method: 'DELETE' });
                    await onChange();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        <form
          ref={blockForm}
          onSubmit={(e) => {
            e.preventDefault();
            void block.run(async () => {
              await api(`/resources/${r.id}/blocked-periods`, {
                method: 'POST',
                body: {
                  start: zonedInstant(b.from, '00:00').toISOString(),
                  end: zonedInstant(b.to, '24:00').toISOString(),
                  reason: b.reason || undefined,
                },
              });
              await onChange();
            }, blockForm.current);
          }}
        >
          <h3>{t('sharing.edit.addBlock')}</h3>
          <FormError error={block.error} fields={['start', 'end', 'reason']} />
          <div className="field-row">
            <TextField
              label={t('sharing.edit.blockFrom')}
              name="start"
              type="date"
              value={b.from}
              onChange={(e) => setB((x) => ({ ...x, from: e.target.value }))}
              error={block.error}
            />
            <TextField
              label={t('sharing.edit.blockTo')}
              name="end"
              type="date"
              value={b.to}
              onChange={(e) => setB((x) => ({ ...x, to: e.target.value }))}
              error={block.error}
            />
          </div>
          <TextField
            label={t('sharing.edit.blockReason')}
            name="reason"
            value={b.reason}
            onChange={(e) => setB((x) => ({ ...x, reason: e.target.value }))}
            error={block.error}
          />
          <SubmitButton pending={block.pending}>{t('sharing.edit.addBlock')}</SubmitButton>
        </form>
      </section>
    </>
  );
}

/** Photos: alt text first (required), then the file; the server re-encodes and strips metadata. */
export function PhotoEditor({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const upload = useAction({ done: t('sharing.done.photoAdded') });
  const [alt, setAlt] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const photos: Photo[] = r.photos ?? [];
  return (
    <section className="card" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('sharing.resource.photos')}</h2>
      {photos.length === 0 ? (
        <p className="muted">{t('sharing.edit.noPhotos')}</p>
      ) : (
        <ul className="photos">
          {photos.map((p) => (
            <li key={p.id}>
              <figure>
                <img src={p.thumbUrl} alt={p.alt} width={p.width} height={p.height} />
                <figcaption>{p.alt}</figcaption>
              </figure>
              <ConfirmButton
                className="button secondary"
                label={t('sharing.edit.removePhoto')}
                title={t('sharing.edit.removePhoto')}
                message={p.alt}
                confirmLabel={t('common.delete')}
                done={t('sharing.done.photoRemoved')}
                onConfirm={async () => {
                  await api(`/resources/${r.id}/photos/${p.id}`, { method: 'DELETE' });
                  await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id) });
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void upload
            .run(async () => {
              const body = new FormData();
              body.append('alt', alt.trim());
              if (file) body.append('file', file);
              await api<Photo>(`/resources/${r.id}/photos`, { method: 'POST', body });
              await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id) });
            }, form.current)
            .then((ok) => {
              if (ok) {
                setAlt('');
                setFile(null);
                form.current?.reset();
              }
            });
        }}
      >
        <h3>{t('sharing.edit.addPhoto')}</h3>
        <FormError error={upload.error} fields={['alt']} />
        <TextField
          label={t('sharing.edit.alt')}
          name="alt"
          required
          value={alt}
          onChange={(e) => setAlt(e.target.value)}
          error={upload.error}
          hint={t('sharing.edit.altHint')}
          maxLength={300}
        />
        <TextField
          label={t('sharing.edit.file')}
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          hint={t('sharing.edit.fileHint')}
        />
        <SubmitButton pending={upload.pending}>{t('sharing.edit.upload')}</SubmitButton>
        <Saved show={upload.done}>{t('sharing.edit.uploaded')}</Saved>
      </form>
    </section>
  );
}
