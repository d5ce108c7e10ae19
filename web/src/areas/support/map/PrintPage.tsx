import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField } from '../../../app/forms.tsx';
import { formatDate, PageHeading, QueryView } from '../../../app/ui.tsx';
import { supportKeys } from '../queries.ts';
import type { Circle } from '../types.ts';
import { Legend, NetworkMap } from './NetworkMap.tsx';
import { FiguresList, MapTable, mapUrl, useCircleMap } from './parts.tsx';
import type { MapView, SnapshotSummary, SnapshotView } from './types.ts';

/**
 * /kreise/:id/karte/druck[?stand=snapshotId] — one A4 page (or two) for a case conference: the state
 * named with its date, the drawing in black-and-white friendly patterns, legend, figures and table;
 * no navigation in print. Initials by default: the people on it never consented to a printout.
 */
export function PrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { circle } = useCircleMap(id);
  useEffect(() => {
    document.body.classList.add('nm-print-page');
    return () => document.body.classList.remove('nm-print-page');
  }, []);
  return (
    <QueryView query={circle}>
      {(c) =>
        c.abilities.viewMap ? (
          <PrintSheet circle={c} />
        ) : (
          <>
            <PageHeading title={t('circles.map.print.title', { name: c.personLabel })} />
            <p className="notice">{t('circles.map.notForRole', { role: t(`circles.role.${c.myRole}`) })}</p>
          </>
        )
      }
    </QueryView>
  );
}

function PrintSheet({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stand = params.get('stand') ?? '';
  const [fullNames, setFullNames] = useState(false);
  const snapshots = useQuery({
    queryKey: [...supportKeys.map(circle.id), 'snapshots'],
    queryFn: () => api<{ items: SnapshotSummary[] }>(mapUrl(circle.id, '/snapshots')),
  });
  const state = useQuery<MapView | SnapshotView>({
    queryKey: stand ? [...supportKeys.map(circle.id), 'snapshot', stand] : [...supportKeys.map(circle.id)],
    queryFn: () =>
      stand ? api<SnapshotView>(mapUrl(circle.id, `/snapshots/${stand}`)) : api<MapView>(mapUrl(circle.id)),
    retry: false,
  });
  const items = snapshots.data?.items ?? [];
  const label = (s: SnapshotSummary) =>
    s.title ? `${formatDate(s.takenAt)} – ${s.title}` : formatDate(s.takenAt);

  return (
    <div className="nm-print">
      <div className="nm-print-tools no-print">
        <p className="nm-links">
          <Link to="..">{t('circles.map.backToMap')}</Link>
        </p>
        <div className="field-row">
          <SelectField
            label={t('circles.map.print.which')}
            name="stand"
            value={stand}
            onChange={(e) => setParams(e.target.value ? { stand: e.target.value } : {}, { replace: true })}
            options={[
              { value: '', label: t('circles.map.print.current') },
              ...[...items].reverse().map((s) => ({ value: s.id, label: label(s) })),
            ]}
          />
        </div>
        <QueryView query={state}>
          {(d) =>
            d.entries.some((e) => e.label !== undefined && e.label !== e.displayLabel) ? (
              <label className="check">
                <input type="checkbox" checked={fullNames} onChange={(e) => setFullNames(e.target.checked)} />
                {t('circles.map.print.fullNames')}
              </label>
            ) : null
          }
        </QueryView>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => window.print()}>
            {t('circles.map.print.print')}
          </button>
        </div>
      </div>
      <QueryView query={state}>
        {(d) => {
          const snap = 'takenAt' in d ? d : null;
          const personLabel = 'personLabel' in d ? d.personLabel : circle.personLabel;
          return (
            <article className="nm-sheet">
              <PageHeading title={t('circles.map.print.title', { name: circle.personLabel })}>
                <p className="nm-sheet-meta">
                  {snap
                    ? t('circles.map.print.snapshot', {
                        date: formatDate(snap.takenAt),
                        title: snap.title || t('circles.map.snapshots.untitled'),
                      })
                    : t('circles.map.print.now', { date: formatDate(new Date().toISOString()) })}
                  {circle.organisation &&
                    ` · ${t('circles.map.print.with', { org: circle.organisation.name })}`}
                </p>
                <p className="nm-sheet-meta">
                  {fullNames ? t('circles.map.print.namedNote') : t('circles.map.print.initialsNote')}
                </p>
              </PageHeading>
              <div className="nm-sheet-top">
                <NetworkMap
                  personLabel={personLabel}
                  entries={d.entries}
                  ties={d.ties}
                  fullNames={fullNames}
                  label={t('circles.map.svgLabel', { name: circle.personLabel })}
                />
                <div>
                  <Legend />
                  <h2>{t('circles.map.figures.title')}</h2>
                  <FiguresList figures={d.figures} />
                </div>
              </div>
              {d.entries.length > 0 && (
                <MapTable
                  entries={d.entries}
                  ties={d.ties}
                  fullNames={fullNames}
                  caption={t('circles.map.table.caption', { name: circle.personLabel })}
                />
              )}
              <p className="nm-sheet-foot">{t('circles.map.print.confidential')}</p>
            </article>
          );
        }}
      </QueryView>
    </div>
  );
}
