import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * The difference between two texts word by word (jsdiff), as runs of unchanged, inserted and deleted
 * text in order — prose changes by the word, and a line diff would mark a whole paragraph for one
 * corrected word. Whitespace counts, so line breaks show where they changed.
 */
export function wordDiff(
  before: string,
  after: string,
  limits = { timeout: 800, maxEditLength: 20_000 },
): { parts: DiffPart[]; inserted: number; deleted: number } {
  const parts: DiffPart[] = [];
  let inserted = 0;
  let deleted = 0;
  // two long texts with little in common would keep the server busy for seconds (the diff is
  // public): past the limits the change is shown as the whole text replaced
  const changes = diffWordsWithSpace(before, after, limits) ?? [
    ...(before ? [{ value: before, added: false, removed: true }] : []),
    ...(after ? [{ value: after, added: true, removed: false }] : []),
  ];
  for (const c of changes) {
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    if (op === 'insert') inserted += c.value.length;
    if (op === 'delete') deleted += c.value.length;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += c.value;
    else parts.push({ op, text: c.value });
  }
  return { parts, inserted, deleted };
}

/** One side of a diff again (tests). */
export const side = (parts: DiffPart[], which: 'before' | 'after') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === (which === 'before' ? 'delete' : 'insert'))
    .map((p) => p.text)
    .join('');
