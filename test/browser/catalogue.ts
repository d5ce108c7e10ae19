import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { joinTexts } from '../../web/src/app/joinTexts.ts';

const web = path.resolve(import.meta.dirname, '../../web/src');

/**
 * The web client's whole catalogue in one language, as app/i18n.ts builds it: the foundation's
 * web/src/i18n/<lang>.json with every area's web/src/areas/<area>/i18n/<lang>.json and every
 * feature's web/src/features/<name>/i18n/<lang>.json — read from the folders, so texts not joined
 * in areas/messages.ts or features/messages.ts show up as missing keys. Leichte Sprache (`ls`) has
 * only the keys that have a plain version (the client falls back to German for the rest).
 */
export function catalogue(lang: 'de' | 'en' | 'ls'): Record<string, unknown> {
  return joinTexts(catalogueFiles(lang).map((f) => f.texts));
}

/** Each file of one language's catalogue, foundation first, with its path relative to web/src. */
export function catalogueFiles(lang: 'de' | 'en' | 'ls'): { file: string; texts: Record<string, unknown> }[] {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // an area's texts, or those of a part of it (areas/knowledge/wiki/i18n), wherever an i18n folder is
  const under = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) =>
        e.name === 'i18n' ? [path.join(dir, e.name, `${lang}.json`)] : under(path.join(dir, e.name)),
      );
  const files = ['areas', 'features'].flatMap((group) =>
    under(path.join(web, group)).filter((f) => existsSync(f)),
  );
  return [path.join(web, 'i18n', `${lang}.json`), ...files]
    .filter((f) => existsSync(f))
    .map((f) => ({ file: path.relative(web, f), texts: read(f) }));
}
