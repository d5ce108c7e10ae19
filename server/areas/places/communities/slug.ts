/** Addresses the web client uses itself under /raeume/gemeinschaften/ (the page to make one). */
const reserved = new Set(['neu']);

/**
 * A community's slug (its address, /raeume/gemeinschaften/<slug>) from its name: lower case, German
 * letters written out (ä → ae, ß → ss), other accents dropped, anything else a hyphen, at most 80
 * characters (the column's CHECK). Given once, when the community is made: a new name keeps the
 * address, so links people shared keep working.
 */
export function communitySlug(name: string): string {
  const s = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const slug = s.slice(0, 72).replace(/-+$/, '') || 'gemeinschaft';
  return reserved.has(slug) ? `${slug}-gemeinschaft` : slug;
}

/** The n-th choice for a slug already taken: the base, then base-2, base-3 … (never over 80 characters). */
export const slugChoice = (base: string, n: number) => (n <= 1 ? base : `${base}-${n}`);
