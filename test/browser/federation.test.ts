import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  adminEmail,
  checkA11y,
  launchBrowser,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * The admin's federation page on a server where federation is off (the default): it says what
 * federation would share and how the operator turns it on, on a phone, with no axe violation. What
 * the page does with federation on is tested through its routes (server/routes/api/federation).
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

test('the instance admin reads on a phone what federation shares and that it is off here', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/verwaltung/foederation`);
  await page.getByRole('heading', { name: 'Föderation' }).first().waitFor();
  await page
    .getByText(/Kreise, der Zeittausch und alles nur für Mitglieder verlassen diesen Server nie/)
    .waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /nicht eingeschaltet/ })
    .waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(page, 'federation page, off');
  await shot(page, 'federation-off-390');
  await context.close();
});
