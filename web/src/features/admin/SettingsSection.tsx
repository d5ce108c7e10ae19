import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ChoiceGroup, FormError, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { LocationPicker, type PlaceValue } from '../../app/LocationPicker.tsx';
import type { NetworkSettings } from '../../app/types.ts';
import { QueryView } from '../../app/ui.tsx';
import { useNetworkSettings } from '../organisations/OrganisationPage.tsx';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
type Tiles = NetworkSettings['settings']['tiles'];

/**
 * The network's name and maps: the background map (this server's default, OpenStreetMap unless the
 * operator set another; a tile server of one's own with its attribution; or none — every map draws
 * the districts and markers either way), and where maps look first, picked on a map.
 */
function SettingsForm({ network }: { network: NetworkSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const s = network.settings;
  const [name, setName] = useState(network.name);
  const [tiles, setTiles] = useState<Tiles>(s.tiles);
  const [tileUrl, setTileUrl] = useState(s.tiles === 'custom' ? (s.tileUrl ?? '') : '');
  const [tileAttribution, setTileAttribution] = useState(
    s.tiles === 'custom' ? (s.tileAttribution ?? '') : '',
  );
  const [centre, setCentre] = useState<PlaceValue>({
    lat: s.mapCenter?.[0] ?? null,
    lng: s.mapCenter?.[1] ?? null,
    street: '',
    postcode: '',
    town: '',
  });
  const [zoom, setZoom] = useState(s.mapZoom?.toString() ?? '');
  const save = useAction({ done: t('admin.settings.saved') });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void save.run(async () => {
      const next = await api<NetworkSettings>('/network', {
        method: 'PATCH',
        body: {
          name: name.trim(),
          tiles,
          ...(tiles === 'custom'
            ? { tileUrl: orNull(tileUrl), tileAttribution: orNull(tileAttribution) }
            : {}),
          mapCenter: centre.lat !== null && centre.lng !== null ? [centre.lat, centre.lng] : null,
          mapZoom: zoom.trim() ? Number(zoom) : null,
        },
      });
      if (next) qc.setQueryData(['network'], next);
      await qc.invalidateQueries({ queryKey: ['session'] });
    }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <FormError
        error={save.error}
        fields={['name', 'tiles', 'tileUrl', 'tileAttribution', 'mapCenter', 'mapZoom']}
      />
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
        <ChoiceGroup<Tiles>
          legend={t('maps.settings.background')}
          hint={t('maps.settings.backgroundHint')}
          name="tiles"
          type="radio"
          value={[tiles]}
          onChange={(v) => setTiles(v[0] ?? 'default')}
          error={save.error}
          options={[
            {
              value: 'default',
              label: t('maps.settings.default'),
              hint: s.defaultTileUrl
                ? t('maps.settings.defaultHint', { url: new URL(s.defaultTileUrl.replace(/[{}]/g, '')).host })
                : t('maps.settings.defaultNone'),
            },
            { value: 'custom', label: t('maps.settings.custom') },
            { value: 'none', label: t('maps.settings.none') },
          ]}
        />
        {tiles === 'custom' && (
          <>
            <TextField
              label={t('admin.settings.tileUrl')}
              name="tileUrl"
              type="url"
              required
              hint={t('admin.settings.tileUrlHint')}
              value={tileUrl}
              onChange={(e) => setTileUrl(e.target.value)}
              error={save.error}
            />
            <TextField
              label={t('admin.settings.tileAttribution')}
              name="tileAttribution"
              hint={t('maps.settings.attributionHint')}
              value={tileAttribution}
              onChange={(e) => setTileAttribution(e.target.value)}
              error={save.error}
            />
          </>
        )}
        <LocationPicker
          legend={t('maps.settings.centre')}
          hint={t('maps.settings.centreHint')}
          withAddress={false}
          value={centre}
          onChange={setCentre}
          error={save.error}
        />
        <TextField
          label={t('maps.settings.zoom')}
          name="mapZoom"
          inputMode="numeric"
          value={zoom}
          onChange={(e) => setZoom(e.target.value)}
          error={save.error}
        />
      </fieldset>
      <SubmitButton pending={save.pending}>{t('common.save')}</SubmitButton>
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
