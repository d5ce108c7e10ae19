/**
 * A page's slug from its title: lower case, German letters transliterated (ä → ae, ö → oe, ü → ue,
 * ß → ss), other accents dropped, anything else a hyphen — "Wegweiser Pflege" → "wegweiser-pflege",
 * "Straßenfest im Süden" → "strassenfest-im-sueden". Also how a `[[link]]` finds its page, so a link
 * written with other capitals or punctuation still finds it. At most 120 characters (the column's limit).
 */
export function slugify(title: string): string {
  const s = title
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
  return s.slice(0, 120).replace(/-+$/, '') || 'seite';
}
