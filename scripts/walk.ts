/**
 * `npm run walk`: the whole product in a few minutes. Starts the server on a fresh demo town (as the
 * browser tests do), then, as a visitor and as each demo persona, follows every link the pages show,
 * from the home page outwards, and saves a screenshot of each page on a phone and on a desktop, with
 * an index.html to look through them. Pages of one shape (the same path with other ids) are taken
 * a few times only. It also lists what a person should never meet: the not-found page, an error
 * page, a page without a heading, errors in the browser console.
 *
 *   npm run walk [-- --out /tmp/walk] [--persona petra] [--per-shape 2] [--max 120]
 *
 * The build in web/dist is used as it is (`npm run build` first when the client changed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { demoLogins } from '../server/seed/demo.ts';
import {
  desktop,
  launchBrowser,
  newContext,
  phone,
  signInWithPassword,
  startServer,
  type TestServer,
} from '../test/browser/helpers.ts';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/walk' },
    persona: { type: 'string' },
    'per-shape': { type: 'string', default: '2' },
    max: { type: 'string', default: '150' },
  },
});
const out = path.resolve(args.out);
const perShape = Number(args['per-shape']);
const maxPages = Number(args.max);

interface Persona {
  key: string;
  label: string;
  email?: string;
}

const personas: Persona[] = [
  { key: 'visitor', label: 'visitor (not signed in)' },
  ...demoLogins.map((l) => ({
    key: l.email.split('@')[0]!.replace(/[^a-z0-9]+/gi, '-'),
    label: l.role,
    email: l.email,
  })),
].filter((p) => !args.persona || p.key.includes(args.persona));

/** The shape of a path: ids and numbers replaced, so `/teilen/ressourcen/<uuid>` is one shape. */
function shapeOf(pathname: string): string {
  return pathname
    .split('/')
    .map((s) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(s) ? ':id' : /^\d+$/.test(s) ? ':n' : s))
    .join('/');
}

/**
 * Organisation slugs and the like are not ids: pages under one first segment at one depth are
 * capped too (generously, so that an area's own sub-pages all fit).
 */
function familyOf(pathname: string): string {
  const parts = pathname.split('/');
  return `${parts[1]}#${parts.length}`;
}

interface Visit {
  persona: string;
  path: string;
  title: string;
  problems: string[];
  shots: string[];
}

const skip = [/^\/abmelden/, /\/export/, /\.ics$/, /\.csv$/, /\.pdf$/, /^\/api\//, /^\/anmelden\/link/];

async function walkAs(browser: Browser, server: TestServer, persona: Persona): Promise<Visit[]> {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  if (persona.email) await signInWithPassword(page, server, persona.email);

  const queue = ['/'];
  const seen = new Set<string>(queue);
  const shapes = new Map<string, number>();
  const families = new Map<string, number>();
  const visits: Visit[] = [];
  const dir = path.join(out, persona.key);
  mkdirSync(dir, { recursive: true });

  while (queue.length > 0 && visits.length < maxPages) {
    const pathname = queue.shift()!;
    consoleErrors.length = 0;
    const problems: string[] = [];
    const response = await page
      .goto(`${server.url}${pathname}`, { waitUntil: 'networkidle' })
      .catch((e: Error) => {
        problems.push(`navigation failed: ${e.message}`);
        return null;
      });
    if (response && response.status() >= 400) problems.push(`HTTP ${response.status()}`);
    await page
      .locator('h1')
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => problems.push('no h1'));
    const title = (
      (await page
        .locator('h1')
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    ).trim();
    if (/nicht gefunden|not found/i.test(title)) problems.push('not-found page');
    if (
      /Unexpected Application Error|Hmm… this doesn't look right/i.test(
        (await page
          .locator('main')
          .textContent()
          .catch(() => '')) ?? '',
      )
    )
      problems.push('error text on the page');
    problems.push(
      ...consoleErrors
        .filter(
          // requests leaving the server under test are aborted (no map tiles here): not the page's fault
          (e) => !/Failed to load resource: net::ERR_FAILED/.test(e),
        )
        .map((e) => `console: ${e.slice(0, 200)}`),
    );

    const name = `${String(visits.length).padStart(3, '0')}${pathname.replace(/[^a-z0-9]+/gi, '_').slice(0, 80)}`;
    const shots: string[] = [];
    await page.screenshot({ path: path.join(dir, `${name}.phone.png`), fullPage: true });
    shots.push(`${persona.key}/${name}.phone.png`);
    await page.setViewportSize(desktop);
    await page.screenshot({ path: path.join(dir, `${name}.desktop.png`), fullPage: true });
    shots.push(`${persona.key}/${name}.desktop.png`);
    await page.setViewportSize(phone);
    visits.push({ persona: persona.key, path: pathname, title, problems, shots });
    process.stdout.write(
      `${persona.key} ${pathname}${problems.length ? `  ⚠ ${problems.join('; ')}` : ''}\n`,
    );

    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== server.url) continue;
      const next = url.pathname;
      if (seen.has(next) || skip.some((r) => r.test(next))) continue;
      seen.add(next);
      const shape = shapeOf(next);
      const family = familyOf(next);
      if ((shapes.get(shape) ?? 0) >= perShape || (families.get(family) ?? 0) >= Math.max(8, perShape * 4))
        continue;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      families.set(family, (families.get(family) ?? 0) + 1);
      queue.push(next);
    }
  }
  await context.close();
  return visits;
}

function indexHtml(all: Visit[]): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = all
    .map(
      (v) => `<section><h2>${esc(v.persona)} · <code>${esc(v.path)}</code> · ${esc(v.title)}</h2>
${v.problems.length ? `<p class="bad">${v.problems.map(esc).join('<br>')}</p>` : ''}
${v.shots.map((s) => `<a href="${s}"><img loading="lazy" src="${s}" alt="${esc(v.path)}"></a>`).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Knotenpunkt walk</title>
<style>body{font:14px system-ui;margin:1rem}section{margin:1rem 0;border-top:1px solid #ccc}img{height:420px;margin:.25rem;border:1px solid #ddd;vertical-align:top}.bad{color:#a00}</style>
<h1>Knotenpunkt: every page as each persona</h1>${rows}`;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
const all: Visit[] = [];
try {
  for (const persona of personas) all.push(...(await walkAs(browser, server, persona)));
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(path.join(out, 'index.html'), indexHtml(all));
const bad = all.filter((v) => v.problems.length > 0);
process.stdout.write(
  `\n${all.length} pages walked as ${personas.length} personas; ${bad.length} with problems.\nOpen ${path.join(out, 'index.html')}\n`,
);
