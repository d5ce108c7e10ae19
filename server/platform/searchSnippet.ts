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
 * but for its last two ("begleitet" for "begleiten") — found by one regular expression over the
 * folded text, some 20 µs a hit.
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The terms as one expression over folded text that finds where a word names one; null: none can. */
export function namesAny(terms: readonly string[]): RegExp | null {
  const folded = [...new Set(terms.map(fold))].filter((w) => w.length >= 3).map(escapeRegExp);
  const inside = folded.filter((w) => w.length >= 4);
  const whole = folded.filter((w) => w.length < 4);
  const stems = folded.filter((w) => w.length >= 7).map((w) => w.slice(0, -2));
  const parts = [
    ...(inside.length > 0 ? [`(?:${inside.join('|')})`] : []),
    ...(whole.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${whole.join('|')})(?![\\p{L}\\p{N}])`] : []),
    ...(stems.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})`] : []),
  ];
  return parts.length > 0 ? new RegExp(parts.join('|'), 'gu') : null;
}

/**
 * For each word of the text (what spaces separate, so "Fahrrad-Reparatur," is one) whether it names
 * a term: the expression's matches in the folded text, each in the word it starts in.
 */
export function namedWords(text: string, names: RegExp | null): boolean[] {
  const folded = fold(text);
  const bounds = wordBounds(folded);
  const hit = new Array<boolean>(bounds.length / 2).fill(false);
  if (!names) return hit;
  names.lastIndex = 0;
  let w = 0;
  for (let m = names.exec(folded); m; m = names.exec(folded)) {
    while (2 * (w + 1) < bounds.length && (bounds[2 * (w + 1)] as number) <= m.index) w++;
    hit[w] = true;
  }
  return hit;
}

/** `cut`: the text goes on past `text` (a start cut from it), so its last word may be a part. */
export function snippetOf(text: string, names: RegExp | null, cut = false): string {
  const bounds = wordBounds(text);
  const words: string[] = [];
  for (let i = 0; i < bounds.length; i += 2) words.push(text.slice(bounds[i], bounds[i + 1]));
  if (cut && words.length > 1) words.pop();
  if (words.length === 0) return '';
  const { max, before, start } = snippetWords;
  const hit = namedWords(text, names).slice(0, words.length);
  // the window of `max` words with the most hits, the first of equals
  let best = 0;
  let bestAt = -1;
  let inWindow = 0;
  for (let i = 0; i < words.length; i++) {
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
    from = Math.max(0, Math.min(first - before, words.length - max));
  }
  const to = Math.min(words.length, from + (best > 0 ? max : start));
  return `${from > 0 ? '… ' : ''}${words.slice(from, to).join(' ')}${to < words.length || cut ? ' …' : ''}`;
}
