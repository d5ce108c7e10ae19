import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { catalogue } from './catalogue.ts';

const web = path.resolve(import.meta.dirname, '../../web/src');
type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const de = keys(catalogue('de') as Tree);
const en = keys(catalogue('en') as Tree);

test('English has exactly the strings German has', () => {
  assert.deepEqual(
    en.filter((k) => !de.includes(k)),
    [],
  );
  assert.deepEqual(
    de.filter((k) => !en.includes(k)),
    [],
  );
});

test('every literal translation key used in the web client exists', () => {
  const known = new Set(de.map((k) => k.replace(/_(one|other)$/, '')));
  const missing: string[] = [];
  for (const file of sources(web)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!known.has(m[1]!)) missing.push(`${path.relative(web, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
