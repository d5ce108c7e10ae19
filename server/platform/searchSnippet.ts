/**
 * A hit's snippet, cut in the app server from the start of its text: the stretch of at most
 * `max` words that names the most of the words looked for (the first such stretch), opened a few
 * words before its first one, with … where the text was cut. A text that names none of them gives
 * its first `start` words. Plain text, whitespace collapsed.
 *
 * It was PostgreSQL's `ts_headline` over the text's first 1000 characters: 0.5–0.8 ms a hit, a
 * third of a search's database time at 110 000 entries (see docs/PERFORMANCE.md). Here a word
 * counts as named as the web client marks it (features/search/SearchPage.tsx): it is one of the
 * terms, has one of four letters or more inside it, or starts like a term of seven letters or more
 * but for its last two ("begleitet" for "begleiten") — found by indexOf in the folded text: the
 * whole snippet some 30 µs a hit of 1000 characters.
 */
export const snippetWords = { max: 30, before: 5, start: 20 };

/**
 * As the web client compares words: no accents or umlauts, ß as ss, lower case; spaces stay spaces.
 * (The combining marks of Latin letters only: a Unicode class in the expression cost 30 µs a text.)
 */
const fold = (s: string) =>
  /[^ -~\s]/.test(s)
    ? s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .toLowerCase()
    : s.toLowerCase();

/** What JavaScript's \\s is, by code: a regular expression per character cost more than the rest. */
const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  (c > 127 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

/** Where each word (what spaces separate) starts and ends: [start, end, start, end, …]. */
function wordBounds(s: string): number[] {
  const out: number[] = [];
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (!space && !inWord) out.push(i);
    else if (space && inWord) out.push(i);
    inWord = !space;
  }
  if (inWord) out.push(s.length);
  return out;
}

/**
 * The terms as the text is searched for them, folded: `inside` (four letters or more) anywhere,
 * `whole` (three letters) only as a word of their own, `stems` (a term of seven letters or more but
 * for its last two) only at the start of a word — "word" meaning letters and digits here.
 */
export interface Names {
  inside: string[];
  whole: string[];
  stems: string[];
}

/** The terms as the snippet looks for them (see Names); null: none can be named (all too short). */
export function namesAny(terms: readonly string[]): Names | null {
  const folded = [...new Set(terms.map(fold))].filter((w) => w.length >= 3);
  if (folded.length === 0) return null;
  return {
    inside: folded.filter((w) => w.length >= 4),
    whole: folded.filter((w) => w.length < 4),
    stems: folded.filter((w) => w.length >= 7).map((w) => w.slice(0, -2)),
  };
}

const letterOrDigit = /^[\p{L}\p{N}]$/u;

/** Whether the character that ends just before `at` (a whole code point) is a letter or digit. */
function letterOrDigitBefore(s: string, at: number): boolean {
  if (at <= 0) return false;
  // a pair of UTF-16 units ending here is one code point (codePointAt reads it whole from its start)
  const pair = at >= 2 ? (s.codePointAt(at - 2) as number) : 0;
  const cp = pair > 0xffff ? pair : s.charCodeAt(at - 1);
  return letterOrDigit.test(String.fromCodePoint(cp));
}

/** Whether the character that starts at `at` is a letter or digit. */
function letterOrDigitAt(s: string, at: number): boolean {
  const cp = s.codePointAt(at);
  return cp !== undefined && letterOrDigit.test(String.fromCodePoint(cp));
}

/**
 * For each word of the text (what spaces separate, so "Fahrrad-Reparatur," is one) whether it names
 * a term: where the folded text holds one (indexOf: a regular expression of the terms tried at
 * every position cost 18 µs a text of 1000 characters), marked in the word it starts in.
 */
export function namedWords(text: string, names: Names | null): boolean[] {
  const folded = fold(text);
  const bounds = wordBounds(folded);
  const words = bounds.length / 2;
  const hit = new Array<boolean>(words).fill(false);
  if (!names) return hit;
  // the last word that starts at or before `at`
  const mark = (at: number) => {
    let lo = 0;
    let hi = words - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((bounds[2 * mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    hit[lo] = true;
  };
  const each = (term: string, counts: (at: number) => boolean) => {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) if (counts(at)) mark(at);
  };
  for (const t of names.inside) each(t, () => true);
  for (const t of names.whole)
    each(t, (at) => !letterOrDigitBefore(folded, at) && !letterOrDigitAt(folded, at + t.length));
  for (const t of names.stems) each(t, (at) => !letterOrDigitBefore(folded, at));
  return hit;
}

/**
 * The snippet is cut from this much of the start of the text (where the best hits name the words);
 * the search's statement returns one character more, to know whether the text goes on.
 */
export const snippetFrom = 1000;

/** A hit's snippet from the start of its text as the search's statement returns it (see snippetFrom). */
export function snippetOfHead(head: string | null, names: Names | null): string {
  const text = head ?? '';
  return snippetOf(text.slice(0, snippetFrom), names, text.length > snippetFrom);
}

/** `cut`: the text goes on past `text` (a start cut from it), so its last word may be a part. */
export function snippetOf(text: string, names: Names | null, cut = false): string {
  const bounds = wordBounds(text);
  let count = bounds.length / 2;
  if (cut && count > 1) count--;
  if (count === 0) return '';
  const { max, before, start } = snippetWords;
  const hit = namedWords(text, names).slice(0, count);
  // the window of `max` words with the most hits, the first of equals
  let best = 0;
  let bestAt = -1;
  let inWindow = 0;
  for (let i = 0; i < count; i++) {
    if (hit[i]) inWindow++;
    if (i >= max && hit[i - max]) inWindow--;
    if (inWindow > best) {
      best = inWindow;
      bestAt = Math.max(0, i - max + 1);
    }
  }
  let from = 0;
  if (best > 0) {
    // open the window a little before its first hit, keeping `max` words where the text has them
    const first = hit.indexOf(true, bestAt);
    from = Math.max(0, Math.min(first - before, count - max));
  }
  const to = Math.min(count, from + (best > 0 ? max : start));
  const words: string[] = [];
  for (let i = from; i < to; i++) words.push(text.slice(bounds[2 * i], bounds[2 * i + 1]));
  return `${from > 0 ? '… ' : ''}${words.join(' ')}${to < count || cut ? ' …' : ''}`;
}
