import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  adminEmail,
  desktop,
  launchBrowser,
  newContext,
  petraEmail,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The headings of the page as a screen reader lists them: one h1, and no level skipped on the way
 * down (an h3 straight under the h1 reads as if a section were missing). Returns what is wrong.
 */
async function headingProblems(page: Page): Promise<string[]> {
  await page.locator('h1').first().waitFor();
  await page.locator('.state-loading').first().waitFor({ state: 'detached' });
  const levels = await page
    .locator('h1, h2, h3, h4, h5, h6')
    .evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => [Number(e.tagName[1]), (e.textContent ?? '').trim().slice(0, 50)] as const),
    );
  const problems: string[] = [];
  const h1 = levels.filter(([l]) => l === 1).length;
  if (h1 !== 1) problems.push(`${h1} h1`);
  let previous = 0;
  for (const [level, text] of levels) {
    if (level > previous + 1) problems.push(`h${previous} → h${level} “${text}”`);
    previous = level;
  }
  return problems;
}

/** Visits the pages, and the pages their main content links to (one step), and lists every jump. */
async function walk(page: Page, start: string[], max = 45): Promise<string[]> {
  const pages = new Set(start);
  for (const path of start) {
    await page.goto(server.url + path);
    await page.locator('h1').first().waitFor();
    for (const href of await page
      .locator('main a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
      if (!href.includes('#') && !href.startsWith('/api/')) pages.add(href.split('?')[0] ?? href);
  }
  const found: string[] = [];
  for (const path of [...pages].slice(0, max)) {
    await page.goto(server.url + path);
    for (const p of await headingProblems(page)) found.push(`${path}: ${p}`);
  }
  return found;
}

test('headings never skip a level, for a visitor and for people at work', async () => {
  const visitor = await newContext(browser, desktop);
  const v = await visitor.newPage();
  const found = await walk(v, [
    '/',
    '/organisationen',
    '/teilen',
    '/mitmachen',
    '/tauschring',
    '/suche',
    '/anmelden',
  ]);
  await visitor.close();

  const booking = await server.db
    .selectFrom('booking')
    .select('id')
    .where('network_id', '=', server.networkId)
    .limit(1)
    .executeTakeFirstOrThrow();
  for (const [email, start] of [
    [petraEmail, ['/', '/teilen/buchungen', '/teilen/anfragen', '/mitmachen/koordination', '/zeitbank']],
    [
      adminEmail,
      [
        '/verwaltung',
        '/verwaltung/meldungen',
        '/verwaltung/protokoll',
        '/profil',
        `/teilen/buchungen/${booking.id}`,
      ],
    ],
    ['aylin.demir@caritas-lindenbrueck.example', ['/kreise', '/kreise/neu']],
  ] as const) {
    const context = await newContext(browser, desktop);
    const page = await context.newPage();
    await signInWithPassword(page, server, email);
    found.push(...(await walk(page, [...start], 30)));
    await context.close();
  }
  assert.deepEqual(found, []);
});
