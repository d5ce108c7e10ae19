import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Every string of a nested catalogue of texts. */
function texts(catalogue: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(catalogue);
  return out;
}

/**
 * The README and ACCESS.md send an admin to places in the web client by name (*Verwaltung → Konten →
 * Anmeldelink erstellen*). Each step of such a path must be a text the German client shows, or the
 * documentation leads to a label nobody can find (it said E-Mail-Ausgang while the page said
 * Postausgang).
 */
test('the paths the docs name in the admin pages are labels the web client shows', () => {
  // the foundation's texts and every area's and feature's own (web/src/**/i18n/de.json)
  const catalogues = globSync('web/src/**/i18n/de.json', { cwd: root });
  assert.ok(catalogues.includes(path.join('web', 'src', 'i18n', 'de.json')));
  const shown = texts(catalogues.map((file) => JSON.parse(read(file))));
  const paths: string[] = [];
  for (const file of ['README.md', 'docs/ACCESS.md'])
    for (const m of read(file).matchAll(/\*(Verwaltung(?: → [^*→]+)+)\*/g)) paths.push(m[1]!);
  assert.ok(paths.length >= 3, `found ${paths.length} paths`);
  const missing = paths.flatMap((p) =>
    p
      .split(' → ')
      .map((s) => s.trim())
      .filter((step) => !shown.has(step))
      .map((step) => `${step} (in “${p}”)`),
  );
  assert.deepEqual(missing, []);
});
