import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  checkA11y,
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
 * Leichte Sprache (plain German) is switched like a language: the pages with a plain version change
 * their texts, the others stay German, the page is still German to a screen reader, and the choice
 * stays on the device and on the account.
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

const jonas = 'jonas@example.org';
/** The sign-in page's first sentence in German (Playwright's text match ignores case). */
const german = 'Lindenbrück vernetzt an – mit Passwort oder mit einem Link per E-Mail.';

/** The header's language switch (from German or Leichte Sprache): on a phone it is in the menu. */
async function switchTo(page: Page, language: 'Deutsch' | 'English' | 'Leichte Sprache') {
  await mainNav(page);
  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: language }).click();
}

async function expectGermanToScreenReaders(page: Page, plain: boolean) {
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(
    await page.evaluate(() => document.documentElement.classList.contains('plain-language')),
    plain,
  );
}

/** A new circle of the signed-in person's own and a one-time link into it, made through the API. */
async function ownCircle(page: Page): Promise<{ id: string; link: string }> {
  const session = await (await page.request.get(`${server.url}/api/v1/session`)).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const circle = await page.request.post(`${server.url}/api/v1/circles`, {
    headers,
    data: { alertHours: 48 },
  });
  assert.equal(circle.status(), 201, await circle.text());
  const id = (await circle.json()).id as string;
  const inv = await page.request.post(`${server.url}/api/v1/circles/${id}/invitations`, {
    headers,
    data: { role: 'helper' },
  });
  assert.equal(inv.status(), 201, await inv.text());
  // the link names the configured public address; the test server listens elsewhere
  const url = new URL((await inv.json()).url as string);
  return { id, link: `${server.url}${url.pathname}${url.hash}` };
}

test('on a phone, Leichte Sprache changes the sign-in page, stays after a reload, and leaves other pages German', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/anmelden`);
  await expectPage(page, 'Anmelden', 'sign-in (German)');
  await page.getByText(german).waitFor();

  await switchTo(page, 'Leichte Sprache');
  await page.getByText('Hier melden Sie sich bei Lindenbrück vernetzt an.').waitFor();
  await page.getByText('Ein Link ist eine Adresse im Internet.').waitFor();
  await page.getByRole('button', { name: 'E-Mail mit Link schicken' }).waitFor();
  assert.equal(await page.getByText(german).count(), 0);
  await expectGermanToScreenReaders(page, true);
  // from Leichte Sprache the switch offers the two others
  await mainNav(page);
  assert.deepEqual(await page.getByRole('group', { name: 'Sprache' }).getByRole('button').allInnerTexts(), [
    'Deutsch',
    'English',
  ]);
  await checkA11y(page, 'sign-in in Leichte Sprache, menu open');
  await page.keyboard.press('Escape');
  await shot(page, 'plain-sign-in-phone');

  // the choice stays on this device
  await page.reload();
  await page.getByText('Hier melden Sie sich bei Lindenbrück vernetzt an.').waitFor();
  await expectGermanToScreenReaders(page, true);

  // a page without a plain version reads German, the header and navigation too
  await page.goto(`${server.url}/organisationen`);
  await expectPage(page, 'Organisationen', 'organisations (no plain version)');
  await expectGermanToScreenReaders(page, true);
  const nav = await mainNav(page);
  await nav.getByRole('link', { name: 'Teilen' }).waitFor();

  // a wrong password: the server answers in German, at the form in Leichte Sprache
  await page.goto(`${server.url}/anmelden`);
  const form = page.locator('form', { has: page.locator('input[name=password]') });
  await form.locator('input[name=email]').fill(jonas);
  await form.locator('input[name=password]').fill('falsch-falsch-falsch');
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await form.getByText('Das hat nicht geklappt:').waitFor();
  await form.getByText('E-Mail-Adresse oder Passwort stimmen nicht.').waitFor();
  await checkA11y(page, 'sign-in error in Leichte Sprache');

  // back to German
  await switchTo(page, 'Deutsch');
  await page.getByText(german).waitFor();
  await expectGermanToScreenReaders(page, false);
  await context.close();
});

test('the circle invitation page in Leichte Sprache, and the new account keeps the choice', async () => {
  const owner = await newContext(browser, phone);
  const ownerPage = await owner.newPage();
  await signInWithPassword(ownerPage, server, jonas);
  const { link } = await ownCircle(ownerPage);
  await owner.close();

  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/anmelden`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await switchTo(page, 'Leichte Sprache');
  await page.getByText('Hier melden Sie sich bei Lindenbrück vernetzt an.').waitFor();
  await page.goto(link);
  await expectPage(page, 'Einladung in einen Unterstützungs-Kreis', 'circle invitation in Leichte Sprache');
  await page.getByText('Ein Unterstützungs-Kreis ist eine Gruppe von Menschen.').waitFor();
  await page.getByText('Ihre Rolle im Kreis: Helferin oder Helfer').waitFor();
  await expectGermanToScreenReaders(page, true);
  await page.getByLabel('Ihr Name').fill('Lena Leicht');
  await page.getByLabel('Ihre E-Mail-Adresse').fill('lena.leicht@example.org');
  await checkA11y(page, 'circle invitation filled in, Leichte Sprache');
  await shot(page, 'plain-circle-join-phone');
  await page.getByRole('button', { name: 'Ja, ich mache mit' }).click();
  await page.getByRole('link', { name: 'Mein Profil' }).waitFor();
  const me = await (await page.request.get(`${server.url}/api/v1/me`)).json();
  assert.deepEqual([me.locale, me.plainLanguage], ['de', true]);
  await context.close();
});

test('the choice follows the account to another device, and the consent page reads plain', async () => {
  const first = await newContext(browser, phone);
  const firstPage = await first.newPage();
  await signInWithPassword(firstPage, server, jonas);
  const { id: circleId } = await ownCircle(firstPage);
  const saved = firstPage.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await switchTo(firstPage, 'Leichte Sprache');
  assert.equal((await saved).status(), 200);
  await expectGermanToScreenReaders(firstPage, true);
  await first.close();

  // a fresh device: nothing stored there, the account says Leichte Sprache
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, jonas);
  await expectGermanToScreenReaders(page, true);
  // and after a reload, now kept on this device too
  await page.goto(`${server.url}/kreise/${circleId}/einwilligung`);
  await expectPage(page, /^Einwilligung/, 'consent page in Leichte Sprache');
  await shot(page, 'plain-consent-desktop');
  await page.getByRole('heading', { name: 'Das ist jetzt erlaubt' }).waitFor();
  await page.getByText('Das nennt man: Einwilligung.').waitFor();
  await shot(page, 'plain-consent-desktop');

  // English ends Leichte Sprache on the account too
  await page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'English' }).click();
  await expectPage(page, /^Consent/, 'consent page in English');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.waitForFunction(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    return me.locale === 'en' && me.plainLanguage === false;
  });
  await context.close();
});
