import { type MapEntry, type Sector, sectors } from './types.ts';

/** The drawing's own units: a square, the person in the middle, three rings of closeness. */
export const size = 800;
export const centre = size / 2;
export const personRadius = 56;
export const nodeRadius = 27;
/** Outer edge of each ring (1 = closest). */
export const ringEdges = [165, 275, 380] as const;

/**
 * Where each sector lies, as angles in degrees (0 = right, clockwise as the y axis points down):
 * family top left, friends and neighbours top right, work/school/clubs bottom right, professional help
 * bottom left — the quadrants social workers know from the hand-drawn Netzwerkkarte.
 */
const sectorStart: Record<Sector, number> = {
  family: 180,
  friends_neighbours: 270,
  work_school_clubs: 0,
  professional: 90,
};

export interface Placed {
  entry: MapEntry;
  x: number;
  y: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Entries in reading order: sector by sector, closest ring first — the order arrow keys follow. */
export function ordered(entries: MapEntry[]): MapEntry[] {
  return [...entries].sort(
    (a, b) => sectors.indexOf(a.sector) - sectors.indexOf(b.sector) || a.ring - b.ring,
  );
}

/**
 * Places every entry in its sector and ring, spread evenly over the quarter; when a ring holds more
 * than fits on one arc, every other node moves a little inwards and outwards so none overlap.
 */
export function place(entries: MapEntry[]): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const sector of sectors) {
    for (let ring = 1; ring <= 3; ring++) {
      const here = entries.filter((e) => e.sector === sector && e.ring === ring);
      if (here.length === 0) continue;
      const inner = ring === 1 ? personRadius + 10 : ringEdges[ring - 2]!;
      const outer = ringEdges[ring - 1]!;
      const mid = (inner + outer) / 2;
      const pad = 9;
      const span = 90 - 2 * pad;
      const arc = rad(span) * mid;
      const crowded = here.length > 1 && arc / here.length < nodeRadius * 2 + 34;
      const wobble = Math.min((outer - inner) / 2 - nodeRadius - 2, 26);
      here.forEach((entry, i) => {
        // rings are turned a little against each other, so a tie across them does not run under a node
        const turn = ((ring - 2) * span) / (here.length * 4);
        const angle = sectorStart[sector] + pad + ((i + 0.5) * span) / here.length + turn;
        const r = crowded ? mid + (i % 2 === 0 ? -wobble : wobble) : mid;
        out.set(entry.id, {
          entry,
          x: centre + r * Math.cos(rad(angle)),
          y: centre + r * Math.sin(rad(angle)),
        });
      });
    }
  }
  return out;
}

/** Two letters for inside the node: "Sabine K. (Tochter)" → "SK", "T. K." → "TK". */
export function token(label: string): string {
  const words = label
    .replace(/\(.*?\)/g, ' ')
    .split(/[\s.,-]+/)
    .filter((w) => /\p{L}/u.test(w));
  const letters = words.map((w) => [...w][0]!.toUpperCase());
  return (letters.length > 1 ? `${letters[0]}${letters[letters.length - 1]}` : (letters[0] ?? '?')).slice(
    0,
    2,
  );
}

/**
 * The label under a node, without the part in brackets, in at most two lines of about 16 characters
 * (words are never cut: the visible text stays part of the node's accessible name).
 */
export function labelLines(label: string): string[] {
  const base = label.replace(/\s*\(.*\)\s*$/, '').trim() || label;
  if ([...base].length <= 16) return [base];
  const words = base.split(/\s+/);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && lines.length > 0 && [...`${last} ${w}`].length <= 16)
      lines[lines.length - 1] = `${last} ${w}`;
    else if (lines.length < 2) lines.push(w);
    else lines[1] = `${lines[1]} ${w}`;
  }
  return lines;
}

/** The point on the segment from a towards b that is `by` units away from a. */
function towards(ax: number, ay: number, bx: number, by: number, dist: number) {
  const d = Math.hypot(bx - ax, by - ay) || 1;
  return { x: ax + ((bx - ax) * dist) / d, y: ay + ((by - ay) * dist) / d };
}

/**
 * A line between two circles (from edge to edge). For a conflict it zigzags, so that the quality shows
 * in black and white print and without seeing colour.
 */
export function linePath(
  a: { x: number; y: number; r: number },
  b: { x: number; y: number; r: number },
  zigzag: boolean,
): string {
  const p = towards(a.x, a.y, b.x, b.y, a.r + 3);
  const q = towards(b.x, b.y, a.x, a.y, b.r + 3);
  const f = (n: number) => n.toFixed(1);
  if (!zigzag) return `M${f(p.x)} ${f(p.y)}L${f(q.x)} ${f(q.y)}`;
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  const steps = Math.max(2, Math.floor(len / 14));
  const ux = (q.x - p.x) / len;
  const uy = (q.y - p.y) / len;
  const amp = 7;
  let d = `M${f(p.x)} ${f(p.y)}`;
  for (let i = 1; i < steps; i++) {
    const t = (i / steps) * len;
    const side = i % 2 === 0 ? -amp : amp;
    d += `L${f(p.x + ux * t - uy * side)} ${f(p.y + uy * t + ux * side)}`;
  }
  return `${d}L${f(q.x)} ${f(q.y)}`;
}
