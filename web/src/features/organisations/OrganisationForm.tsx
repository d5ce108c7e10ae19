import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import type { Organisation, OrganisationKind, Sector } from '../../app/types.ts';
import { useDistricts } from '../profile/ProfilePage.tsx';
import { kindOptions, sectorOptions } from './labels.ts';

export interface OrganisationDraft {
  name: string;
  slug?: string;
  kind: OrganisationKind;
  sector: Sector;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The fields of an organisation, for creating one and for its admins to edit. */
export function OrganisationForm({
  initial,
  withSlug,
  submitLabel,
  onSubmit,
}: {
  initial?: Organisation;
  withSlug?: boolean;
  submitLabel: string;
  onSubmit: (draft: OrganisationDraft) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [name, setName] = useState(initial?.name ?? '');
  const [slug, setSlug] = useState(initial?.slug ?? '');
  const [kind, setKind] = useState<OrganisationKind>(initial?.kind ?? 'association');
  const [sector, setSector] = useState<Sector>(initial?.sector ?? 'social_service');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [website, setWebsite] = useState(initial?.website ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  // where it is: picked by address search or on the map, the address kept as text
  const [place, setPlace] = useState<PlaceValue>(() => placeOf(initial?.lat, initial?.lng, initial?.address));
  const [districtId, setDistrictId] = useState(initial?.districtId ?? '');
  const save = useAction();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void save.run(
      () =>
        onSubmit({
          name: name.trim(),
          ...(withSlug ? { slug: slug.trim() } : {}),
          kind,
          sector,
          description,
          website: orNull(website),
          email: orNull(email),
          phone: orNull(phone),
          address: orNull(formatAddress(place)),
          districtId: districtId || null,
          lat: place.lat,
          lng: place.lng,
        }),
      e.currentTarget,
    );
  }

  const fields = [
    'name',
    'slug',
    'kind',
    'sector',
    'description',
    'website',
    'email',
    'phone',
    'address',
    'districtId',
    'lat',
    'lng',
  ];
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={save.error} fields={fields} />
      <TextField
        label={t('orgForm.name')}
        name="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={save.error}
      />
      {withSlug && (
        <TextField
          label={t('orgForm.slug')}
          name="slug"
          required
          hint={t('orgForm.slugHint')}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          error={save.error}
        />
      )}
      <div className="field-row">
        <SelectField
          label={t('orgForm.kind')}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as OrganisationKind)}
          options={kindOptions(t)}
          error={save.error}
        />
        <SelectField
          label={t('orgForm.sector')}
          name="sector"
          value={sector}
          onChange={(e) => setSector(e.target.value as Sector)}
          options={sectorOptions(t)}
          error={save.error}
        />
      </div>
      <TextAreaField
        label={t('orgForm.description')}
        name="description"
        rows={6}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={save.error}
      />
      <TextField
        label={t('orgForm.website')}
        name="website"
        type="url"
        inputMode="url"
        hint={t('orgForm.websiteHint')}
        value={website}
        onChange={(e) => setWebsite(e.target.value)}
        error={save.error}
      />
      <TextField
        label={t('orgForm.email')}
        name="email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={save.error}
      />
      <TextField
        label={t('orgForm.phone')}
        name="phone"
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={save.error}
      />
      <LocationPicker
        legend={t('orgForm.address')}
        value={place}
        onChange={setPlace}
        onDistrict={setDistrictId}
        error={save.error}
      />
      {districts.isSuccess && districts.data.length > 0 && (
        <SelectField
          label={t('orgForm.district')}
          name="districtId"
          value={districtId}
          onChange={(e) => setDistrictId(e.target.value)}
          options={[
            { value: '', label: t('orgForm.noDistrict') },
            ...districts.data.map((d) => ({ value: d.id, label: d.name })),
          ]}
          error={save.error}
        />
      )}
      <SubmitButton pending={save.pending}>{submitLabel}</SubmitButton>
      <Saved show={save.done}>{t('orgForm.saved')}</Saved>
    </form>
  );
}
