import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormError, Saved, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import type { NetworkSettings } from '../../app/types.ts';
import { QueryView } from '../../app/ui.tsx';
import { useNetworkSettings } from '../organisations/OrganisationPage.tsx';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

function SettingsForm({ network }: { network: NetworkSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const s = network.settings;
  const [name, setName] = useState(network.name);
  const [tileUrl, setTileUrl] = useState(s.tileUrl ?? '');
  const [tileAttribution, setTileAttribution] = useState(s.tileAttribution ?? '');
  const [lat, setLat] = useState(s.mapCenter?.[0]?.toString() ?? '');
  const [lng, setLng] = useState(s.mapCenter?.[1]?.toString() ?? '');
  const [zoom, setZoom] = useState(s.mapZoom?.toString() ?? '');
  const save = useAction();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const center = lat.trim() && lng.trim() ? [Number(lat), Number(lng)] : null;
    void save.run(async () => {
      const next = await api<NetworkSettings>('/network', {
        method: 'PATCH',
        body: {
          name: name.trim(),
          tileUrl: orNull(tileUrl),
          tileAttribution: orNull(tileAttribution),
          mapCenter: center,
          mapZoom: zoom.trim() ? Number(zoom) : null,
        },
      });
      if (next) qc.setQueryData(['network'], next);
      await qc.invalidateQueries({ queryKey: ['session'] });
    }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <FormError error={save.error} fields={['name', 'tileUrl', 'tileAttribution', 'mapCenter', 'mapZoom']} />
      <TextField
        label={t('admin.settings.name')}
        name="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={save.error}
      />
      <fieldset className="field">
        <legend>{t('admin.settings.map')}</legend>
        <p className="hint">{t('admin.settings.mapHint')}</p>
        <TextField
          label={t('admin.settings.tileUrl')}
          name="tileUrl"
          type="url"
          hint={t('admin.settings.tileUrlHint')}
          value={tileUrl}
          onChange={(e) => setTileUrl(e.target.value)}
          error={save.error}
        />
        <TextField
          label={t('admin.settings.tileAttribution')}
          name="tileAttribution"
          hint={t('admin.settings.tileAttributionHint')}
          value={tileAttribution}
          onChange={(e) => setTileAttribution(e.target.value)}
          error={save.error}
        />
        <div className="field-row">
          <TextField
            label={t('admin.settings.lat')}
            name="mapCenterLat"
            serverField="mapCenter"
            inputMode="decimal"
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            error={save.error}
          />
          <TextField
            label={t('admin.settings.lng')}
            name="mapCenterLng"
            serverField="mapCenter"
            inputMode="decimal"
            value={lng}
            onChange={(e) => setLng(e.target.value)}
            error={save.error}
          />
          <TextField
            label={t('admin.settings.zoom')}
            name="mapZoom"
            inputMode="numeric"
            value={zoom}
            onChange={(e) => setZoom(e.target.value)}
            error={save.error}
          />
        </div>
      </fieldset>
      <SubmitButton pending={save.pending}>{t('common.save')}</SubmitButton>
      <Saved show={save.done}>{t('admin.settings.saved')}</Saved>
    </form>
  );
}

export function SettingsSection() {
  const { t } = useTranslation();
  const network = useNetworkSettings();
  return (
    <section aria-labelledby="admin-settings">
      <h2 id="admin-settings">{t('admin.settings.title')}</h2>
      <QueryView query={network}>{(n) => <SettingsForm network={n} />}</QueryView>
    </section>
  );
}
