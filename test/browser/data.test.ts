import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { dataEntries } from '../../web/src/features/data/entries.ts';
import {
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  newContext,
  phone,
  shot,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * Issue #17, item 4 — feeds and calendars everywhere people expect them. Frau M. finds "Daten &
 * Schnittstellen" in the footer on her phone: every feed, calendar, map layer and the OpenAPI document
 * with what it holds and an address to copy, each of which answers in its format; and on a page with a
 * feed, the "Abonnieren / Herunterladen" row explains itself in plain words.
 */

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

test('a visitor finds every export on the data page, from the footer, on a phone', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/`);
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: /Daten & Schnittstellen/ })
    .click();
  await expectPage(page, 'Daten & Schnittstellen', 'data page');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await shot(page, 'data-390');

  // every address the list holds is on the page to copy, and answers in its format
  const addresses = await page
    .locator('.copy-link input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const expected = dataEntries.flatMap((e) => e.formats.map((f) => f.path));
  assert.ok(expected.length >= 10, 'feeds, calendars, layers and the API');
  for (const path of expected) {
    assert.ok(
      addresses.some((a) => a.endsWith(path)),
      `${path} is offered to copy: ${addresses.join(' ')}`,
    );
    // the OpenAPI document is large and made on first request: more time than a page needs
    const res = await page.request.get(`${server.url}${path}`, { timeout: 120_000 });
    assert.equal(res.status(), 200, path);
    const type = res.headers()['content-type'] ?? '';
    const format = dataEntries.flatMap((e) => e.formats).find((f) => f.path === path)!.format;
    const expectedType = {
      rss: 'application/rss+xml',
      atom: 'application/atom+xml',
      ics: 'text/calendar',
      geojson: 'application/geo+json',
      hsds: 'application/json',
      openapi: 'application/json',
    }[format];
    assert.ok(type.startsWith(expectedType), `${path} answers ${type}`);
    if (format === 'geojson') {
      const body = (await res.json()) as { type: string; features: unknown[] };
      assert.equal(body.type, 'FeatureCollection', path);
    }
  }
  // the layers of the demo town's public maps hold what those maps show
  for (const layer of ['/api/v1/organisations/geojson', '/api/v1/opportunities/geojson']) {
    const body = (await (await page.request.get(`${server.url}${layer}`)).json()) as { features: unknown[] };
    assert.ok(body.features.length > 0, `${layer} has the demo town's points`);
  }
  // a personal calendar is explained, never shown: its address is secret
  await page.getByRole('heading', { level: 3, name: 'Meine Termine' }).waitFor();
  assert.ok(!addresses.some((a) => a.includes('/feeds/')), 'no secret address on a public page');
});

test('the discussions page offers its feeds with a plain explanation, in English on a desktop too', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/wissen/diskussionen`);
  await expectPage(page, 'Diskussionen', 'discussions with subscribe');
  const rss = page.getByRole('link', { name: 'RSS', exact: true });
  assert.match((await rss.getAttribute('href')) ?? '', /\/api\/v1\/discussions\/feed\.rss$/);
  assert.equal(await page.locator('head link[rel=alternate][type="application/atom+xml"]').count(), 1);
  await page.getByText('Was ist das?').click();
  await page.getByText(/Ein Feed ist eine Adresse/).waitFor();
  await checkA11y(page, 'discussions with the explanation open');
  const feed = await page.request.get(`${server.url}${await rss.getAttribute('href')}`);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /<rss[\s>]/);

  const en = await (await newContext(browser, desktop)).newPage();
  await en.goto(`${server.url}/daten`);
  await en.getByRole('button', { name: 'English' }).first().click();
  await expectPage(en, 'Data & interfaces', 'data page in English');
});
