import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../../web/src');

/**
 * The web client's whole catalogue in one language, as app/i18n.ts builds it: the foundation's
 * web/src/i18n/<lang>.json with every area's web/src/areas/<area>/i18n/<lang>.json — read from the
 * folders, so an area whose texts are not joined in areas/messages.ts shows up as missing keys.
 */
export function catalogue(lang: 'de' | 'en'): Record<string, unknown> {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const areas = path.join(web, 'areas');
  const files = readdirSync(areas)
    .map((a) => path.join(areas, a, 'i18n', `${lang}.json`))
    .filter((f) => existsSync(f));
  return Object.assign(read(path.join(web, 'i18n', `${lang}.json`)), ...files.map(read));
}
