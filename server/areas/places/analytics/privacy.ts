import { minPeoplePerCell } from '../../../platform/smallCells.ts';
import type { Cell } from './snapshot.ts';

/**
 * The small-cell rule (platform/smallCells.ts) over a whole table of figures at once, with the
 * complementary cells an admin could subtract.
 *
 * A raw cell is a figure and the number of distinct people behind it. Primary suppression hides a
 * cell that 1 to 4 people stand behind (a cell of nobody shows its zero). Secondary suppression
 * then looks at every `Sum`: a total that is shown and the parts it is the sum of (a view's
 * interactions are its online and offline ones; twelve months are the three last plus the nine
 * before; all areas are the sum of the areas). Where exactly one part is hidden, the total minus
 * the others would give it away, so one more part is hidden — the smallest non-empty one that is
 * still shown — or, if every other part is empty, the total itself. This repeats until no sum has
 * a single hidden part, since hiding a total or a part can leave another sum with one.
 */
export interface RawCell {
  value: number;
  people: number;
}

/** `total` is the sum of `parts` (indexes into the table). */
export interface Sum {
  total: number;
  parts: number[];
}

export function protectTable(cells: readonly RawCell[], sums: readonly Sum[]): Cell[] {
  const hidden = cells.map((c) => c.people > 0 && c.people < minPeoplePerCell);
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of sums) {
      if (hidden[s.total]) continue;
      const hiddenParts = s.parts.filter((i) => hidden[i]);
      if (hiddenParts.length !== 1) continue;
      const candidates = s.parts
        .filter((i) => !hidden[i] && cells[i]!.value > 0)
        .sort((a, b) => cells[a]!.value - cells[b]!.value || cells[a]!.people - cells[b]!.people || a - b);
      const next = candidates[0] ?? s.total;
      hidden[next] = true;
      changed = true;
    }
  }
  return cells.map((c, i) =>
    hidden[i] ? { value: null, suppressed: true } : { value: c.value, suppressed: false },
  );
}

/** A share of two shown cells, or null when either is hidden or the whole is empty. */
export function shareOf(part: Cell, whole: Cell): number | null {
  if (part.value === null || whole.value === null || whole.value === 0) return null;
  return part.value / whole.value;
}

/** A table under construction: cells are added with `add`, sums with `sum`, protected at once by `protect`. */
export class CellTable {
  readonly cells: RawCell[] = [];
  readonly sums: Sum[] = [];
  add(value: number, people: number): number {
    this.cells.push({ value, people });
    return this.cells.length - 1;
  }
  sum(total: number, parts: number[]) {
    this.sums.push({ total, parts });
  }
  protect(): Cell[] {
    return protectTable(this.cells, this.sums);
  }
}
