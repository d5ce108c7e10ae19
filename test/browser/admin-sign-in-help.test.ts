import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  adminEmail,
  checkA11y,
  expectPage,
  fieldMessage,
  launchBrowser,
  mainNav,
  newContext,
  phone,
  shot,
  shotsDir,
  signInByLink,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * Issue #11 in the browser: an instance admin helps a person in who cannot receive email with a
 * sign-in link (shown once, with a reason); the session it begins says on every page what it cannot
 * do and keeps the support circles closed; the person, signed in themself, reads who made the link
 * and why — in a notification and in their account activity.
 */

let server: TestServer;
let browser: Browser;
const person = { name: 'Sabine K.', email: 'sabine.k@example.org' };
const adminName = 'Miriam Koch';
const reason = 'Frau K. hat ihr Handy verloren und bekommt keine E-Mail. Anruf am Vormittag.';
const assistedNotice = /Sie sind mit einem Anmeldelink der Verwaltung angemeldet\./;
let link = '';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // a support circle's mail, as its invitations and reminders are written: the admin only counts it
  await server.db
    .insertInto('outbox_email')
    .values({
      network_id: server.networkId,
      to_address: 'nachbarin@example.org',
      subject: 'Einladung in einen Unterstützungskreis',
      body_text: 'Nur für den Kreis.',
      body_shown: 'Nur für den Kreis.',
      confidential: true,
      created_at: new Date(),
    })
    .execute();
  // and a row of a circle's access log: the owner's, only counted in the admin's audit log
  await server.db
    .insertInto('audit_log')
    .values({
      network_id: server.networkId,
      actor_id: null,
      action: 'circle.read',
      entity_type: 'circle',
      entity_id: null,
      details: JSON.stringify({}),
      ip: null,
      at: new Date(),
    })
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page fits a 390 px phone: nothing sticks out sideways. */
async function fitsPhone(page: Page, label: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.equal(width, phone.width, `${label}: the page is ${width} px wide`);
}

test('the instance admin makes a sign-in link for a person, with a reason, and copies it once', async () => {
  const context = await newContext(browser, phone);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await (await mainNav(page)).getByRole('link', { name: 'Verwaltung' }).click();
  await page
    .getByRole('navigation', { name: 'Bereiche der Verwaltung' })
    .getByRole('link', { name: 'Konten' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Konten' }).waitFor();
  await page.getByRole('searchbox', { name: 'Name oder E-Mail' }).fill('Sabine');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: person.name }) });
  await row.waitFor();
  await checkA11y(page, 'admin accounts');

  // no link for oneself
  await page.getByRole('searchbox', { name: 'Name oder E-Mail' }).fill('Miriam');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const me = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: adminName }) });
  await me.waitFor();
  assert.equal(await me.getByRole('button', { name: 'Anmeldelink erstellen' }).count(), 0);
  await page.getByRole('searchbox', { name: 'Name oder E-Mail' }).fill('Sabine');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await row.waitFor();

  // the dialog says in plain words what the link is and does
  const open = row.getByRole('button', { name: 'Anmeldelink erstellen' });
  await open.click();
  const dialog = page.getByRole('alertdialog', { name: `Anmeldelink für ${person.name} erstellen?` });
  await dialog.waitFor();
  await dialog.getByText(/keine E-Mail bekommen können/).waitFor();
  await dialog.getByText(/nur einmal und nur 30 Minuten lang/).waitFor();
  await dialog.getByText(/sofort benachrichtigt – hier im Netzwerk und per E-Mail/).waitFor();
  await dialog.getByText(/Unterstützungskreise der Person geschlossen/).waitFor();
  await checkA11y(page, 'sign-in link dialog');

  // a reason is required: said at the field
  await dialog.getByRole('button', { name: 'Link erstellen' }).click();
  const reasonField = dialog.getByRole('textbox', { name: /^Grund/ });
  assert.match(await fieldMessage(page, reasonField), /Bitte nennen Sie den Grund/);
  assert.equal(await reasonField.getAttribute('maxlength'), '500');
  await reasonField.fill(reason);
  await page.screenshot({ path: `${shotsDir}/sign-in-link-dialog-phone.png` });
  await fitsPhone(page, 'sign-in link dialog');
  await dialog.getByRole('button', { name: 'Link erstellen' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // the link, shown once in a marked box that takes focus
  const box = row.locator('.once-box');
  await box.getByText(`Anmeldelink für ${person.name} – nur jetzt sichtbar`).waitFor();
  await box.getByText(/Er gilt nur einmal und bis/).waitFor();
  const field = box.getByRole('textbox', { name: 'Anmeldelink' });
  link = await field.inputValue();
  assert.match(link, /^https?:\/\/[^/]+\/anmelden\/link#[A-Za-z0-9_-]+$/);
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the link has focus');
  assert.equal(await field.getAttribute('readonly'), '');
  await box.getByRole('button', { name: 'Kopieren' }).click();
  await page.getByRole('status').getByText('Der Link ist kopiert.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await checkA11y(page, 'sign-in link shown once');
  await fitsPhone(page, 'sign-in link shown');
  await shot(page, 'sign-in-link-shown-phone');

  // "Close" discards it, and focus goes back to the account's buttons
  await box.getByRole('button', { name: 'Schließen' }).click();
  await box.waitFor({ state: 'detached' });
  assert.equal(await row.getByRole('textbox', { name: 'Anmeldelink' }).count(), 0);
  assert.equal(await open.evaluate((el) => el === document.activeElement), true, 'focus is back');

  // the outbox: the mail telling the person, without the link; secrets hidden; circles only counted
  await page
    .getByRole('navigation', { name: 'Bereiche der Verwaltung' })
    .getByRole('link', { name: 'E-Mail-Ausgang' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'E-Mail-Ausgang' }).waitFor();
  await page.getByText(/Der geheime Teil von Links .* steht als \[…\] da/).waitFor();
  await page.getByText(/„Konten → Anmeldelink erstellen“/).waitFor();
  const mail = page
    .getByRole('listitem')
    .filter({ hasText: `an ${person.email}` })
    .filter({ has: page.getByRole('heading', { name: /hat einen Anmeldelink für Sie erstellt/ }) });
  await mail.getByText('Text anzeigen').click();
  const body = (await mail.locator('pre').textContent()) ?? '';
  assert.match(body, new RegExp(adminName));
  assert.ok(body.includes(reason), 'the mail names the reason');
  assert.ok(!body.includes(link.split('#')[1]!), 'the mail does not carry the link');
  await page.getByText('1 Nachricht aus Unterstützungskreisen wird nicht angezeigt.').waitFor();
  assert.equal(await page.getByText('Nur für den Kreis.').count(), 0);
  await checkA11y(page, 'admin outbox');
  await fitsPhone(page, 'admin outbox');
  await shot(page, 'admin-outbox-phone');

  // the audit log: the step with its reason; circle rows only counted
  await page
    .getByRole('navigation', { name: 'Bereiche der Verwaltung' })
    .getByRole('link', { name: 'Protokoll' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Protokoll' }).waitFor();
  // filtered by choosing the step by its name, not by typing a code
  await page.getByLabel('Vorgang').selectOption({ label: 'Anmeldelink für eine Person erstellt' });
  await page.getByRole('button', { name: 'Filtern' }).click();
  const entry = page
    .getByRole('table')
    .getByRole('row')
    .filter({ hasText: /Frau K\. hat ihr Handy verloren/ });
  await entry.getByText('Anmeldelink für eine Person erstellt').waitFor();
  await entry.getByText('Konto', { exact: false }).first().waitFor();
  assert.equal(await page.getByRole('table').getByText('account.sign_in_link_created').count(), 0);
  const audit = await page.evaluate(async () => (await fetch('/api/v1/admin/audit')).json());
  const { confidential } = audit as { confidential: number };
  assert.ok(confidential >= 1);
  await page
    .getByText(
      confidential === 1
        ? '1 Eintrag zu Unterstützungskreisen ist nur für deren Inhaber sichtbar und wird hier nicht angezeigt.'
        : `${confidential} Einträge zu Unterstützungskreisen sind nur für deren Inhaber sichtbar und werden hier nicht angezeigt.`,
    )
    .waitFor();
  await checkA11y(page, 'admin audit log');
  await shot(page, 'admin-audit-phone');
  await context.close();
});

test('the link opens an assisted session: a notice on every page, circles closed, no password', async () => {
  assert.ok(link, 'the first test made a link');
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  // the server's public address (in tests: localhost, port 0) names the link's host; here, the server under test
  const { pathname, hash } = new URL(link);
  await page.goto(`${server.url}${pathname}${hash}`);
  await page.getByText(`Guten Tag, ${person.name}`).waitFor();
  const notice = page.getByRole('status').filter({ hasText: assistedNotice });
  await notice.waitFor();
  assert.match(
    (await notice.textContent()) ?? '',
    /Unterstützungskreise bleiben dabei geschlossen, und ein Passwort können Sie so nicht festlegen\. Melden Sie sich dafür selbst an – mit einem Link per E-Mail\./,
  );
  assert.equal(await notice.getByRole('button').count(), 0, 'the notice cannot be dismissed');
  await checkA11y(page, 'home, assisted session');
  await fitsPhone(page, 'home, assisted session');
  await shot(page, 'assisted-home-phone');

  // the circles: an explanation, no error, no list, no way to open one
  await (await mainNav(page)).getByRole('link', { name: 'Kreise' }).click();
  await expectPage(page, 'Meine Kreise', 'circles, assisted session');
  await page.getByRole('heading', { level: 2, name: 'Ihre Kreise sind gerade geschlossen' }).waitFor();
  await page.getByText(/melden Sie sich bitte selbst an – mit einem Link per E-Mail/).waitFor();
  await notice.waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no error');
  assert.equal(await page.getByRole('link', { name: 'Kreis um Herr K.' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Einen Kreis öffnen' }).count(), 0);
  await fitsPhone(page, 'circles, assisted session');
  await shot(page, 'assisted-circles-phone');

  // one circle, opened by its address: the same explanation
  const circleId = await server.db
    .selectFrom('circle')
    .select('id')
    .where('network_id', '=', server.networkId)
    .executeTakeFirstOrThrow();
  await page.goto(`${server.url}/kreise/${circleId.id}`);
  await page.getByRole('heading', { level: 2, name: 'Ihre Kreise sind gerade geschlossen' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no error');

  // the profile: no password form, the reason why; the activity already shows the help
  await page.getByRole('link', { name: 'Mein Profil' }).click();
  await expectPage(page, 'Mein Profil', 'profile, assisted session');
  await page.getByText(/Mit einem Anmeldelink der Verwaltung können Sie kein Passwort festlegen/).waitFor();
  assert.equal(await page.locator('input[name=newPassword]').count(), 0);
  const activity = page.getByRole('region', { name: 'Kontoaktivität' });
  await activity.getByText('Anmeldung mit einem Anmeldelink der Verwaltung').waitFor();
  await checkA11y(page, 'profile, assisted session');
  await context.close();
});

test('signed in herself, the person is told who made the link and why, in a notification and her activity', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInByLink(page, server, person.email);
  assert.equal(await page.getByText(assistedNotice).count(), 0, 'her own sign-in is a full session');

  await page.getByRole('link', { name: /Benachrichtigungen/ }).click();
  await expectPage(page, 'Benachrichtigungen', 'notifications');
  const told = page.getByRole('listitem').filter({
    hasText: `${adminName} aus der Verwaltung hat einen Anmeldelink für Sie erstellt. Grund: ${reason}`,
  });
  await told.waitFor();
  await fitsPhone(page, 'notifications');
  await shot(page, 'sign-in-link-notification-phone');

  // the notification leads to her account activity: scrolled to, its heading focused
  await told.getByRole('link', { name: 'Ansehen' }).click();
  await page.waitForURL(/\/profil#aktivitaet$/);
  const heading = page.getByRole('heading', { level: 2, name: 'Kontoaktivität' });
  await page.waitForFunction(() => document.activeElement?.id === 'aktivitaet');
  assert.ok(await heading.isVisible());
  const box = await heading.boundingBox();
  assert.ok(box && box.y >= 0 && box.y < phone.height, `the heading is in view (y = ${box?.y})`);

  const activity = page.getByRole('region', { name: 'Kontoaktivität' });
  const entry = activity.getByRole('listitem').filter({
    hasText: `${adminName} aus der Verwaltung hat einen Anmeldelink für Sie erstellt. Grund: ${reason}`,
  });
  await entry.waitFor();
  assert.ok(await entry.locator('strong').count(), 'the entry stands out');
  await activity.getByText('Anmeldung mit einem Anmeldelink der Verwaltung').waitFor();
  await activity.getByText('Anmeldung mit Link per E-Mail').first().waitFor();
  // her password form is back in a session of her own
  await page.locator('input[name=newPassword]').waitFor();
  await checkA11y(page, 'profile with account activity');
  await fitsPhone(page, 'profile with account activity');
  await page.screenshot({ path: `${shotsDir}/account-activity-phone.png` });
  await shot(page, 'account-activity-full-phone');

  // her circles are open again
  await (await mainNav(page)).getByRole('link', { name: 'Kreise' }).click();
  await expectPage(page, 'Meine Kreise', 'circles, own session');
  await page.getByRole('link', { name: 'Kreis um Herr K.' }).waitFor();

  // and in English
  await mainNav(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My circles' }).waitFor();
  await page.goto(`${server.url}/profil#aktivitaet`);
  const en = page.getByRole('region', { name: 'Account activity' });
  await en
    .getByText(`${adminName} from the administration made a sign-in link for you. Reason: ${reason}`)
    .waitFor();
  await en.getByText('Signed in with a sign-in link from the administration').waitFor();
  await checkA11y(page, 'profile with account activity (English)');
  await context.close();
});
