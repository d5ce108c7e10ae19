import { type KeyboardEvent, type RefObject, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  centre,
  labelLines,
  linePath,
  nodeRadius,
  ordered,
  type Placed,
  personRadius,
  place,
  ringEdges,
  size,
  token,
} from './layout.ts';
import type { MapEntry, MapTie, Mark, Quality, Sector } from './types.ts';

/** The name to show: the full label only when asked for and allowed, else what the server shows. */
export const nameOf = (e: MapEntry, fullNames: boolean) => (fullNames && e.label ? e.label : e.displayLabel);

/** Sector captions in the four corners: [x, y, text-anchor]. */
const corners: Record<Sector, [number, number, 'start' | 'end']> = {
  family: [14, 34, 'start'],
  friends_neighbours: [size - 14, 34, 'end'],
  work_school_clubs: [size - 14, size - 16, 'end'],
  professional: [14, size - 16, 'start'],
};

const quadrant: Record<Sector, string> = {
  family: `M${centre} ${centre}V0H0V${centre}Z`,
  friends_neighbours: `M${centre} ${centre}V0H${size}V${centre}Z`,
  work_school_clubs: `M${centre} ${centre}H${size}V${size}H${centre}Z`,
  professional: `M${centre} ${centre}H0V${size}H${centre}Z`,
};

export interface Interaction {
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** Registers the node elements so the page can return focus to one. */
  nodeRefs: RefObject<Map<string, SVGGElement>>;
}

/**
 * The Netzwerkkarte as SVG: the person in the middle, four sectors, three rings, one node per entry
 * and a line for every tie — to the person (described on the entry) and between two entries. The
 * quality of a tie shows in the line's pattern (solid, dashed, zigzag) as well as its colour.
 *
 * Interactive: every node is a button in the tab order; arrow keys move through them in reading order
 * (sector by sector, closest ring first), Home/End jump, Enter or Space opens the details. Read-only
 * (print, comparison): one image whose label points to the table with the same data.
 */
export function NetworkMap({
  personLabel,
  entries,
  ties,
  fullNames = false,
  interaction,
  marks,
  label,
}: {
  personLabel: string;
  entries: MapEntry[];
  ties: MapTie[];
  fullNames?: boolean;
  interaction?: Interaction;
  marks?: ReadonlyMap<string, Mark>;
  label: string;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const placed = place(entries);
  const order = ordered(entries).map((e) => e.id);
  const localRefs = useRef(new Map<string, SVGGElement>());
  const refs = interaction?.nodeRefs ?? localRefs;
  const tieCount = (id: string) => ties.filter((x) => x.a === id || x.b === id).length;

  function onKey(e: KeyboardEvent<SVGGElement>, id: string) {
    if (!interaction) return;
    const i = order.indexOf(id);
    let next: string | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = order[(i + 1) % order.length];
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
      next = order[(i - 1 + order.length) % order.length];
    else if (e.key === 'Home') next = order[0];
    else if (e.key === 'End') next = order[order.length - 1];
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      interaction.onOpen(id);
      return;
    } else return;
    e.preventDefault();
    if (next) refs.current.get(next)?.focus();
  }

  const ariaFor = (e: MapEntry) =>
    t('circles.map.node', {
      name: nameOf(e, fullNames),
      sector: t(`circles.map.sector.${e.sector}`),
      ring: t(`circles.map.ring.${e.ring}`),
      quality: t(`circles.map.quality.${e.quality}`),
      support:
        e.support.length > 0
          ? e.support.map((s) => t(`circles.map.support.${s}`)).join(', ')
          : t('circles.map.noSupport'),
      count: tieCount(e.id),
    }) + (marks?.get(e.id) ? ` (${t(`circles.map.mark.${marks.get(e.id)}`)})` : '');

  const person = { x: centre, y: centre, r: personRadius };
  const at = (p: Placed) => ({ x: p.x, y: p.y, r: nodeRadius });

  return (
    <svg
      className="nm-svg"
      viewBox={`0 0 ${size} ${size}`}
      role={interaction ? 'group' : 'img'}
      aria-label={label}
      aria-describedby={`${uid}-desc`}
    >
      <desc id={`${uid}-desc`}>{t('circles.map.svgDescription', { count: entries.length })}</desc>
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> is not focusable; the drawing is described by the nodes and the table */}
      <g aria-hidden="true">
        {(Object.keys(quadrant) as Sector[]).map((s) => (
          <path key={s} d={quadrant[s]} className={`nm-quadrant nm-q-${s}`} />
        ))}
        {ringEdges.map((r) => (
          <circle key={r} cx={centre} cy={centre} r={r} className="nm-ring" />
        ))}
        <path d={`M${centre} 0V${size}M0 ${centre}H${size}`} className="nm-axis" />
        {ringEdges.map((r, i) => (
          <text key={r} x={centre + 6} y={centre - r + 20} className="nm-ring-label">
            {i + 1}
          </text>
        ))}
        {(Object.keys(corners) as Sector[]).map((s) => {
          const [x, y, anchor] = corners[s];
          return (
            <text key={s} x={x} y={y} textAnchor={anchor} className="nm-sector-label">
              {t(`circles.map.sectorShort.${s}`)}
            </text>
          );
        })}
        {entries.map((e) => {
          const p = placed.get(e.id);
          if (!p) return null;
          return (
            <path
              key={`c-${e.id}`}
              d={linePath(person, at(p), e.quality === 'conflict')}
              className={`nm-line nm-to-centre nm-${e.quality}${marks?.get(e.id) === 'removed' ? ' nm-gone' : ''}`}
            />
          );
        })}
        {ties.map((tie) => {
          const a = placed.get(tie.a);
          const b = placed.get(tie.b);
          if (!a || !b) return null;
          return (
            <path
              key={tie.id}
              d={linePath(at(a), at(b), tie.quality === 'conflict')}
              className={`nm-line nm-tie nm-${tie.quality}`}
            />
          );
        })}
        {order.map((id) => {
          const p = placed.get(id)!;
          const e = p.entry;
          const mark = marks?.get(id);
          return (
            <g key={`d-${id}`}>
              {mark === 'added' && <circle cx={p.x} cy={p.y} r={nodeRadius + 5} className="nm-added" />}
              <circle
                cx={p.x}
                cy={p.y}
                r={nodeRadius}
                className={`nm-node-dot nm-s-${e.sector}${e.accountId ? ' nm-member' : ''}${mark === 'removed' ? ' nm-gone' : ''}`}
              />
              <text x={p.x} y={p.y} className="nm-token" dominantBaseline="central">
                {token(nameOf(e, fullNames))}
              </text>
              {mark && (
                <text x={p.x + nodeRadius} y={p.y - nodeRadius + 2} className={`nm-badge nm-badge-${mark}`}>
                  {mark === 'added' ? '+' : mark === 'removed' ? '−' : '~'}
                </text>
              )}
            </g>
          );
        })}
        <circle cx={centre} cy={centre} r={personRadius} className="nm-person" />
        <text x={centre} y={centre} className="nm-person-label" dominantBaseline="central">
          {labelLines(personLabel)[0]}
        </text>
      </g>
      {order.map((id) => {
        const p = placed.get(id)!;
        const e = p.entry;
        const selected = interaction?.selectedId === id;
        const lines = labelLines(nameOf(e, fullNames));
        const body = (
          <>
            <circle cx={p.x} cy={p.y} r={nodeRadius + 9} className="nm-focus" />
            <circle cx={p.x} cy={p.y} r={nodeRadius} className="nm-hit" />
            <text
              x={p.x}
              y={p.y < centre ? p.y - nodeRadius - 8 - (lines.length - 1) * 21 : p.y + nodeRadius + 21}
              className="nm-name"
            >
              {lines.map((line, i) => (
                <tspan key={line} x={p.x} dy={i === 0 ? 0 : '1.1em'}>
                  {i < lines.length - 1 ? `${line} ` : line}
                </tspan>
              ))}
            </text>
          </>
        );
        if (!interaction)
          return (
            <g key={id} className="nm-node">
              {body}
            </g>
          );
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it gets the role, focus and keys of one
          <g
            key={id}
            ref={(el) => {
              if (el) refs.current.set(id, el);
              else refs.current.delete(id);
            }}
            role="button"
            tabIndex={0}
            aria-label={ariaFor(e)}
            aria-pressed={selected}
            className={`nm-node nm-interactive${selected ? ' is-selected' : ''}`}
            onKeyDown={(ev) => onKey(ev, id)}
            onClick={() => interaction.onOpen(id)}
          >
            {body}
          </g>
        );
      })}
    </svg>
  );
}

const sample = (q: Quality) => {
  const zig = linePath({ x: 2, y: 10, r: -3 }, { x: 58, y: 10, r: -3 }, q === 'conflict');
  return (
    <svg viewBox="0 0 60 20" width="60" height="20" aria-hidden="true" className="nm-sample">
      <path d={zig} className={`nm-line nm-tie nm-${q}`} />
    </svg>
  );
};

/** What the line patterns and node marks mean. */
export function Legend({ marks = false }: { marks?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="nm-legend">
      <h3 className="visually-hidden">{t('circles.map.legend.title')}</h3>
      <ul>
        {(['supportive', 'ambivalent', 'conflict'] as const).map((q) => (
          <li key={q}>
            {sample(q)}
            {t(`circles.map.legend.${q}`)}
          </li>
        ))}
        <li>
          <span className="nm-sample-ring" aria-hidden="true">
            1 2 3
          </span>
          {t('circles.map.legend.rings')}
        </li>
        {marks &&
          (['added', 'removed', 'changed'] as const).map((m) => (
            <li key={m}>
              <span className={`nm-sample-mark nm-badge-${m}`} aria-hidden="true">
                {m === 'added' ? '+' : m === 'removed' ? '−' : '~'}
              </span>
              {t(`circles.map.mark.${m}`)}
            </li>
          ))}
      </ul>
    </div>
  );
}
