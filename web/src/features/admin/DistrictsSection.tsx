import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { FormError, Saved, SubmitButton, TextAreaField, TextField, useAction } from '../../app/forms.tsx';
import { ConfirmButton, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { useDistricts } from '../profile/ProfilePage.tsx';

/** Districts come from a GeoJSON FeatureCollection (file or pasted text); names from a property. */
function ImportForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [nameProperty, setNameProperty] = useState('name');
  const [result, setResult] = useState<{ created: number; updated: number } | null>(null);
  const run = useAction();

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run.run(async () => {
      let geojson: unknown;
      try {
        geojson = JSON.parse(text);
      } catch {
        throw new ApiError(400, 'client.invalid_json', t('admin.districts.invalidJson'), {
          geojson: t('admin.districts.invalidJson'),
        });
      }
      const r = await api<{ created: number; updated: number }>('/districts/import', {
        method: 'POST',
        body: { geojson, nameProperty: nameProperty.trim() || 'name' },
      });
      setResult(r);
      await qc.invalidateQueries({ queryKey: ['districts'] });
    }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{t('admin.districts.import')}</h3>
      <p>{t('admin.districts.importText')}</p>
      <FormError error={run.error} fields={['geojson', 'nameProperty']} />
      <TextField
        label={t('admin.districts.file')}
        name="file"
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        onChange={(e) => void onFile(e)}
        hint={fileName ? t('admin.districts.fileLoaded', { name: fileName }) : undefined}
      />
      <TextAreaField
        label={t('admin.districts.paste')}
        name="geojson"
        rows={6}
        spellCheck={false}
        className="mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={run.error}
      />
      <TextField
        label={t('admin.districts.nameProperty')}
        name="nameProperty"
        hint={t('admin.districts.namePropertyHint')}
        value={nameProperty}
        onChange={(e) => setNameProperty(e.target.value)}
        error={run.error}
      />
      <SubmitButton pending={run.pending}>{t('admin.districts.importSubmit')}</SubmitButton>
      <Saved show={run.done && result !== null}>
        {t('admin.districts.imported', { created: result?.created ?? 0, updated: result?.updated ?? 0 })}
      </Saved>
    </form>
  );
}

export function DistrictsSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const districts = useDistricts();
  return (
    <section aria-labelledby="admin-districts" className="stack">
      <h2 id="admin-districts">{t('admin.districts.title')}</h2>
      <QueryView query={districts} isEmpty={(d) => d.length === 0} empty={t('admin.districts.none')}>
        {(items) => (
          <ScrollRegion label={t('admin.districts.caption', { count: items.length })}>
            <table>
              <caption>{t('admin.districts.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.districts.name')}</th>
                  <th scope="col">{t('admin.districts.boundary')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.name}</th>
                    <td>{d.hasBoundary ? t('common.yes') : t('common.no')}</td>
                    <td>
                      <ConfirmButton
                        label={t('common.delete')}
                        title={t('admin.districts.deleteTitle', { name: d.name })}
                        message={<p>{t('admin.districts.deleteText')}</p>}
                        confirmLabel={t('common.delete')}
                        done={t('admin.done.districtDeleted', { name: d.name })}
                        onConfirm={async () => {
                          await api(`/districts/${d.id}`, { method: 'DELETE' });
                          await qc.invalidateQueries({ queryKey: ['districts'] });
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </QueryView>
      <ImportForm />
    </section>
  );
}
