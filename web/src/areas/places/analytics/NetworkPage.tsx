import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import { formatDate, Loading, PageHeading, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import './analytics.css';
import { analyticsKeys } from './queries.ts';
import {
  type Figures,
  type Month,
  type Network,
  type NetworkNode,
  type Period,
  periods,
  type ViewArea,
  viewAreas,
} from './types.ts';

// sigma.js and the layout are fetched only when the picture is shown
const GraphView = lazy(() => import('./GraphView.tsx').then((m) => ({ default: m.GraphView })));

/** Colours that keep apart on white and for the common colour-blindnesses (Okabe–Ito, then greys). */
const palette = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
  '#777777',
];
const sectorList = [
  'social_service',
  'civil_society',
  'business',
  'public',
  'education',
  'health',
  'faith',
  'other',
];

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '–'
    : x.toLocaleString(undefined, { maximumFractionDigits: digits });
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${Math.round(x * 100).toLocaleString()} %`;

type SortKey =
  | 'name'
  | 'type'
  | 'sector'
  | 'district'
  | 'degree'
  | 'strength'
  | 'betweenness'
  | 'constraint'
  | 'effectiveSize'
  | 'community';

/** The network page for coordinators: filters, figures with their explanations, the picture, the table, the trend, the exports. */
export function NetworkPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>('12m');
  const [area, setArea] = useState<ViewArea>('all');
  const [colour, setColour] = useState<'sector' | 'community'>('sector');
  const [showGraph, setShowGraph] = useState(() => !window.matchMedia?.('(max-width: 40rem)').matches);
  const query = useQuery({
    queryKey: analyticsKeys.network(period, area),
    queryFn: () => api<Network>('/places/analytics/network', { query: { period, area } }),
  });
  const client = useQueryClient();
  const compute = useAction({ done: t('placesAnalytics.snapshot.requested') });

  return (
    <div className="places-analytics">
      <PageHeading title={t('placesAnalytics.title')}>
        <p className="lead">{t('placesAnalytics.lead')}</p>
      </PageHeading>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('placesAnalytics.filters.legend')}</legend>
          <div className="filter">
            <label htmlFor="network-period">{t('placesAnalytics.filters.period')}</label>
            <select id="network-period" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {t(`placesAnalytics.filters.periods.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter">
            <label htmlFor="network-area">{t('placesAnalytics.filters.area')}</label>
            <select id="network-area" value={area} onChange={(e) => setArea(e.target.value as ViewArea)}>
              {viewAreas.map((a) => (
                <option key={a} value={a}>
                  {t(`placesAnalytics.filters.areas.${a}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter">
            <label htmlFor="network-colour">{t('placesAnalytics.filters.colour')}</label>
            <select
              id="network-colour"
              value={colour}
              onChange={(e) => setColour(e.target.value as 'sector' | 'community')}
            >
              <option value="sector">{t('placesAnalytics.filters.colours.sector')}</option>
              <option value="community">{t('placesAnalytics.filters.colours.community')}</option>
            </select>
          </div>
        </fieldset>
      </form>
      <QueryView query={query}>
        {(net) => (
          <>
            <p className="meta">
              {net.snapshot
                ? t('placesAnalytics.snapshot.asOf', {
                    date: formatDate(net.snapshot.computedAt, true),
                    from: net.snapshot.from.slice(0, 7),
                    until: net.snapshot.until.slice(0, 7),
                  })
                : t('placesAnalytics.snapshot.none')}
            </p>
            {net.pending && <p className="meta">{t('placesAnalytics.snapshot.pending')}</p>}
            <FormError error={compute.error} />
            <button
              type="button"
              className="button secondary"
              disabled={compute.pending || net.pending}
              onClick={() =>
                void compute.run(async () => {
                  await api('/places/analytics/network/snapshots', { method: 'POST' });
                  await client.invalidateQueries({ queryKey: analyticsKeys.all() });
                })
              }
            >
              {t('placesAnalytics.snapshot.computeNow')}
            </button>
            {net.figures && (
              <Content
                net={net}
                figures={net.figures}
                colour={colour}
                showGraph={showGraph}
                setShowGraph={setShowGraph}
                period={period}
                area={area}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function Content({
  net,
  figures,
  colour,
  showGraph,
  setShowGraph,
  period,
  area,
}: {
  net: Network;
  figures: Figures;
  colour: 'sector' | 'community';
  showGraph: boolean;
  setShowGraph: (v: boolean) => void;
  period: Period;
  area: ViewArea;
}) {
  const { t } = useTranslation();
  const districtName = useMemo(() => new Map(net.districts.map((d) => [d.id, d.name])), [net.districts]);
  const colourOf = useCallback(
    (i: number) => {
      const node = net.nodes[i]!;
      if (colour === 'community') return palette[node.community % palette.length]!;
      return node.sector ? palette[sectorList.indexOf(node.sector)]! : '#777777';
    },
    [net.nodes, colour],
  );
  const legend =
    colour === 'sector'
      ? [
          ...sectorList.map((s, i) => [t(`sector.${s}`), palette[i]!] as const),
          [t('placesAnalytics.table.types.community'), '#777777'] as const,
        ]
      : [...new Set(net.nodes.map((n) => n.community))]
          .sort((a, b) => a - b)
          .map(
            (c) =>
              [`${t('placesAnalytics.table.community')} ${c + 1}`, palette[c % palette.length]!] as const,
          );
  return (
    <>
      <FiguresList f={figures} />
      <section aria-labelledby="graph-heading">
        <h2 id="graph-heading">{t('placesAnalytics.view.graph')}</h2>
        <button
          type="button"
          className="button secondary"
          aria-expanded={showGraph}
          onClick={() => setShowGraph(!showGraph)}
        >
          {showGraph ? t('placesAnalytics.view.hideGraph') : t('placesAnalytics.view.showGraph')}
        </button>
        {showGraph && net.nodes.length > 0 && (
          <div className="network-picture">
            <Suspense fallback={<Loading />}>
              <GraphView network={net} period={period} area={area} colourOf={colourOf} />
            </Suspense>
            <ul className="network-legend" aria-label={t('placesAnalytics.view.legend')}>
              {legend.map(([label, c]) => (
                <li key={label}>
                  <span className="swatch" style={{ background: c }} aria-hidden="true" /> {label}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <NodeTable nodes={net.nodes} districtName={(id) => (id ? (districtName.get(id) ?? '') : '')} />
      <GroupTables f={figures} districtName={(id) => districtName.get(id) ?? id} />
      <Trend trend={net.trend} />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('placesAnalytics.export.heading')}</h2>
        <p>{t('placesAnalytics.export.lead')}</p>
        <ul className="export-links">
          <li>
            <a
              href={apiUrl('/places/analytics/network/export.csv', { period, area, table: 'nodes' })}
              download
            >
              {t('placesAnalytics.export.nodes')}
            </a>
          </li>
          <li>
            <a
              href={apiUrl('/places/analytics/network/export.csv', { period, area, table: 'ties' })}
              download
            >
              {t('placesAnalytics.export.ties')}
            </a>
          </li>
          <li>
            <a href={apiUrl('/places/analytics/network/export.graphml', { period, area })} download>
              {t('placesAnalytics.export.graphml')}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}

/** Each figure with its one-line explanation. */
function FiguresList({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const cell = (c: { value: number | null; suppressed: boolean }) =>
    c.suppressed ? t('placesAnalytics.figures.hidden') : fmt(c.value, 0);
  const ei = (e: Figures['eiSector']) =>
    e.ei === null
      ? '–'
      : t('placesAnalytics.figures.rescaled', {
          value: fmt(e.ei),
          rescaled: fmt(e.rescaled),
          expected: fmt(e.expected),
          p: fmt(e.p, 3),
        });
  const rows: [string, string, string][] = [
    ['people', cell(f.people.tookPart), 'people'],
    [
      'crossSector',
      f.people.crossSector.suppressed ? t('placesAnalytics.figures.hidden') : pct(f.people.crossSectorShare),
      'crossSector',
    ],
    [
      'crossDistrict',
      f.people.crossDistrict.suppressed
        ? t('placesAnalytics.figures.hidden')
        : pct(f.people.crossDistrictShare),
      'crossDistrict',
    ],
    ['interactions', cell(f.interactions.total), 'online'],
    [
      'online',
      f.interactions.online.suppressed
        ? t('placesAnalytics.figures.hidden')
        : pct(f.interactions.onlineShare),
      'online',
    ],
    [
      'circles',
      f.circleInteractions === null
        ? t('placesAnalytics.figures.circlesHidden')
        : fmt(f.circleInteractions, 0),
      'people',
    ],
    ['nodes', fmt(f.nodes, 0), 'betweenness'],
    ['ties', fmt(f.ties, 0), 'crossTies'],
    ['eiSector', ei(f.eiSector), 'ei'],
    ['eiDistrict', ei(f.eiDistrict), 'ei'],
    ['crossSectorTies', pct(f.crossSectorShare), 'crossTies'],
    ['crossDistrictTies', pct(f.crossDistrictShare), 'crossTies'],
    ['assortativitySector', fmt(f.assortativitySector), 'assortativity'],
    ['assortativityDistrict', fmt(f.assortativityDistrict), 'assortativity'],
    [
      'modularity',
      t('placesAnalytics.figures.modularityValue', { count: f.communities, value: fmt(f.modularity) }),
      'modularity',
    ],
    ['cutVertices', fmt(f.cutVertices, 0), 'cutVertices'],
    ['bridges', fmt(f.bridges, 0), 'bridges'],
    [
      'betweenness',
      f.betweenness.exact
        ? t('placesAnalytics.figures.betweennessExact')
        : t('placesAnalytics.figures.betweennessSampled', {
            samples: f.betweenness.samples,
            error: fmt(f.betweenness.error),
          }),
      'betweenness',
    ],
  ];
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('placesAnalytics.figures.heading')}</h2>
      <dl className="figures">
        {rows.map(([key, value, explain]) => (
          <div key={key}>
            <dt>{t(`placesAnalytics.figures.${key}`)}</dt>
            <dd>
              <strong>{value}</strong>
              <span className="explain">{t(`placesAnalytics.explain.${explain}`)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The accessible equivalent of the picture: every node with its measures, sortable by any column. */
function NodeTable({
  nodes,
  districtName,
}: {
  nodes: NetworkNode[];
  districtName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'betweenness', desc: true });
  const value = (n: NetworkNode, k: SortKey): string | number => {
    switch (k) {
      case 'name':
        return n.name;
      case 'type':
        return t(`placesAnalytics.table.types.${n.type}`);
      case 'sector':
        return n.sector ? t(`sector.${n.sector}`) : '';
      case 'district':
        return districtName(n.districtId);
      case 'constraint':
        return n.constraint ?? -1;
      default:
        return n[k];
    }
  };
  const sorted = [...nodes].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const c =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'de');
    return (sort.desc ? -c : c) || a.name.localeCompare(b.name, 'de');
  });
  const columns: SortKey[] = [
    'name',
    'type',
    'sector',
    'district',
    'degree',
    'strength',
    'betweenness',
    'constraint',
    'effectiveSize',
    'community',
  ];
  const header = (k: SortKey) => (
    <th key={k} scope="col" aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort({ key: k, desc: sort.key === k ? !sort.desc : k !== 'name' })}
      >
        {t(`placesAnalytics.table.${k}`)}
        <span aria-hidden="true">{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <section aria-labelledby="table-heading">
      <h2 id="table-heading">{t('placesAnalytics.table.heading')}</h2>
      <p className="meta">
        {t('placesAnalytics.explain.betweenness')} {t('placesAnalytics.explain.constraint')}{' '}
        {t('placesAnalytics.explain.effectiveSize')} {t('placesAnalytics.explain.brokerage')}
      </p>
      {nodes.length === 0 ? (
        <p className="state state-empty">{t('placesAnalytics.table.empty')}</p>
      ) : (
        <ScrollRegion label={t('placesAnalytics.table.scroll')}>
          <table className="network-table">
            <caption>{t('placesAnalytics.table.caption')}</caption>
            <thead>
              <tr>
                {columns.map(header)}
                <th scope="col">{t('placesAnalytics.table.cutVertex')}</th>
                <th scope="col">{t('placesAnalytics.table.brokerage')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{n.name}</th>
                  <td>{t(`placesAnalytics.table.types.${n.type}`)}</td>
                  <td>{n.sector ? t(`sector.${n.sector}`) : '–'}</td>
                  <td>{districtName(n.districtId) || '–'}</td>
                  <td>{n.degree}</td>
                  <td>{fmt(n.strength, 1)}</td>
                  <td>{fmt(n.betweenness, 1)}</td>
                  <td>{fmt(n.constraint)}</td>
                  <td>{fmt(n.effectiveSize, 1)}</td>
                  <td>{n.community + 1}</td>
                  <td>{n.cutVertex ? t('placesAnalytics.table.yes') : t('placesAnalytics.table.no')}</td>
                  <td>{t('placesAnalytics.table.roles', n.brokerage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function GroupTables({ f, districtName }: { f: Figures; districtName: (id: string) => string }) {
  const { t } = useTranslation();
  const table = (kind: 'sector' | 'district', rows: Figures['eiBySector']) => (
    <ScrollRegion label={`${t('placesAnalytics.groups.heading')} ${t(`placesAnalytics.groups.${kind}`)}`}>
      <table>
        <caption>
          {t('placesAnalytics.groups.heading')} {t(`placesAnalytics.groups.${kind}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('placesAnalytics.groups.group')}</th>
            <th scope="col">{t('placesAnalytics.groups.internal')}</th>
            <th scope="col">{t('placesAnalytics.groups.external')}</th>
            <th scope="col">{t('placesAnalytics.groups.ei')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group}>
              <th scope="row">{kind === 'sector' ? t(`sector.${r.group}`) : districtName(r.group)}</th>
              <td>{r.internal}</td>
              <td>{r.external}</td>
              <td>{fmt(r.ei)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('placesAnalytics.groups.heading')}</h2>
      <p className="meta">{t('placesAnalytics.explain.ei')}</p>
      {table('sector', f.eiBySector)}
      {table('district', f.eiByDistrict)}
    </section>
  );
}

/** A small line chart in plain SVG (no library): the values of twelve months, the gaps left open. */
function Spark({ values, label }: { values: (number | null)[]; label: string }) {
  const w = 240;
  const h = 48;
  const xs = values.filter((v): v is number => v !== null);
  const lo = Math.min(0, ...xs);
  const hi = Math.max(1e-9, ...xs);
  const x = (i: number) => (values.length <= 1 ? w / 2 : (i / (values.length - 1)) * (w - 8) + 4);
  const y = (v: number) => h - 4 - ((v - lo) / (hi - lo || 1)) * (h - 8);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
    } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg className="spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth="2" />
      ))}
      {values
        .flatMap((v, i) => (v === null ? [] : [{ cx: x(i), cy: y(v) }]))
        .map((p) => (
          <circle key={`${p.cx}`} cx={p.cx} cy={p.cy} r="2.5" fill="currentColor" />
        ))}
    </svg>
  );
}

function Trend({ trend }: { trend: Month[] }) {
  const { t } = useTranslation();
  const series: [string, (m: Month) => number | null, (v: number | null) => string][] = [
    ['people', (m) => m.people.tookPart.value, (v) => fmt(v, 0)],
    ['crossSector', (m) => m.people.crossSectorShare, pct],
    ['online', (m) => m.interactions.onlineShare, pct],
    ['eiSector', (m) => m.eiSector.rescaled, (v) => fmt(v)],
    ['eiDistrict', (m) => m.eiDistrict.rescaled, (v) => fmt(v)],
    ['crossSectorTies', (m) => m.crossSectorShare, pct],
    ['crossDistrictTies', (m) => m.crossDistrictShare, pct],
    ['assortativitySector', (m) => m.assortativitySector, (v) => fmt(v)],
    ['modularity', (m) => m.modularity, (v) => fmt(v)],
    ['cutVertices', (m) => m.cutVertices, (v) => fmt(v, 0)],
  ];
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('placesAnalytics.trend.heading')}</h2>
      <p>{t('placesAnalytics.trend.lead')}</p>
      <ul className="trend-charts">
        {series.map(([key, get]) => (
          <li key={key}>
            <span>{t(`placesAnalytics.figures.${key}`)}</span>
            <Spark
              values={trend.map(get)}
              label={t('placesAnalytics.trend.chart', { name: t(`placesAnalytics.figures.${key}`) })}
            />
          </li>
        ))}
      </ul>
      <ScrollRegion label={t('placesAnalytics.trend.tableCaption')}>
        <table>
          <caption>{t('placesAnalytics.trend.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('placesAnalytics.trend.month')}</th>
              {series.map(([key]) => (
                <th key={key} scope="col">
                  {t(`placesAnalytics.figures.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                {series.map(([key, get, show]) => (
                  <td key={key}>
                    {key === 'people' && m.people.tookPart.suppressed
                      ? t('placesAnalytics.figures.hidden')
                      : show(get(m))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
