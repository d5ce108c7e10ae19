import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  desktop,
  expectPage,
  launchBrowser,
  mainNav,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * Räume & Brücken's front door: the main navigation and the front page lead to /raeume, whose tiles
 * lead into each part; the tiles for people signed in show only to them. axe on every page.
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

test('a visitor on a phone reaches Räume & Brücken from the front page and sees its parts', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(server.url);
  await expectPage(page, 'Lindenbrück vernetzt', 'front page');
  const places = page.locator('li.network', { has: page.getByRole('heading', { name: /^Räume & Brücken/ }) });
  await places.getByRole('link', { name: 'Zu Räume & Brücken' }).click();
  await expectPage(page, 'Räume & Brücken', 'the area home as a visitor');
  const tiles = page.getByRole('navigation', { name: 'Bereiche von Räume & Brücken' });
  const titles = await tiles.locator('.tile-title').allInnerTexts();
  assert.ok(titles.includes('Was ist los?'), titles.join(', '));
  assert.ok(titles.includes('Gemeinschaften'), titles.join(', '));
  assert.ok(!titles.includes('Meine Begegnungen'), 'the personal tiles are for people signed in');
  assert.ok(!titles.includes('Mein Netzwerk'), 'the personal tiles are for people signed in');
  await shot(page, 'places-home-phone');
  await context.close();
});

test('signed in, the main navigation leads there and the personal tile shows', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  const nav = await mainNav(page);
  await nav.getByRole('link', { name: 'Räume & Brücken' }).click();
  await expectPage(page, 'Räume & Brücken', 'the area home signed in');
  await page.getByRole('link', { name: /Meine Begegnungen/ }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.match(page.url(), /\/begegnungen$/);
  await context.close();
});
