import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../../web/src');

/**
 * The web client's whole catalogue in one language, as app/i18n.ts builds it: the foundation's
 * web/src/i18n/<lang>.json with every area's web/src/areas/<area>/i18n/<lang>.json and every
 * feature's web/src/features/<name>/i18n/<lang>.json — read from the folders, so texts not joined
 * in areas/messages.ts or features/messages.ts show up as missing keys.
 */
export function catalogue(lang: 'de' | 'en'): Record<string, unknown> {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const files = ['areas', 'features'].flatMap((group) =>
    readdirSync(path.join(web, group))
      .map((a) => path.join(web, group, a, 'i18n', `${lang}.json`))
      .filter((f) => existsSync(f)),
  );
  return Object.assign(read(path.join(web, 'i18n', `${lang}.json`)), ...files.map(read));
}
