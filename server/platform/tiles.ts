/**
 * The map background: a slippy-map tile URL and the attribution its provider asks for. Leaflet puts
 * the attribution into the page as HTML, so it may hold text and plain links only — no other tag,
 * no attribute but an https `href` — checked here for the admin's setting and MAP_TILE_ATTRIBUTION
 * alike (the web client rebuilds it from text and links as well).
 */

/**
 * A tile URL template with {z}, {x} and {y} ({s} and {r} optional), https only: the page's
 * Content-Security-Policy allows images from https: (and browsers block mixed content).
 */
export const tileUrlPattern = '^(?=.*\\{z\\})(?=.*\\{x\\})(?=.*\\{y\\})https://[^\\s"<>]+$';

export function isTileUrl(s: string): boolean {
  return new RegExp(tileUrlPattern).test(s) && s.length <= 500;
}

const link = /<a href="https:\/\/[^"<>\s]+">[^<>]*<\/a>/g;

/** True when `s` is text with at most `<a href="https://…">…</a>` links in it. */
export function isPlainAttribution(s: string): boolean {
  return !/[<>]/.test(s.replace(link, ''));
}
