export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Above this many cells the middle part is shown as replaced rather than aligned line by line. */
const maxCells = 4_000_000;

/**
 * A line diff (longest common subsequence) of two texts: equal lines, then deletions before
 * insertions where they differ. Common leading and trailing lines are matched first, so the usual
 * small edit of a long page stays cheap.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffLine[] = a.slice(0, start).map((text) => ({ op: 'equal', text }));
  const tail: DiffLine[] = a.slice(endA).map((text) => ({ op: 'equal', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const middle: DiffLine[] = [];
  if ((n + 1) * (m + 1) > maxCells) {
    for (const text of midA) middle.push({ op: 'delete', text });
    for (const text of midB) middle.push({ op: 'insert', text });
    return [...head, ...middle, ...tail];
  }
  // lcs[i][j]: length of the LCS of midA[i..] and midB[j..]
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        midA[i] === midB[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ op: 'equal', text: midA[i] as string });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      middle.push({ op: 'delete', text: midA[i] as string });
      i++;
    } else {
      middle.push({ op: 'insert', text: midB[j] as string });
      j++;
    }
  }
  for (; i < n; i++) middle.push({ op: 'delete', text: midA[i] as string });
  for (; j < m; j++) middle.push({ op: 'insert', text: midB[j] as string });
  return [...head, ...middle, ...tail];
}

/** Applies the "before" or "after" side of a diff, to check it (tests). */
export function side(diff: DiffLine[], which: 'before' | 'after'): string {
  return diff
    .filter((d) => d.op === 'equal' || d.op === (which === 'before' ? 'delete' : 'insert'))
    .map((d) => d.text)
    .join('\n');
}
