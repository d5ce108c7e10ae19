import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { supportKeys } from '../queries.ts';
import type { Circle } from '../types.ts';
import { ordered } from './layout.ts';
import { nameOf } from './NetworkMap.tsx';
import { type Figures, type MapEntry, type MapTie, type MapView, sectors } from './types.ts';

export const mapUrl = (id: string, path = '') => `/circles/${encodeURIComponent(id)}/map${path}`;

/** The circle (for its status and abilities) and, where the member may see it, the map now. */
export function useCircleMap(id: string) {
  const circle = useQuery({
    queryKey: supportKeys.circle(id),
    queryFn: () => api<Circle>(`/circles/${encodeURIComponent(id)}`),
    retry: false,
  });
  const map = useQuery({
    queryKey: supportKeys.map(id),
    queryFn: () => api<MapView>(mapUrl(id)),
    enabled: circle.data?.abilities.viewMap === true,
    retry: false,
  });
  return { circle, map };
}

export const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Size per sector and ring, share of professional help, supportive and conflict ties. */
export function FiguresList({ figures: f }: { figures: Figures }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...sectors.map((s) => f.perSector[s]));
  return (
    <dl className="nm-figures">
      <div className="nm-figure-big">
        <dt>{t('circles.map.figures.size')}</dt>
        <dd>{f.size}</dd>
      </div>
      {sectors.map((s) => (
        <div key={s} className="nm-figure-sector">
          <dt>{t(`circles.map.sector.${s}`)}</dt>
          <dd>
            <span className={`nm-bar nm-s-${s}`} style={{ width: `${(f.perSector[s] / max) * 100}%` }} />
            <span className="nm-bar-value">{f.perSector[s]}</span>
          </dd>
        </div>
      ))}
      <div>
        <dt>{t('circles.map.figures.perRing')}</dt>
        <dd>
          {t('circles.map.figures.rings', {
            one: f.perRing['1'],
            two: f.perRing['2'],
            three: f.perRing['3'],
          })}
        </dd>
      </div>
      <div>
        <dt>{t('circles.map.figures.professionalShare')}</dt>
        <dd>{percent(f.professionalShare)}</dd>
      </div>
      <div>
        <dt>{t('circles.map.figures.supportiveTies')}</dt>
        <dd>{f.supportiveTies}</dd>
      </div>
      <div>
        <dt>{t('circles.map.figures.conflictTies')}</dt>
        <dd>{f.conflictTies}</dd>
      </div>
    </dl>
  );
}

/** "Familie, Ring 1" etc. for one entry's ties: the other person and the quality. */
export function tiesOf(entry: MapEntry, entries: MapEntry[], ties: MapTie[]) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return ties
    .filter((x) => x.a === entry.id || x.b === entry.id)
    .map((tie) => ({ tie, other: byId.get(tie.a === entry.id ? tie.b : tie.a) }))
    .filter((x): x is { tie: MapTie; other: MapEntry } => x.other !== undefined);
}

/**
 * The same data as the drawing, as a table: sector, ring, name, kinds of support, quality and the ties
 * to others. With `onOpen` each name is a button that opens the details, so everything the map offers
 * can be done from here.
 */
export function MapTable({
  entries,
  ties,
  fullNames,
  onOpen,
  caption,
}: {
  entries: MapEntry[];
  ties: MapTie[];
  fullNames: boolean;
  onOpen?: (id: string) => void;
  caption: ReactNode;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const cols = {
    sector: t('circles.map.table.sector'),
    ring: t('circles.map.table.ring'),
    name: t('circles.map.table.name'),
    support: t('circles.map.table.support'),
    quality: t('circles.map.table.quality'),
    ties: t('circles.map.table.ties'),
  };
  return (
    <div className="table-wrap nm-table">
      <table aria-labelledby={captionId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{cols.sector}</th>
            <th scope="col">{cols.ring}</th>
            <th scope="col">{cols.name}</th>
            <th scope="col">{cols.support}</th>
            <th scope="col">{cols.quality}</th>
            <th scope="col">{cols.ties}</th>
          </tr>
        </thead>
        <tbody>
          {ordered(entries).map((e) => {
            const name = nameOf(e, fullNames);
            const linked = tiesOf(e, entries, ties);
            return (
              <tr key={e.id}>
                <td data-label={cols.sector}>{t(`circles.map.sector.${e.sector}`)}</td>
                <td data-label={cols.ring}>{t(`circles.map.ring.${e.ring}`)}</td>
                <th scope="row" data-label={cols.name}>
                  {onOpen ? (
                    <button type="button" className="link-button" onClick={() => onOpen(e.id)}>
                      {name}
                    </button>
                  ) : (
                    name
                  )}
                  {e.note && <span className="nm-note">{e.note}</span>}
                </th>
                <td data-label={cols.support}>
                  {e.support.length > 0
                    ? e.support.map((s) => t(`circles.map.support.${s}`)).join(', ')
                    : '–'}
                </td>
                <td data-label={cols.quality}>
                  <QualityText quality={e.quality} />
                </td>
                <td data-label={cols.ties}>
                  {linked.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="nm-tie-list">
                      {linked.map(({ tie, other }) => (
                        <li key={tie.id}>
                          {nameOf(other, fullNames)} (<QualityText quality={tie.quality} />)
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The quality in words, with the line pattern's symbol in front (not by colour alone). */
export function QualityText({ quality }: { quality: MapEntry['quality'] }) {
  const { t } = useTranslation();
  const symbol = quality === 'supportive' ? '━' : quality === 'ambivalent' ? '┅' : '⚡';
  return (
    <span className={`nm-quality nm-quality-${quality}`}>
      <span aria-hidden="true">{symbol} </span>
      {t(`circles.map.quality.${quality}`)}
    </span>
  );
}

/** "Nur ansehen": why this member cannot change the map. */
export function ReadOnlyNote({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  return (
    <p className="notice nm-readonly">
      {circle.status !== 'active' ? t('circles.map.readOnlyFrozen') : t('circles.map.readOnly')}
    </p>
  );
}
