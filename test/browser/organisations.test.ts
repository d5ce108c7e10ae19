import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  adminEmail,
  checkA11y,
  desktop,
  expectPage,
  fieldMessage,
  launchBrowser,
  mainNav,
  newContext,
  petraEmail,
  phone,
  shot,
  signInWithPassword,
  smallPhone,
  startServer,
  type TestServer,
  tokenFromOutbox,
} from './helpers.ts';

let server: TestServer;
let browser: Browser;
const orgName = 'Nachbarschaftszentrum Lindenhof';
const orgSlug = 'nachbarschaftszentrum-lindenhof';
const invitee = 'neu.nachbarin@example.org';
const inviteePassword = 'Lindenblüten duften im Juni am Marktplatz';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the directory lists, searches and filters organisations, on a small phone', async () => {
  const context = await newContext(browser, smallPhone);
  const page = await context.newPage();
  await page.goto(`${server.url}/organisationen`);
  await page
    .getByRole('status')
    .getByText(/\d+ Organisationen/)
    .waitFor();
  await expectPage(page, 'Organisationen', 'directory');
  await shot(page, 'organisations-360');

  await page.getByLabel('Suchbegriff').fill('Nachbarschaft');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await page.getByRole('link', { name: orgName }).waitFor();
  await page.getByLabel('Bereich').selectOption('health');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await page.getByText(/Keine Organisation passt/).waitFor();
  await checkA11y(page, 'directory, nothing found');

  await page.getByLabel('Bereich').selectOption('');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await page.getByRole('link', { name: orgName }).click();
  await expectPage(page, orgName, 'organisation page');
  await shot(page, 'organisation-360');
  await context.close();
});

test('Petra invites someone, the invitee joins on a phone, Petra changes the role', async () => {
  const petraContext = await newContext(browser, desktop);
  const petra = await petraContext.newPage();
  await signInWithPassword(petra, server, petraEmail);
  await petra.goto(`${server.url}/organisationen/${orgSlug}`);
  await expectPage(petra, orgName, 'organisation page (admin)');
  await petra.getByRole('link', { name: 'Organisation verwalten' }).click();
  await expectPage(petra, `${orgName} verwalten`, 'organisation admin');
  await petra.getByRole('heading', { name: 'Mitglieder', level: 2 }).waitFor();

  // bad input: the server's message is shown at the field
  const invite = petra.locator('form', { has: petra.getByRole('button', { name: 'Einladung schicken' }) });
  await invite.getByLabel(/^E-Mail-Adresse/).fill('keine-adresse');
  await invite.getByRole('button', { name: 'Einladung schicken' }).click();
  const message = await fieldMessage(petra, invite.locator('input[name=email]'));
  assert.match(message, /Format|E-Mail/);
  await checkA11y(petra, 'invitation form with a field error');

  await invite.getByLabel(/^E-Mail-Adresse/).fill(invitee);
  await invite.getByLabel('Rolle').selectOption('volunteer');
  await invite.getByRole('button', { name: 'Einladung schicken' }).click();
  await petra.getByText(`Die Einladung an ${invitee} ist verschickt.`).waitFor();
  await petra.getByRole('listitem').filter({ hasText: invitee }).waitFor();
  await checkA11y(petra, 'organisation admin with an open invitation');
  await shot(petra, 'organisation-admin-desktop');

  // the invitee opens the link from the email on a phone
  const token = await tokenFromOutbox(server, invitee, '/einladung');
  const inviteeContext = await newContext(browser, phone);
  const guest = await inviteeContext.newPage();
  await guest.goto(`${server.url}/einladung#${token}`);
  await expectPage(guest, 'Einladung', 'invitation');
  await guest.getByRole('heading', { name: `Sie sind zu „${orgName}“ eingeladen – als Ehrenamt.` }).waitFor();
  await guest.getByLabel(/^Ihr Name/).fill('Nora Nachbarin');
  await guest.getByLabel(/^Passwort/).fill('passwort');
  await guest.getByRole('button', { name: 'Einladung annehmen' }).click();
  const pwMessage = await fieldMessage(guest, guest.locator('input[name=password]'));
  assert.match(pwMessage, /Passwort|Zeichen/);
  await checkA11y(guest, 'invitation with a password error');
  await shot(guest, 'invitation-error-phone');

  await guest.getByLabel(/^Passwort/).fill(inviteePassword);
  await guest.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expectPage(guest, orgName, 'organisation page after joining');
  await guest.getByText('Sie sind hier dabei: Ehrenamt.').waitFor();
  await shot(guest, 'joined-phone');
  await inviteeContext.close();

  // Petra is told, and sees the new member
  await petra.reload();
  await expectPage(petra, `${orgName} verwalten`, 'organisation admin after acceptance');
  const row = petra
    .getByRole('listitem')
    .filter({ has: petra.getByRole('link', { name: 'Nora Nachbarin' }) });
  await row.getByLabel('Rolle von Nora Nachbarin').selectOption('staff');
  await row.getByRole('button', { name: 'Rolle ändern' }).click();
  await petra.getByRole('status').getByText('Die Rolle von Nora Nachbarin ist geändert.').waitFor();
  await row.getByText(/^Mitarbeit · dabei seit/).waitFor();

  // the last admin cannot step down: the server says why, in the row
  const own = petra.getByRole('listitem').filter({ has: petra.getByText('(Sie)') });
  await own.getByRole('combobox').selectOption('volunteer');
  await own.getByRole('button', { name: 'Rolle ändern' }).click();
  await own
    .getByRole('alert')
    .getByText(/letzte Administrator/)
    .waitFor();
  await checkA11y(petra, 'organisation admin with a conflict');

  // removing someone asks first
  await row.getByRole('button', { name: 'Entfernen' }).click();
  const dialog = petra.getByRole('alertdialog', { name: 'Nora Nachbarin entfernen?' });
  await dialog.waitFor();
  await checkA11y(petra, 'confirm dialog');
  await shot(petra, 'confirm-dialog-desktop');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await dialog.waitFor({ state: 'detached' });

  const members = await petra.evaluate(async (id) => {
    const org = await (await fetch(`/api/v1/organisations/${id}`)).json();
    return (await fetch(`/api/v1/organisations/${org.id}/members`)).json();
  }, orgSlug);
  const nora = (members as { items: { displayName: string; role: string }[] }).items.find(
    (m) => m.displayName === 'Nora Nachbarin',
  );
  assert.equal(nora?.role, 'staff');

  // Nora is told of her new role
  const noraContext = await newContext(browser, phone);
  const noraPage = await noraContext.newPage();
  await signInWithPassword(noraPage, server, invitee, inviteePassword);
  await noraPage.goto(`${server.url}/benachrichtigungen`);
  await expectPage(noraPage, 'Benachrichtigungen', 'notifications (member)');
  await noraPage.getByText(`Ihre Rolle bei ${orgName} ist jetzt: Mitarbeit.`).waitFor();

  // Petra removes her after all, and Nora is told that too, in German and in English
  await row.getByRole('button', { name: 'Entfernen' }).click();
  await petra
    .getByRole('alertdialog', { name: 'Nora Nachbarin entfernen?' })
    .getByRole('button', { name: 'Entfernen' })
    .click();
  await row.waitFor({ state: 'detached' });
  await noraPage.reload();
  await noraPage.getByText(`Die Verwaltung von ${orgName} hat Sie als Mitglied entfernt.`).waitFor();
  await checkA11y(noraPage, 'notifications of a removed member');
  await shot(noraPage, 'notifications-removed-phone');
  await mainNav(noraPage);
  await noraPage.getByRole('button', { name: 'English' }).click();
  await noraPage.getByText(`The administrators of ${orgName} have removed you as a member.`).waitFor();
  await noraPage.getByText(`Your role at ${orgName} is now: staff.`).waitFor();
  await noraContext.close();

  await petra.getByRole('link', { name: /Benachrichtigungen/ }).click();
  await expectPage(petra, 'Benachrichtigungen', 'notifications');
  await petra.getByText(`Nora Nachbarin hat die Einladung zu ${orgName} angenommen.`).waitFor();
  // what Petra did herself is not news to her
  assert.equal(await petra.getByText(/Ihre Rolle bei|als Mitglied entfernt/).count(), 0);
  await shot(petra, 'notifications-desktop');
  await petraContext.close();
});

test('someone reports an organisation, and a moderator dismisses the report', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/organisationen/${orgSlug}`);
  await expectPage(page, orgName, 'organisation page (volunteer)');
  await page.getByRole('button', { name: 'Melden' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Inhalt melden' });
  await dialog.getByLabel('Grund').selectOption('privacy');
  await dialog.getByLabel('Anmerkung (freiwillig)').fill('Auf der Seite steht eine private Telefonnummer.');
  await checkA11y(page, 'report dialog');
  await shot(page, 'report-dialog-phone');
  await dialog.getByRole('button', { name: 'Meldung senden' }).click();
  await page.getByRole('status').getByText('Danke. Ihre Meldung ist angekommen.').waitFor();
  // where the button was, it says the page is reported, so nobody reports it twice
  await page.locator('#main p.saved', { hasText: 'Gemeldet.' }).waitFor();
  await context.close();

  const adminContext = await newContext(browser, desktop);
  const admin = await adminContext.newPage();
  await signInWithPassword(admin, server, adminEmail);
  await admin.goto(`${server.url}/verwaltung/meldungen`);
  await admin.getByRole('heading', { level: 2, name: 'Meldungen' }).waitFor();
  const item = admin
    .getByRole('listitem')
    .filter({ hasText: 'Auf der Seite steht eine private Telefonnummer.' });
  // it names what was reported, and links to it by that name
  await item.getByRole('heading', { name: orgName }).waitFor();
  await item.getByText('Grund der Meldung: Verletzt die Privatsphäre').waitFor();
  await item.getByRole('link', { name: `„${orgName}“ ansehen` }).waitFor();
  await checkA11y(admin, 'moderation queue');
  await item.getByRole('button', { name: 'Meldung ablehnen' }).click();
  await admin.getByRole('alertdialog').getByRole('button', { name: 'Meldung ablehnen' }).click();
  await admin.getByText('Keine offenen Meldungen.').waitFor();
  await adminContext.close();

  // Jonas hears the outcome, and nothing about who decided or why
  const again = await newContext(browser, phone);
  const jonas = await again.newPage();
  await signInWithPassword(jonas, server, 'jonas@example.org');
  await jonas.goto(`${server.url}/benachrichtigungen`);
  const told = jonas.getByRole('listitem').filter({ hasText: `Ihre Meldung zu „${orgName}“` });
  await told
    .getByText(
      /\(.*\d{4}.*\) wurde geprüft: Die Moderation hat nichts daran geändert, der Inhalt bleibt sichtbar\./,
    )
    .waitFor();
  assert.equal(await told.getByRole('link').count(), 0, 'a report has nothing to open');
  await checkA11y(jonas, 'notifications with a report outcome');
  await again.close();
});
