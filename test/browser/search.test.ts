import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { searchTypes as serverTypes } from '../../server/platform/search.ts';
import { searchTypes as clientTypes } from '../../web/src/features/search/types.ts';
import { catalogue } from './catalogue.ts';
import {
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  newContext,
  phone,
  shot,
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

const status = (page: Page) => page.locator('.search-count[role=status]');
const hits = (page: Page) => page.locator('.search-hit');

test('every kind of thing search finds has a German and an English label, in the server’s order', () => {
  assert.deepEqual(
    [...clientTypes],
    [...serverTypes],
    'web/src/features/search/types.ts lists the server’s types',
  );
  for (const lng of ['de', 'en'] as const) {
    const texts = catalogue(lng) as {
      search: { types: Record<string, string>; type: Record<string, string> };
    };
    for (const type of serverTypes) {
      assert.ok(texts.search.types[type], `${lng}: search.types.${type} (the filter)`);
      assert.ok(texts.search.type[type], `${lng}: search.type.${type} (the label on a hit)`);
    }
  }
});

test('on a phone, a visitor starts from an everyday word, sees what kind each hit is and filters by kind', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/suche`);
  await expectPage(page, 'Suche', 'search, start');
  await shot(page, 'search-start-phone');

  await page
    .getByRole('navigation', { name: 'Häufig gesucht:' })
    .getByRole('link', { name: 'Einkauf' })
    .click();
  await page.getByRole('heading', { name: 'Ergebnisse für „Einkauf“' }).waitFor();
  await status(page)
    .getByText(/\d+ Treffer für „Einkauf“/)
    .waitFor();
  const first = hits(page).first();
  assert.equal(await first.getByRole('link').textContent(), 'Einkaufshilfe für ältere Nachbarn');
  assert.equal(await first.locator('.pill').textContent(), 'Hilfe oder Dienst');
  assert.ok((await first.locator('mark').count()) > 0, 'the word looked for is marked');
  await page.getByText(/Auch gesucht: .*Besorgungen/).waitFor();
  await page.getByText('Angemeldet finden Sie auch die Angebote und Gesuche aus dem Tauschring.').waitFor();
  await checkA11y(page, 'search results, phone');
  await shot(page, 'search-results-phone');

  const filter = page.getByRole('navigation', { name: 'Nach Art filtern' });
  const all = filter.getByRole('link', { name: /^Alles \(\d+\)$/ });
  assert.equal(await all.getAttribute('aria-current'), 'page');
  const allCount = Number((await all.textContent())?.match(/\((\d+)\)/)?.[1]);
  const services = filter.getByRole('link', { name: /^Hilfe und Dienste \(\d+\)$/ });
  const serviceCount = Number((await services.textContent())?.match(/\((\d+)\)/)?.[1]);
  assert.ok(serviceCount >= 1 && serviceCount < allCount, `${serviceCount} of ${allCount}`);
  await services.click();
  await page.waitForURL(/art=service/);
  await status(page).getByText(`${serviceCount} Treffer für „Einkauf“ in „Hilfe und Dienste“`).waitFor();
  assert.equal(await services.getAttribute('aria-current'), 'page');
  assert.equal(await hits(page).count(), serviceCount);
  for (const label of await hits(page).locator('.pill').allTextContents())
    assert.equal(label, 'Hilfe oder Dienst');
  await checkA11y(page, 'search filtered by kind, phone');
  await context.close();
});

test('nothing found: other words to try, and where to ask instead', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/suche?q=${encodeURIComponent('Zebrastreifenmaler')}`);
  await page.getByText('Nichts gefunden für „Zebrastreifenmaler“.').waitFor();
  await status(page).getByText('0 Treffer für „Zebrastreifenmaler“').waitFor();
  const tryOther = page.getByRole('navigation', { name: 'Versuchen Sie ein anderes Wort, zum Beispiel:' });
  assert.ok((await tryOther.getByRole('link').count()) >= 4);
  await page.getByRole('link', { name: 'Ich suche Hilfe' }).waitFor();
  await page.getByRole('link', { name: 'Alle Organisationen ansehen' }).waitFor();
  await checkA11y(page, 'search, nothing found');
  await shot(page, 'search-none-phone');
  await tryOther.getByRole('link', { name: 'Garten' }).click();
  await page.getByRole('heading', { name: 'Ergebnisse für „Garten“' }).waitFor();
  assert.equal(
    await page.getByLabel('Wonach suchen Sie?').inputValue(),
    'Garten',
    'the field follows the search',
  );
  await context.close();
});

test('signed in, the Tauschring is found too; pages turn; in English the kinds are English', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/suche`);
  await page.getByLabel('Wonach suchen Sie?').fill('Begleitung');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const post = hits(page).filter({ hasText: 'Begleitung zum Augenarzt am Bahnhof' });
  await post.waitFor();
  assert.equal(await post.locator('.pill').textContent(), 'Gesuch im Tauschring');
  await checkA11y(page, 'search signed in, desktop');
  await shot(page, 'search-signed-in-desktop');

  await page.getByLabel('Wonach suchen Sie?').fill('Hilfe');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await status(page)
    .getByText(/\d+ Treffer für „Hilfe“/)
    .waitFor();
  const total = Number((await status(page).textContent())?.match(/^(\d+)/)?.[1]);
  assert.ok(total > 10, `${total} hits for Hilfe, more than a page`);
  const firstTitle = await hits(page).first().getByRole('link').textContent();
  const pages = page.getByRole('navigation', { name: 'Seiten' });
  await pages.getByRole('button', { name: /Weiter/ }).click();
  await pages.getByText(/Seite 2 von \d+/).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'search-results');
  assert.notEqual(await hits(page).first().getByRole('link').textContent(), firstTitle);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
  const filter = page.getByRole('navigation', { name: 'Filter by kind' });
  await filter.getByRole('link', { name: /^Everything \(\d+\)$/ }).waitFor();
  await filter.getByRole('link', { name: /^Help and services \(\d+\)$/ }).waitFor();
  await filter.getByRole('link', { name: /^Exchange ring: offers \(\d+\)$/ }).waitFor();
  await status(page)
    .getByText(/\d+ results for “Hilfe”/)
    .waitFor();
  await checkA11y(page, 'search in English');
  await context.close();
});
