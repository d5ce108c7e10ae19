import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import i18next from 'i18next';
import { matchPath } from 'react-router';
import { type NotificationKind, notificationKinds } from '../../server/platform/notifications.ts';
import { webPaths } from '../../server/platform/webPaths.ts';
import { catalogue } from './catalogue.ts';

/**
 * The server names a notification by its kind and params (server/platform/notifications.ts, whose
 * type `notify` takes); the web client words it. Here the two are held together, so a new kind
 * cannot reach people as "Es gibt Neuigkeiten." and a text cannot wait for a param that never comes.
 */

const web = path.resolve(import.meta.dirname, '../../web/src');
const kindTexts = (lng: 'de' | 'en') =>
  (catalogue(lng) as { notification: { kinds: Record<string, string> } }).notification.kinds;
const languages = { de: kindTexts('de'), en: kindTexts('en') };
const kinds = Object.keys(notificationKinds) as NotificationKind[];
const keyOf = (kind: string) => kind.replaceAll('.', '_');
const paramsOf = (kind: NotificationKind): readonly string[] => notificationKinds[kind];
const plural = /_(zero|one|two|few|many|other)$/;

test('every kind the server can write has a German and an English text', () => {
  for (const [lng, texts] of Object.entries(languages)) {
    const missing = kinds.filter((kind) => {
      const key = keyOf(kind);
      if (paramsOf(kind).includes('count'))
        return !(key in texts || (`${key}_one` in texts && `${key}_other` in texts));
      return !(key in texts);
    });
    assert.deepEqual(missing, [], `${lng}: no text for these notification kinds`);
  }
});

test('every text belongs to a kind the server writes and uses only the params that kind carries', () => {
  const byKey = new Map(kinds.map((k) => [keyOf(k), k]));
  for (const [lng, texts] of Object.entries(languages)) {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(texts)) {
      if (key === 'fallback') continue;
      const kind = byKey.get(key) ?? byKey.get(key.replace(plural, ''));
      if (!kind) {
        problems.push(`${key}: the server writes no such kind`);
        continue;
      }
      for (const m of text.matchAll(/\{\{\s*([^},\s]+)/g)) {
        if (!paramsOf(kind).includes(m[1]!)) problems.push(`${key}: {{${m[1]}}} is not a param of ${kind}`);
      }
    }
    assert.deepEqual(problems, [], lng);
  }
});

test('filled in, every text shows its params and nothing unfilled', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: {
      de: { translation: catalogue('de') },
      en: { translation: catalogue('en') },
    },
    lng: 'de',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  for (const lng of ['de', 'en']) {
    const fallback = i18n.t('notification.kinds.fallback', { lng });
    for (const kind of kinds) {
      for (const count of paramsOf(kind).includes('count') ? [1, 3] : [undefined]) {
        const params = Object.fromEntries(paramsOf(kind).map((p) => [p, p === 'count' ? count : `‹${p}›`]));
        const text = i18n.t(`notification.kinds.${keyOf(kind)}`, { ...params, lng, defaultValue: fallback });
        assert.notEqual(text, fallback, `${lng} ${kind}`);
        assert.doesNotMatch(text, /\{\{|\}\}/, `${lng} ${kind}: ${text}`);
        if (count !== undefined && count > 1)
          assert.match(text, new RegExp(`\\b${count}\\b`), `${lng} ${kind}`);
      }
    }
  }
});

test('every link the server hands out leads to a page of the web client', () => {
  // the router's own routes and every area's (web/src/areas/<area>/routes.tsx, and its parts')
  const areas = path.join(web, 'areas');
  const routeFiles = [
    path.join(web, 'app/router.tsx'),
    // an area's own, and those of its parts in folders of their own (Wissen: web/src/areas/knowledge/<part>/)
    ...(readdirSync(areas, { recursive: true }) as string[])
      .filter((f) => path.basename(f) === 'routes.tsx')
      .map((f) => path.join(areas, f)),
  ];
  const routes = routeFiles
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bpath: '([^']+)'/g)])
    .map((m) => `/${m[1]}`)
    .filter((p) => p !== '/*');
  assert.ok(routes.length > 20, 'the routes were read from router.tsx and the areas');
  for (const [name, make] of Object.entries(webPaths)) {
    const args = Array.from({ length: make.length }, (_, i) => `x${i}a9`);
    const link = (make as (...a: string[]) => string)(...args);
    const { pathname, hash } = new URL(link, 'http://localhost');
    const matches = routes.filter((r) => matchPath({ path: r, end: true }, pathname));
    assert.ok(matches.length > 0, `${name}: ${link} matches no route`);
    for (const a of args) assert.ok(link.includes(a), `${name}: ${link} names what it points to`);
    if (hash) {
      // the fragment must name an element the client renders
      const id = hash.slice(1);
      const found = [
        ...readSources(path.join(web, 'features')),
        ...readSources(path.join(web, 'areas')),
      ].some((f) => f.includes(`id="${id}"`));
      assert.ok(found, `${name}: no element with id="${id}" in the web client`);
    }
  }
});

function* readSources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* readSources(p);
    else if (/\.tsx?$/.test(entry.name)) yield readFileSync(p, 'utf8');
  }
}
