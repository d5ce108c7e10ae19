import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  adminEmail,
  checkA11y,
  desktop,
  expectPage,
  fieldMessage,
  launchBrowser,
  mainNav,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
  tokenFromOutbox,
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

test('the start page explains the network in German, and a wrong password is refused at the form', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(server.url);
  await expectPage(page, 'Lindenbrück vernetzt', 'home (signed out)');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.getByRole('heading', { name: 'Die sechs Netzwerke' }).waitFor();
  const nav = await mainNav(page);
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), [
    'Start',
    'Hilfe finden',
    'Organisationen',
    'Teilen',
    'Mitmachen',
    'Mitgestalten',
    'Wissen',
    'Räume & Brücken',
    'Suche',
  ]);
  await shot(page, 'home-phone');

  await page.getByRole('link', { name: 'Anmelden' }).first().click();
  await expectPage(page, 'Anmelden', 'sign-in');
  const form = page.locator('form', { has: page.locator('input[name=password]') });
  await form.locator('input[name=email]').fill(adminEmail);
  await form.locator('input[name=password]').fill('falsch-falsch');
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await form.getByRole('alert').getByText('E-Mail-Adresse oder Passwort stimmen nicht.').waitFor();
  await checkA11y(page, 'sign-in with error');
  await shot(page, 'sign-in-error-phone');
  await context.close();
});

/** Presses Shift+Tab until `target` has focus (at most 20 times): from the page's heading back up into the header. */
async function tabBackTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Shift+Tab');
  }
  assert.fail('Tab never reached the element');
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test('on a phone the navigation is a menu: opened by keyboard it leads to a page and closes; Escape and a tap outside close it too', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await expectPage(page, 'Heute', 'home (phone, menu closed)');
  const header = page.getByRole('banner');
  const menu = header.getByRole('button', { name: 'Menü' });
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  // the header is one row: no navigation wrapping into rows above the page
  assert.equal(await nav.isVisible(), false);
  const box = await header.boundingBox();
  assert.ok(box && box.height < 60, `the header is ${box?.height} px high`);
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), phone.width);

  // by keyboard: Tab to the button, Enter opens it, Tab goes on into the menu
  await tabBackTo(page, menu);
  await page.keyboard.press('Enter');
  await nav.waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  assert.equal(await nav.getByRole('link', { name: 'Start' }).getAttribute('aria-current'), 'page');
  await checkA11y(page, 'phone menu open');
  await shot(page, 'menu-open-phone');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Start');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Hilfe finden');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Teilen');
  await page.keyboard.press('Enter');
  await expectPage(page, 'Teilen', 'sharing, reached through the menu');
  await nav.waitFor({ state: 'hidden' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  // as after every navigation, focus is on the new page's heading
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');

  // Escape closes it and gives focus back to the button
  await tabBackTo(page, menu);
  await page.keyboard.press('Enter');
  await nav.waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Teilen' }).getAttribute('aria-current'), 'page');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await nav.waitFor({ state: 'hidden' });
  assert.ok(await menu.evaluate((el) => el === document.activeElement), 'focus is back on the menu button');

  // so does a tap on the page below it
  await menu.click();
  await nav.waitFor();
  await page.mouse.click(phone.width / 2, phone.height - 20);
  await nav.waitFor({ state: 'hidden' });
  await checkA11y(page, 'sharing, menu closed again');
  await context.close();
});

test('sign in with a password, switch to English, and sign out', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  // signed in, the start page is the person's own day
  await expectPage(page, 'Heute', 'home (admin, German)');
  await page.getByText(/Guten Tag, Miriam Koch/).waitFor();
  // on a phone the language switch is in the menu, with the navigation
  await (await mainNav(page)).getByRole('link', { name: 'Verwaltung' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText(/Hello, Miriam Koch/).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const nav = await mainNav(page, 'Main navigation');
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), [
    'Start',
    'Find help',
    'Organisations',
    'Sharing',
    'Get involved',
    'Co-design',
    'Knowledge',
    'Places & Bridges',
    'Search',
    'Circles',
    'Administration',
  ]);
  await checkA11y(page, 'home (admin, English)');
  await shot(page, 'home-admin-en-phone');

  // the choice is kept on this device and on the account
  await page.reload();
  await page.getByText(/Hello, Miriam Koch/).waitFor();
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
  assert.equal((me as { locale: string }).locale, 'en');

  await page.getByRole('link', { name: 'My profile' }).click();
  await expectPage(page, 'My profile', 'profile (English)');
  await page.getByRole('group', { name: 'When I have time' }).waitFor();

  // the server's field message appears at the field
  const name = page.getByLabel(/^Name/);
  await name.fill('');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await fieldMessage(page, page.locator('input[name=displayName]'));
  await checkA11y(page, 'profile with a field error');
  await shot(page, 'profile-error-en-phone');
  await name.fill('Miriam Koch');
  await page.getByRole('checkbox', { name: 'Tuesday, Evening' }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Your profile is saved.').waitFor();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
  await expectPage(page, 'Lindenbrück vernetzt', 'home after sign-out');
  const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
  assert.equal((session as { account: unknown }).account, null);
  await context.close();
});

test('sign in by a link from the email', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/anmelden`);
  await expectPage(page, 'Anmelden', 'sign-in');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Link schicken' }) });
  await form.locator('input[name=email]').fill('jonas@example.org');
  await form.getByRole('button', { name: 'Link schicken' }).click();
  await page
    .getByRole('status')
    .getByText(/ist der Link jetzt unterwegs/)
    .waitFor();
  await checkA11y(page, 'sign-in link sent');

  const token = await tokenFromOutbox(server, 'jonas@example.org', '/anmelden/link');
  await page.goto(`${server.url}/anmelden/link#${token}`);
  await page.getByText(/Guten Tag, Jonas Berger/).waitFor();
  assert.ok(!page.url().includes(token), 'the secret is gone from the address bar');
  await checkA11y(page, 'home after link sign-in');

  // a used link says so, in plain words
  await page.goto(`${server.url}/anmelden/link#${token}`);
  await expectPage(page, 'Anmelden per Link', 'used link');
  await page
    .getByRole('alert')
    .getByText(/abgelaufen oder wurde schon benutzt/)
    .waitFor();
  await context.close();
});

test('the instance admin sees every admin area, each accessible, at desktop width', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  // on a desktop the navigation is a bar, with no menu button
  await page.getByRole('navigation', { name: /^(Hauptnavigation|Main navigation)$/ }).waitFor();
  assert.equal(await page.locator('button[aria-controls="main-menu"]').isVisible(), false);
  // the language chosen on another device comes along with the account
  await page.getByText(/Hello, Miriam Koch/).waitFor();
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await page.getByText(/Guten Tag, Miriam Koch/).waitFor();
  await shot(page, 'home-admin-desktop');
  await page.getByRole('link', { name: 'Verwaltung', exact: true }).click();
  await expectPage(page, 'Verwaltung', 'admin');
  const areas = [
    ['Einstellungen', 'Name des Netzwerks'],
    ['Stadtteile', 'Stadtteile einlesen'],
    ['Meldungen', null],
    ['Konten', 'Name oder E-Mail'],
    ['E-Mail-Ausgang', 'Status'],
    ['Protokoll', 'Vorgang'],
  ] as const;
  const sub = page.getByRole('navigation', { name: 'Bereiche der Verwaltung' });
  for (const [area, marker] of areas) {
    await sub.getByRole('link', { name: area }).click();
    await page.getByRole('heading', { level: 2, name: area }).waitFor();
    if (marker) await page.getByText(marker, { exact: false }).first().waitFor();
    await page.locator('.state-loading').waitFor({ state: 'detached' });
    await checkA11y(page, `admin: ${area}`);
    await shot(page, `admin-${area.toLowerCase()}-desktop`);
  }

  // the outbox shows the sign-in link that was mailed to Jonas
  await sub.getByRole('link', { name: 'E-Mail-Ausgang' }).click();
  await page
    .getByRole('heading', { level: 3, name: /Anmelde/ })
    .first()
    .waitFor();

  await page.getByRole('link', { name: 'Organisationen' }).first().click();
  await page
    .getByRole('status')
    .getByText(/\d+ Organisationen/)
    .waitFor();
  await expectPage(page, 'Organisationen', 'organisations (desktop)');
  await shot(page, 'organisations-desktop');
  await context.close();
});

test('the admin sets a tile server of their own; the map shows it, with the address as its text equivalent', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/verwaltung/einstellungen`);
  await expectPage(page, 'Verwaltung', 'admin settings');
  // OpenStreetMap is the default; the admin chooses a map service of their own
  assert.equal(await page.getByLabel('Standard dieses Servers').isChecked(), true);
  await page.getByLabel('Eigener Kartendienst').check();
  // bad input: the server's message for the tile URL is shown at that field
  const tileUrl = page.getByLabel(/^Adresse der Kartenkacheln/);
  await tileUrl.fill('keine-url');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await fieldMessage(page, tileUrl);
  await checkA11y(page, 'admin settings with a field error');
  await tileUrl.fill('https://tiles.example.org/{z}/{x}/{y}.png');
  await page.getByLabel('Quellenangabe der Karte').fill('© Testkarten');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Die Einstellungen sind gespeichert.').waitFor();

  await page.goto(`${server.url}/organisationen/nachbarschaftszentrum-lindenhof`);
  await expectPage(page, 'Nachbarschaftszentrum Lindenhof', 'organisation page');
  await page
    .getByRole('region', { name: /Karte mit dem Standort von Nachbarschaftszentrum Lindenhof/ })
    .waitFor();
  await page.getByText('© Testkarten').waitFor();
  await page.getByText('Adresse', { exact: true }).waitFor();
  await checkA11y(page, 'organisation page with a map');
  await shot(page, 'organisation-map-desktop');

  await page.getByRole('link', { name: 'Suche', exact: true }).click();
  await expectPage(page, 'Suche', 'search');
  await page.getByLabel('Wonach suchen Sie?').fill('Nachbarschaft');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.getByRole('heading', { name: 'Ergebnisse für „Nachbarschaft“' }).waitFor();
  await page.getByRole('link', { name: 'Nachbarschaftszentrum Lindenhof' }).waitFor();
  await checkA11y(page, 'search results');
  await shot(page, 'search-desktop');

  await page.goto(`${server.url}/verwaltung/konten`);
  await page.getByRole('heading', { name: 'Konten', level: 2 }).waitFor();
  await page.getByLabel('Name oder E-Mail').fill('petra');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.getByRole('link', { name: 'Petra Lange' }).click();
  await expectPage(page, 'Petra Lange', 'person page');
  await page.getByRole('link', { name: 'Nachbarschaftszentrum Lindenhof' }).waitFor();
  await shot(page, 'person-desktop');
  await context.close();
});
