/**
 * The one rule every statistic about people follows (docs/ARCHITECTURE.md, "Analytics"): nobody may
 * be singled out. A cell of a table (say ladder level × month) that rests on 1 to
 * `minPeoplePerCell − 1` distinct people shows neither that count nor any figure of it — what is
 * summed over so few people is their personal record (one person's hours, one person's sign-ups),
 * and small sums give the count away (one place taken means one person). It only says that it is
 * small. A cell of nobody has nothing to hide, and shows its zeros.
 *
 * Ranges are widened to whole cells (`wholeMonths`), so that two questions over overlapping ranges
 * cannot be subtracted from each other to reveal part of a cell.
 */
export const minPeoplePerCell = 5;

/** A cell's figures as they may leave the server: all of them, or (`suppressed`) none. */
export type ProtectedCell<F extends Record<string, number>> = { [K in keyof F]: number | null } & {
  suppressed: boolean;
};

/** The figures of a cell that `people` distinct people stand behind, or nulls if they are too few. */
export function protectCell<F extends Record<string, number>>(people: number, figures: F): ProtectedCell<F> {
  const suppressed = people > 0 && people < minPeoplePerCell;
  if (!suppressed) return { ...figures, suppressed };
  const hidden = Object.fromEntries(Object.keys(figures).map((k) => [k, null])) as { [K in keyof F]: null };
  return { ...hidden, suppressed };
}

/** A range of local dates (YYYY-MM-DD, inclusive) widened to the first and last day of its months. */
export function wholeMonths(range: { from: string; to: string }): { from: string; to: string } {
  const [y = 0, m = 1] = range.to.split('-').map(Number);
  // day 0 of the next month is the last day of this one
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    from: `${range.from.slice(0, 7)}-01`,
    to: `${range.to.slice(0, 7)}-${String(last).padStart(2, '0')}`,
  };
}
