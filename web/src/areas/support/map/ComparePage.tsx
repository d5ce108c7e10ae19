import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField } from '../../../app/forms.tsx';
import { formatDate, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import { CircleFrame } from '../CircleFrame.tsx';
import { supportKeys } from '../queries.ts';
import type { Circle } from '../types.ts';
import { Legend, NetworkMap, nameOf } from './NetworkMap.tsx';
import { mapUrl, percent, ReadOnlyNote } from './parts.tsx';
import {
  type Comparison,
  type Figures,
  type MapEntry,
  type MapView,
  type Mark,
  type SnapshotSummary,
  type SnapshotView,
  sectors,
} from './types.ts';

/** /kreise/:id/karte/vergleich?von=…&bis=… — how the network changed between two dates. */
export function ComparePage() {
  const { t } = useTranslation();
  return (
    <CircleFrame section="map" title={(c) => t('circles.map.compare.title', { name: c.personLabel })}>
      {(c) =>
        c.abilities.viewMap ? (
          <Compare circle={c} />
        ) : (
          <p className="notice">{t('circles.map.notForRole', { role: t(`circles.role.${c.myRole}`) })}</p>
        )
      }
    </CircleFrame>
  );
}

function Compare({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [fullNames, setFullNames] = useState(false);
  const [view, setView] = useState<'side' | 'overlay'>('side');
  const snapshots = useQuery({
    queryKey: [...supportKeys.map(circle.id), 'snapshots'],
    queryFn: () => api<{ items: SnapshotSummary[] }>(mapUrl(circle.id, '/snapshots')),
  });
  const items = snapshots.data?.items ?? [];
  const from = params.get('von') ?? items[0]?.id ?? '';
  const to = params.get('bis') ?? '';
  const comparison = useQuery({
    queryKey: [...supportKeys.map(circle.id), 'compare', from, to],
    queryFn: () => api<Comparison>(mapUrl(circle.id, '/compare'), { query: { from, to } }),
    enabled: from !== '',
    retry: false,
  });
  const fromMap = useQuery({
    queryKey: [...supportKeys.map(circle.id), 'snapshot', from],
    queryFn: () => api<SnapshotView>(mapUrl(circle.id, `/snapshots/${from}`)),
    enabled: from !== '',
    retry: false,
  });
  const toMap = useQuery<MapView | SnapshotView>({
    queryKey: to ? [...supportKeys.map(circle.id), 'snapshot', to] : [...supportKeys.map(circle.id)],
    queryFn: () =>
      to ? api<SnapshotView>(mapUrl(circle.id, `/snapshots/${to}`)) : api<MapView>(mapUrl(circle.id)),
    retry: false,
  });
  const personLabel = circle.personLabel;
  const choose = (von: string, bis: string) => {
    const q = new URLSearchParams({ von });
    if (bis) q.set('bis', bis);
    void navigate(`?${q.toString()}`, { replace: true });
  };
  const label = (s: SnapshotSummary) =>
    s.title ? `${formatDate(s.takenAt)} – ${s.title}` : formatDate(s.takenAt);
  const allEntries = [...(fromMap.data?.entries ?? []), ...(toMap.data?.entries ?? [])];
  const canName = allEntries.some((e) => e.label !== undefined && e.label !== e.displayLabel);

  return (
    <>
      <p className="lead">{t('circles.map.compare.lead')}</p>
      <p className="nm-links">
        <Link to="..">{t('circles.map.backToMap')}</Link>
      </p>
      {circle.status !== 'active' && <ReadOnlyNote circle={circle} />}
      <QueryView
        query={snapshots}
        isEmpty={(d) => d.items.length === 0}
        empty={t('circles.map.snapshots.empty')}
      >
        {() => (
          <form className="card nm-compare-form" onSubmit={(e) => e.preventDefault()}>
            <div className="field-row">
              <SelectField
                label={t('circles.map.compare.from')}
                name="from"
                value={from}
                onChange={(e) => choose(e.target.value, to === e.target.value ? '' : to)}
                options={items.map((s) => ({ value: s.id, label: label(s) }))}
              />
              <SelectField
                label={t('circles.map.compare.to')}
                name="to"
                value={to}
                onChange={(e) => choose(from, e.target.value)}
                options={[
                  { value: '', label: t('circles.map.compare.now') },
                  ...items.filter((s) => s.id !== from).map((s) => ({ value: s.id, label: label(s) })),
                ]}
              />
            </div>
          </form>
        )}
      </QueryView>
      {from && (
        <QueryView query={comparison}>
          {(c) => (
            <div aria-live="polite">
              <section className="section" aria-labelledby="nm-cmp-figures">
                <h2 id="nm-cmp-figures">{t('circles.map.compare.figures')}</h2>
                <FiguresCompare from={c.from} to={c.to} />
              </section>
              <section className="section" aria-labelledby="nm-cmp-changes">
                <h2 id="nm-cmp-changes">{t('circles.map.compare.changes')}</h2>
                {canName && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={fullNames}
                      onChange={(e) => setFullNames(e.target.checked)}
                    />
                    {t('circles.map.fullNames')}
                  </label>
                )}
                <Changes comparison={c} fullNames={fullNames} />
              </section>
              <section className="section" aria-labelledby="nm-cmp-maps">
                <h2 id="nm-cmp-maps">{t('circles.map.compare.maps')}</h2>
                <fieldset className="field nm-view-choice">
                  <legend>{t('circles.map.compare.view')}</legend>
                  {(['side', 'overlay'] as const).map((v) => (
                    <label key={v} className="check">
                      <input
                        type="radio"
                        name="view"
                        value={v}
                        checked={view === v}
                        onChange={() => setView(v)}
                      />
                      {t(`circles.map.compare.${v}`)}
                    </label>
                  ))}
                </fieldset>
                {fromMap.data && toMap.data ? (
                  view === 'side' ? (
                    <div className="nm-side">
                      <figure className="nm-figure">
                        <figcaption>
                          {t('circles.map.compare.stateOf', { date: formatDate(c.from.takenAt) })}
                        </figcaption>
                        <NetworkMap
                          personLabel={personLabel}
                          entries={fromMap.data.entries}
                          ties={fromMap.data.ties}
                          fullNames={fullNames}
                          label={t('circles.map.compare.mapOf', { date: formatDate(c.from.takenAt) })}
                        />
                      </figure>
                      <figure className="nm-figure">
                        <figcaption>
                          {c.to.id
                            ? t('circles.map.compare.stateOf', { date: formatDate(c.to.takenAt) })
                            : t('circles.map.compare.now')}
                        </figcaption>
                        <NetworkMap
                          personLabel={personLabel}
                          entries={toMap.data.entries}
                          ties={toMap.data.ties}
                          fullNames={fullNames}
                          marks={marksOf(c, false)}
                          label={t('circles.map.compare.mapOf', { date: formatDate(c.to.takenAt) })}
                        />
                      </figure>
                    </div>
                  ) : (
                    <figure className="nm-figure nm-overlay">
                      <NetworkMap
                        personLabel={personLabel}
                        entries={[...toMap.data.entries, ...c.removed]}
                        ties={toMap.data.ties}
                        fullNames={fullNames}
                        marks={marksOf(c, true)}
                        label={t('circles.map.compare.overlayOf', {
                          from: formatDate(c.from.takenAt),
                          to: formatDate(c.to.takenAt),
                        })}
                      />
                    </figure>
                  )
                ) : (
                  <p className="state state-loading">{t('common.loading')}</p>
                )}
                <Legend marks />
              </section>
            </div>
          )}
        </QueryView>
      )}
    </>
  );
}

function marksOf(c: Comparison, withRemoved: boolean): Map<string, Mark> {
  const m = new Map<string, Mark>();
  for (const e of c.added) m.set(e.id, 'added');
  for (const x of c.changed) m.set(x.after.id, 'changed');
  if (withRemoved) for (const e of c.removed) m.set(e.id, 'removed');
  return m;
}

function FiguresCompare({
  from,
  to,
}: {
  from: { takenAt: string; figures: Figures };
  to: { id: string | null; takenAt: string; figures: Figures };
}) {
  const { t } = useTranslation();
  const rows: [string, number, number, (n: number) => string][] = [
    [t('circles.map.figures.size'), from.figures.size, to.figures.size, String],
    ...sectors.map(
      (s) =>
        [t(`circles.map.sector.${s}`), from.figures.perSector[s], to.figures.perSector[s], String] as [
          string,
          number,
          number,
          (n: number) => string,
        ],
    ),
    [
      t('circles.map.figures.professionalShare'),
      from.figures.professionalShare,
      to.figures.professionalShare,
      percent,
    ],
    [t('circles.map.figures.supportiveTies'), from.figures.supportiveTies, to.figures.supportiveTies, String],
    [t('circles.map.figures.conflictTies'), from.figures.conflictTies, to.figures.conflictTies, String],
  ];
  const diff = (a: number, b: number, f: (n: number) => string) => {
    if (a === b) return '±0';
    const d = f === percent ? `${Math.round((b - a) * 100)} %-Pkt.` : String(b - a);
    return b > a ? `+${d.replace(/^\+/, '')}` : d;
  };
  return (
    <ScrollRegion label={t('circles.map.compare.figures')}>
      <table className="nm-compare-table">
        <caption className="visually-hidden">{t('circles.map.compare.figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('circles.map.compare.figure')}</th>
            <th scope="col">{formatDate(from.takenAt)}</th>
            <th scope="col">{to.id ? formatDate(to.takenAt) : t('circles.map.compare.today')}</th>
            <th scope="col">{t('circles.map.compare.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, a, b, f]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{f(a)}</td>
              <td>{f(b)}</td>
              <td>{f === percent ? diffPoints(a, b, t) : diff(a, b, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const diffPoints = (a: number, b: number, t: (k: string, o?: Record<string, unknown>) => string) => {
  const d = Math.round(b * 100) - Math.round(a * 100);
  return d === 0 ? '±0' : t('circles.map.compare.points', { value: d > 0 ? `+${d}` : String(d) });
};

const fieldNames: Record<string, string> = {
  sector: 'circles.map.table.sector',
  ring: 'circles.map.table.ring',
  label: 'circles.map.table.name',
  show_label: 'circles.map.details.naming',
  account_id: 'circles.map.details.account',
  quality: 'circles.map.table.quality',
  support: 'circles.map.table.support',
  note: 'circles.map.form.note',
};

function Changes({ comparison: c, fullNames }: { comparison: Comparison; fullNames: boolean }) {
  const { t } = useTranslation();
  const where = (e: MapEntry) => `${t(`circles.map.sector.${e.sector}`)}, ${t(`circles.map.ring.${e.ring}`)}`;
  const value = (e: MapEntry, f: string): string => {
    switch (f) {
      case 'sector':
        return t(`circles.map.sector.${e.sector}`);
      case 'ring':
        return t(`circles.map.ring.${e.ring}`);
      case 'quality':
        return t(`circles.map.quality.${e.quality}`);
      case 'support':
        return e.support.length ? e.support.map((s) => t(`circles.map.support.${s}`)).join(', ') : '–';
      case 'note':
        return e.note || '–';
      case 'label':
        return nameOf(e, fullNames);
      default:
        return '';
    }
  };
  if (c.added.length + c.removed.length + c.changed.length === 0)
    return <p className="state state-empty">{t('circles.map.compare.noChanges')}</p>;
  return (
    <div className="nm-changes">
      <div>
        <h3>
          <span aria-hidden="true">+ </span>
          {t('circles.map.compare.added', { count: c.added.length })}
        </h3>
        {c.added.length === 0 ? (
          <p className="muted">–</p>
        ) : (
          <ul>
            {c.added.map((e) => (
              <li key={e.id}>
                <strong>{nameOf(e, fullNames)}</strong> · {where(e)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>
          <span aria-hidden="true">− </span>
          {t('circles.map.compare.removed', { count: c.removed.length })}
        </h3>
        {c.removed.length === 0 ? (
          <p className="muted">–</p>
        ) : (
          <ul>
            {c.removed.map((e) => (
              <li key={e.id}>
                <strong>{nameOf(e, fullNames)}</strong> · {where(e)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>
          <span aria-hidden="true">~ </span>
          {t('circles.map.compare.changed', { count: c.changed.length })}
        </h3>
        {c.changed.length === 0 ? (
          <p className="muted">–</p>
        ) : (
          <ul>
            {c.changed.map((x) => (
              <li key={x.after.id}>
                <strong>{nameOf(x.after, fullNames)}</strong>
                <ul className="nm-field-changes">
                  {x.fields.map((f) => {
                    const before = value(x.before, f);
                    const after = value(x.after, f);
                    return (
                      <li key={f}>
                        {t(fieldNames[f] ?? f)}
                        {before || after ? `: ${before} → ${after}` : ''}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
