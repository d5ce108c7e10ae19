import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  adminEmail,
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

test('Miriam filters the network to Teilen and finds the bakery, the broker, at the top of the table', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/raeume/netzwerk`);
  await expectPage(page, 'Netzwerk-Auswertung', 'the network page');
  await page.getByRole('table', { name: /Organisationen und Gemeinschaften mit ihren Kennzahlen/ }).waitFor();
  // the picture is drawn (or, without WebGL, says so) beside the table
  await page.locator('.network-graph, .places-analytics .state-empty').first().waitFor();
  await checkA11y(page, 'network page, desktop');
  await shot(page, 'places-network-1280');

  await page.getByLabel('Zeitraum').selectOption('3m');
  await page.getByLabel('Bereich', { exact: true }).selectOption('sharing');
  const table = page.getByRole('table', { name: /Organisationen und Gemeinschaften mit ihren Kennzahlen/ });
  await table.getByRole('rowheader', { name: 'Bäckerei Yilmaz' }).waitFor();
  // sorted by brokerage: the bakery is the one between the seniors' café and the clubs
  const first = table.getByRole('rowheader').first();
  assert.equal(await first.textContent(), 'Bäckerei Yilmaz');
  // sorting by name puts it in its place by keyboard too
  await table.getByRole('button', { name: 'Name' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(
    await table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'),
    'ascending',
  );
  await checkA11y(page, 'network page, filtered');
  await context.close();
});

test('on a phone the table comes first, and one’s own network names no other person', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/raeume/netzwerk`);
  await expectPage(page, 'Netzwerk-Auswertung', 'the network page on a phone');
  await page.getByRole('button', { name: 'Netzwerkbild zeigen' }).waitFor();
  assert.equal(await page.locator('.network-graph').count(), 0);
  await checkA11y(page, 'network page, phone');
  await shot(page, 'places-network-390');
  await context.close();

  const hasan = await newContext(browser, phone);
  const own = await hasan.newPage();
  await signInWithPassword(own, server, 'hasan@baeckerei-yilmaz.example');
  await own.goto(`${server.url}/raeume/netzwerk/ich`);
  await expectPage(own, 'Mein Netzwerk', 'own network');
  await own.getByRole('heading', { name: /Fahrradwerkstatt/ }).waitFor();
  const text = (await own.locator('main').textContent()) ?? '';
  assert.ok(!text.includes('Max Engel'), 'the people Hasan met are counted, not named');
  await checkA11y(own, 'own network');
  await shot(own, 'places-own-network-390');
  await own.getByLabel('Meine Begegnungen nicht in der Netzwerk-Auswertung verwenden').check();
  await own.getByRole('button', { name: 'Speichern' }).click();
  await own.getByText('Ihre Begegnungen werden nicht mehr verwendet.').waitFor();

  // and the coordinators' page does not exist for him
  await own.goto(`${server.url}/raeume/netzwerk`);
  await own.getByRole('alert').waitFor();
  await hasan.close();
});
