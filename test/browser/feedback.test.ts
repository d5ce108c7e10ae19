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
  petraEmail,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * Issue #13, item 5 — no silent success, no dead end. On a server without a mail server (as
 * `npm start` runs without SMTP_URL): a success is said in the layout's one polite status region
 * and focus moves to a sensible place; a page whose code cannot be fetched shows a translated error
 * page with a way back; an invitation that cannot be emailed hands its link to the inviter with a
 * copy button; the sign-in page says no link can be mailed; the rate limit reads as seconds to wait.
 */

let server: TestServer;
let browser: Browser;
const orgSlug = 'nachbarschaftszentrum-lindenhof';
const noMail = 'Es ist kein E-Mail-Versand eingerichtet – geben Sie den Link selbst weiter.';

before(async () => {
  server = await startServer({ mail: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The layout's status region: one polite live region, and what it says now. */
async function statusRegion(page: Page) {
  const region = page.locator('#status-message');
  assert.equal(await region.getAttribute('role'), 'status');
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  return region;
}

/** What has focus: its tag, id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
  });

for (const [name, viewport] of [
  ['phone', phone],
  ['desktop', desktop],
] as const) {
  test(`a success is said in the status region and focus moves (${name})`, async () => {
    // Petra's notifications unread again, whichever run came first
    const petra = await server.db
      .selectFrom('account')
      .select('id')
      .where('network_id', '=', server.networkId)
      .where('email', '=', petraEmail)
      .executeTakeFirstOrThrow();
    await server.db
      .updateTable('notification')
      .set({ read_at: null })
      .where('network_id', '=', server.networkId)
      .where('account_id', '=', petra.id)
      .execute();
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    await signInWithPassword(page, server, petraEmail);
    const region = await statusRegion(page);
    // signing in said so, and the region is the layout's, on every page
    await region.getByText('Sie sind angemeldet.').waitFor();

    await page.goto(`${server.url}/benachrichtigungen`);
    await expectPage(page, 'Benachrichtigungen', 'notifications');
    const markAll = page.getByRole('button', { name: 'Alle als gelesen markieren' });
    await markAll.focus();
    await markAll.press('Enter');
    await region.getByText('Alle Benachrichtigungen sind als gelesen markiert.').waitFor();
    // the button used has gone with nothing left to mark: focus is on the page's heading, not lost
    await markAll.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    assert.deepEqual(await focused(page), { tag: 'H1', id: 'page-title', text: 'Benachrichtigungen' });

    // the banner is seen, takes no focus, and can be closed
    const banner = page.locator('.status-banner.shown');
    await banner.waitFor();
    assert.equal(await banner.evaluate((b) => b.contains(document.activeElement)), false);
    await checkA11y(page, `status banner (${name})`);
    await shot(page, `feedback-status-${name}`);
    await banner.getByRole('button', { name: 'Meldung schließen' }).click();
    await banner.waitFor({ state: 'detached' });
    assert.equal(await region.textContent(), '');
    await context.close();
  });
}

test('a page whose code cannot be fetched shows the error page with a way back', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // as after an update: the file the page asks for is gone
  await context.route(/\/assets\/CataloguePage-[^/]+\.js$/, (route) => route.abort());
  await (await mainNav(page)).getByRole('link', { name: 'Teilen' }).click();
  await expectPage(page, 'Diese Seite konnte nicht geladen werden', 'error page (chunk)');
  await page.getByText(/Laden Sie die Seite neu – dann geht es weiter/).waitFor();
  assert.equal(await page.getByText('Unexpected Application Error').count(), 0);
  // the navigation stays, and both ways back are there
  await page.getByRole('link', { name: 'Zur Startseite' }).waitFor();
  await shot(page, 'feedback-chunk-error-phone');

  // the file is back (the new version): reloading shows the page
  await context.unroute(/\/assets\/CataloguePage-[^/]+\.js$/);
  await page.getByRole('button', { name: 'Seite neu laden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Teilen' }).waitFor();

  // and a failure again, then the way home
  await context.route(/\/assets\/ExchangePage-[^/]+\.js$/, (route) => route.abort());
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate(() => {
    history.pushState(null, '', '/tauschring');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expectPage(page, 'Diese Seite konnte nicht geladen werden', 'error page (chunk, second)');
  await page.getByRole('link', { name: 'Zur Startseite' }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.notEqual(
    await page.getByRole('heading', { level: 1 }).textContent(),
    'Diese Seite konnte nicht geladen werden',
  );
  await context.close();
});

test('in English, the error page is English', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await context.route(/\/assets\/CataloguePage-[^/]+\.js$/, (route) => route.abort());
  await (await mainNav(page, 'Main navigation')).getByRole('link', { name: 'Sharing' }).click();
  await expectPage(page, 'This page could not be loaded', 'error page (English)');
  await page.getByRole('button', { name: 'Reload page' }).waitFor();
  await shot(page, 'feedback-chunk-error-desktop-en');
  await context.close();
});

test('an invitation that cannot be emailed gives the inviter its link to copy', async () => {
  const context = await newContext(browser, phone);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/organisationen/${orgSlug}/verwaltung`);
  await page.getByRole('heading', { level: 2, name: 'Einladungen' }).waitFor();
  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Einladung schicken' }) });
  await invite.getByLabel(/^E-Mail-Adresse/).fill('neue.helferin@example.org');
  await invite.getByRole('button', { name: 'Einladung schicken' }).click();

  const region = await statusRegion(page);
  await region.getByText(noMail).waitFor();
  const box = page.locator('.notice', {
    hasText: 'Die E-Mail an neue.helferin@example.org kann nicht verschickt werden',
  });
  await box.getByText(noMail).waitFor();
  const link = box.getByLabel('Einladungslink für neue.helferin@example.org');
  const url = await link.inputValue();
  assert.match(url, /\/einladung#[A-Za-z0-9_-]{20,}$/);
  // the next step has focus: the link
  await page.waitForFunction(
    () => document.activeElement instanceof HTMLInputElement && document.activeElement.readOnly,
  );
  await checkA11y(page, 'invitation link to pass on');
  await shot(page, 'feedback-invitation-link-phone');
  await box.getByRole('button', { name: 'Link kopieren' }).click();
  await region.getByText('Link kopiert.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  // never shown again: the open invitations list the address, not the link
  await page.reload();
  await page.getByRole('listitem').filter({ hasText: 'neue.helferin@example.org' }).waitFor();
  assert.equal(await page.getByLabel(/Einladungslink/).count(), 0);
  const token = url.split('#')[1] ?? '';
  assert.equal((await page.content()).includes(token), false);
  await context.close();
});

test("a circle's invitation by email that cannot be sent gives its link too", async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  // Petra opens a circle around herself, so she owns it and may invite
  const circleId = await page.evaluate(async () => {
    const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/v1/circles', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ personLabel: 'Petra L.' }),
    });
    return ((await res.json()) as { id: string }).id;
  });
  await page.goto(`${server.url}/kreise/${circleId}/mitglieder`);
  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Link erzeugen' }) });
  await invite.getByLabel('Als was?').selectOption('helper');
  await page.getByRole('radio', { name: 'Per E-Mail' }).check();
  await page.locator('input[name=email]').fill('nachbar.k@example.org');
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await (await statusRegion(page)).getByText(noMail).waitFor();
  await page.getByText('Die E-Mail an nachbar.k@example.org kann nicht verschickt werden').waitFor();
  const link = page.getByLabel('Einladungslink');
  assert.match(await link.inputValue(), /#[A-Za-z0-9_-]{20,}$/);
  await checkA11y(page, 'circle invitation link to pass on');
  await shot(page, 'feedback-circle-invitation-desktop');
  await context.close();
});

test('without a mail server the sign-in page says no link can be sent, and whom to ask', async () => {
  for (const [name, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    await page.goto(`${server.url}/anmelden`);
    await expectPage(page, 'Anmelden', `sign-in without mail (${name})`);
    await page.getByText('Von Lindenbrück vernetzt können zurzeit keine E-Mails verschickt werden').waitFor();
    await page.getByText(/wenden Sie sich an die Koordination Ihres Netzwerks/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Link schicken' }).count(), 0);
    await shot(page, `feedback-sign-in-no-mail-${name}`);
    await context.close();
  }
});

test('the rate limit reads as how many seconds to wait', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await context.route(/\/api\/v1\/organisations\?/, (route) =>
    route.fulfill({
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '12' },
      body: JSON.stringify({
        type: 'about:blank#rate_limited',
        title: 'x',
        status: 429,
        code: 'rate_limited',
      }),
    }),
  );
  await page.goto(`${server.url}/organisationen`);
  await page.getByText('Zu viele Anfragen – bitte in 12 Sekunden noch einmal.').waitFor();
  await checkA11y(page, 'rate limited');
  await context.close();
});
