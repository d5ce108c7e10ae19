import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { graceDays } from '../../server/areas/support/commands/purgeCircle.ts';
import {
  checkA11y,
  desktop,
  expectPage,
  fieldMessage,
  launchBrowser,
  newContext,
  phone,
  shot,
  signInByLink,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * Running a circle end to end: Aylin prepares one for Frau S. with her consent and invites her to take
 * it over; Frau S. accepts on her phone, owns it and asks Aylin to coordinate; Aylin invites by link
 * and by email, the invitee joins on a phone without a password, a weekly need is written and claimed,
 * Frau S. withdraws her consent (frozen) and renews it, and Herr K. reads who looked at his circle.
 */
let server: TestServer;
let browser: Browser;
let circleId = '';
let joinToken = '';
let personToken = '';
const aylin = 'aylin.demir@caritas-lindenbrueck.example';
const frauS = 'sofia.schulte@example.org';
const ride = 'Fahrt zum Wochenmarkt';

/** YYYY-MM-DD in the network's zone, `days` from now. */
const berlinDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

async function noSideScroll(page: Page, label: string) {
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width})`);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Aylin prepares a circle for Frau S. with her consent, after the form names what is missing', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, aylin);
  await page.goto(`${server.url}/kreise`);
  await expectPage(page, 'Meine Kreise', 'my circles');
  await page.getByRole('link', { name: 'Einen Kreis öffnen' }).click();
  await expectPage(page, 'Einen Unterstützungskreis öffnen', 'create circle');
  await page.getByText('Für Caritas', { exact: false }).first().waitFor();

  // nothing filled in: the label and the organisation's legal basis are named at their fields
  await page.getByRole('button', { name: 'Kreis öffnen' }).click();
  await page.getByRole('alert').getByText('Bitte die markierten Angaben prüfen.').waitFor();
  assert.match(
    await fieldMessage(page, page.locator('input[name=label]')),
    /wie die Person im Kreis heißen soll/,
  );
  assert.match(
    await fieldMessage(page, page.locator('textarea[name=legalBasis]')),
    /Rechtsgrundlage Ihrer Organisation/,
  );
  // a guardian's consent needs the guardian's name
  await page.getByRole('radio', { name: 'Eine rechtliche Betreuung / ein Vormund' }).check();
  await page.getByRole('button', { name: 'Kreis öffnen' }).click();
  assert.match(
    await fieldMessage(page, page.locator('input[name=guardianName]')),
    /Namen der rechtlichen Betreuung/,
  );
  await checkA11y(page, 'create circle with errors');
  await shot(page, 'circles-create-errors');

  await page.getByRole('radio', { name: 'Die Person selbst' }).check();
  await page.locator('input[name=label]').fill('Frau S.');
  await page.getByRole('radio', { name: 'Persönlich im Gespräch' }).check();
  await page.getByRole('checkbox', { name: /Netzwerkkarte/ }).uncheck();
  await page.locator('textarea[name=note]').fill('Bei ihr zu Hause besprochen, Tochter war dabei.');
  await page.locator('textarea[name=legalBasis]').fill('Beratungsvertrag der Allgemeinen Sozialberatung');
  await page.getByRole('button', { name: 'Kreis öffnen' }).click();

  await expectPage(page, 'Mitglieder – Kreis um Frau S.', 'members after creating');
  await page.getByText('Der Kreis um Frau S. ist vorbereitet.').waitFor();
  circleId = new URL(page.url()).pathname.split('/')[2] ?? '';
  assert.match(circleId, /^[0-9a-f-]{36}$/);
  // the circle is Frau S.'s, not Aylin's: she only prepares it, and every look of hers is logged
  await page.getByRole('heading', { level: 2, name: 'In Vorbereitung' }).waitFor();
  await page.getByText(/Dieser Kreis gehört Frau S\., nicht Ihnen/).waitFor();
  const me = page.getByRole('listitem', { name: /Aylin Demir/ });
  await me.locator('p.meta', { hasText: 'Fachkraft' }).waitFor();
  assert.equal(await me.getByText('Eigentümer/in des Kreises').count(), 0);
  // she invites the person (or a legal representative) to take it over, nobody else
  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Link erzeugen' }) });
  const roles = await invite.getByLabel('Als was?').locator('option').allTextContents();
  assert.deepEqual(roles, ['die Person, um die es geht', 'rechtliche Vertretung der Person']);
  await invite.getByRole('button', { name: 'Link erzeugen' }).click();
  const personLink = page.getByLabel('Einladungslink');
  await personLink.waitFor();
  personToken = new URL(await personLink.inputValue()).hash.slice(1);
  await checkA11y(page, 'members of a circle in preparation');
  await shot(page, 'circles-preparing');

  // the consent is on record as version 1, with what it covers (no network map)
  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Einwilligung' })
    .click();
  await expectPage(page, 'Einwilligung – Kreis um Frau S.', 'consent page');
  const v1 = page.getByRole('listitem').filter({ hasText: 'Version 1 · Erteilt' });
  await v1.getByText('Persönlich im Gespräch').waitFor();
  await v1.getByText('Kalender der Aufgaben, Neuigkeiten, Team der Fachkräfte').waitFor();
  await v1.getByText('Beratungsvertrag der Allgemeinen Sozialberatung').waitFor();
  const now = page.getByRole('region', { name: 'Was die Einwilligung jetzt erlaubt' });
  assert.deepEqual(await now.getByRole('listitem').allTextContents(), [
    'Kalender der Aufgaben',
    'Neuigkeiten',
    'Team der Fachkräfte',
  ]);
  await shot(page, 'circles-consent');
  await context.close();
});

test('Frau S. accepts on her phone: the circle is hers, and she asks Aylin to coordinate it', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/kreise/beitreten#${personToken}`);
  await expectPage(page, 'Einem Kreis beitreten', 'join page (the person)');
  await page.getByText('Ihre Rolle: die Person, um die es geht').waitFor();
  await page.getByLabel('Ihr Name').fill('Sofia Schulte');
  await page.getByLabel('Ihre E-Mail-Adresse').fill(frauS);
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await expectPage(page, 'Kreis um Frau S.', 'circle after the person joined');
  await page.getByText('Ihre Rolle: Eigentümer/in des Kreises').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'In Vorbereitung' }).count(), 0);

  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Mitglieder' })
    .click();
  await expectPage(page, 'Mitglieder – Kreis um Frau S.', 'members (the person, phone)');
  const aylinCard = page.getByRole('listitem', { name: 'Aylin Demir' });
  await aylinCard.locator('p.meta', { hasText: 'Fachkraft' }).waitFor();
  await aylinCard.getByLabel('Rolle von Aylin Demir').selectOption('coordinator');
  await aylinCard.getByRole('button', { name: 'Rolle ändern' }).click();
  await page.getByText('Aylin Demir ist jetzt: Koordination.').waitFor();
  await noSideScroll(page, 'members of her own circle on a phone');
  await context.close();
});

test('Aylin invites by link (shown once) and by email, and revokes the emailed one', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, aylin);
  await page.goto(`${server.url}/kreise/${circleId}/mitglieder`);
  await expectPage(page, 'Mitglieder – Kreis um Frau S.', 'members');

  const invite = page.locator('form', { has: page.getByRole('button', { name: 'Link erzeugen' }) });
  await invite.getByLabel('Als was?').selectOption('helper');
  await invite.getByRole('button', { name: 'Link erzeugen' }).click();
  const link = page.getByLabel('Einladungslink');
  await link.waitFor();
  const url = await link.inputValue();
  joinToken = new URL(url).hash.slice(1);
  assert.ok(joinToken.length >= 20, url);
  await page.getByText('Er wird nur jetzt angezeigt').waitFor();
  await checkA11y(page, 'invitation link shown');
  await shot(page, 'circles-invite-link');

  await page.getByRole('radio', { name: 'Per E-Mail' }).check();
  await page.locator('input[name=email]').fill('tochter@');
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  assert.match(await fieldMessage(page, page.locator('input[name=email]')), /gültige E-Mail-Adresse/);
  await page.locator('input[name=email]').fill('tochter.s@example.org');
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await page.getByText('Die Einladung an tochter.s@example.org ist unterwegs.').waitFor();

  const open = page.getByRole('region', { name: 'Offene Einladungen' });
  await open.getByText('Einladung per Link').waitFor();
  const emailed = open.getByRole('listitem').filter({ hasText: 'tochter.s@example.org' });
  await emailed.getByRole('button', { name: 'Zurückziehen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Einladung zurückziehen?' });
  await checkA11y(page, 'revoke dialog');
  await dialog.getByRole('button', { name: 'Zurückziehen' }).click();
  await emailed.waitFor({ state: 'detached' });
  await open.getByText('Einladung per Link').waitFor();
  await context.close();
});

test('the invitee joins on her phone without a password', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/kreise/beitreten#${joinToken}`);
  await expectPage(page, 'Einem Kreis beitreten', 'join page');
  await page.getByText('Aylin Demir lädt Sie in den Unterstützungskreis um Frau S. ein.').waitFor();
  await page.getByLabel('Ihr Name').fill('Lena Sommer');
  await page.getByLabel('Ihre E-Mail-Adresse').fill('lena.sommer@example.org');
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await expectPage(page, 'Kreis um Frau S.', 'circle after joining');
  await page.getByText('Ihre Rolle: Helfer/in').waitFor();
  // a helper sees no management: no new tasks, no consent, no privacy tools
  assert.equal(await page.getByRole('button', { name: 'Neue Aufgabe eintragen' }).count(), 0);
  const nav = page.getByRole('navigation', { name: 'Bereiche des Kreises' });
  assert.equal(await nav.getByRole('link', { name: 'Einwilligung' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'Datenschutz' }).count(), 0);
  assert.equal(await nav.getByRole('link', { name: 'Netzwerkkarte' }).count(), 0);
  await noSideScroll(page, 'joined circle on a phone');
  await context.close();
});

test('a weekly need is written with its dates, claimed on the phone, and one date cancelled', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, aylin);
  await page.goto(`${server.url}/kreise/${circleId}`);
  await expectPage(page, 'Kreis um Frau S.', 'overview (coordinator)');
  await page.getByText('In den nächsten 4 Wochen steht nichts an.').waitFor();

  await page.getByRole('button', { name: 'Neue Aufgabe eintragen' }).click();
  const form = page.locator('form.need-form');
  await form.getByLabel('Art').selectOption('ride');
  await form.locator('input[name=title]').fill(ride);
  const first = berlinDate(2);
  await form.locator('input[name=date]').fill(first);
  await form.locator('input[name=startTime]').fill('10:00');
  await form.locator('input[name=endTime]').fill('09:30');
  await form.locator('input[name=place]').fill('Marktplatz');
  await form.getByRole('checkbox', { name: /Jede Woche/ }).check();
  await form.locator('input[name=until]').fill(berlinDate(16));
  await form.getByRole('button', { name: 'Eintragen' }).click();
  assert.match(await fieldMessage(page, form.locator('input[name=endTime]')), /nach dem Beginn/);
  await checkA11y(page, 'need form with an error');
  await form.locator('input[name=endTime]').fill('11:30');
  await form.getByRole('button', { name: 'Eintragen' }).click();

  const written = page.getByRole('list', { name: 'Eingetragene Termine' });
  await page.getByText('3 Termine sind eingetragen:').waitFor();
  assert.equal(await written.getByRole('listitem').count(), 3);
  const cards = page.getByRole('listitem', { name: ride });
  await cards.nth(2).waitFor();
  assert.equal(await cards.count(), 3);
  await cards.first().getByText('Noch offen – wer kann?').waitFor();
  await checkA11y(page, 'overview with weekly need');
  await shot(page, 'circles-weekly-need');

  // the helper takes the first one on her phone
  const helper = await newContext(browser, phone);
  const hPage = await helper.newPage();
  await signInByLink(hPage, server, 'lena.sommer@example.org');
  await hPage.goto(`${server.url}/kreise/${circleId}`);
  await expectPage(hPage, 'Kreis um Frau S.', 'overview (helper)');
  const hCard = hPage.getByRole('listitem', { name: ride }).first();
  await hCard.getByRole('button', { name: 'Übernehme ich' }).click();
  await hPage.getByRole('status').getByText(`Sie haben „${ride}“ übernommen. Danke!`).waitFor();
  await hCard.getByText('Übernimmt: Lena Sommer').waitFor();
  await noSideScroll(hPage, 'overview on a phone');
  await shot(hPage, 'circles-weekly-claimed-phone');
  await helper.close();

  // Aylin cancels the last date; the claimed one stays
  await page.reload();
  await cards.first().getByText('Übernimmt: Lena Sommer').waitFor();
  await cards.nth(2).getByRole('button', { name: 'Absagen' }).click();
  const dialog = page.getByRole('alertdialog', { name: `„${ride}“ absagen?` });
  await dialog.getByRole('checkbox', { name: /späteren Termine/ }).waitFor();
  await dialog.getByRole('button', { name: 'Absagen' }).click();
  await page.getByRole('status').getByText(`„${ride}“ ist abgesagt.`).waitFor();
  await cards.nth(2).waitFor({ state: 'detached' });
  assert.equal(await cards.count(), 2);

  // one date of the series changes on its own
  await cards.nth(1).getByRole('button', { name: 'Ändern' }).click();
  const edit = page.locator('form.need-form');
  await edit.getByText('Änderungen gelten nur für diesen einen Termin').waitFor();
  await edit.locator('input[name=place]').fill('Wochenmarkt Nordfeld');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await page.getByRole('status').getByText(`Die Änderungen an „${ride}“ sind gespeichert.`).waitFor();
  await cards.nth(1).getByText('Ort: Wochenmarkt Nordfeld').waitFor();
  await cards.first().getByText('Ort: Marktplatz').waitFor();

  // when the coordinators hear about a need nobody took
  await page.getByText('Erinnerungen und eigener Kalender').click();
  const hours = page.locator('input[name=alertHours]');
  await hours.fill('500');
  await page.getByRole('button', { name: 'Speichern' }).click();
  assert.match(await fieldMessage(page, hours), /von 1 bis 336/);
  await hours.fill('24');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Gespeichert: Die Koordination wird 24 Stunden vorher benachrichtigt.').waitFor();
  await checkA11y(page, 'calendar settings');
  await context.close();
});

test('Frau S. withdraws her consent: the circle freezes for everyone else; renewing it brings it back', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInByLink(page, server, frauS);
  await page.goto(`${server.url}/kreise/${circleId}/einwilligung`);
  await expectPage(page, 'Einwilligung – Kreis um Frau S.', 'consent (live)');
  await page.getByRole('button', { name: 'Einwilligung zurückziehen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Einwilligung zurückziehen?' });
  await dialog.getByText(/wird sofort eingefroren/).waitFor();
  await dialog.getByLabel('Wie wurde der Widerruf erklärt?').selectOption('written');
  await checkA11y(page, 'withdraw dialog');
  await shot(page, 'circles-withdraw-dialog');
  await dialog.getByRole('button', { name: 'Zurückziehen und einfrieren' }).click();
  await page.getByRole('heading', { level: 2, name: 'Eingefroren' }).waitFor();
  const v2 = page.getByRole('listitem').filter({ hasText: 'Version 2 · Zurückgezogen' });
  await v2.getByText('Schriftlich').waitFor();
  await checkA11y(page, 'consent (frozen)');
  await shot(page, 'circles-frozen-owner');

  // the helper no longer finds the circle at all
  const helper = await newContext(browser, phone);
  const hPage = await helper.newPage();
  await signInByLink(hPage, server, 'lena.sommer@example.org');
  await hPage.goto(`${server.url}/kreise/${circleId}`);
  await hPage.getByRole('alert').getByText('Nicht gefunden.').waitFor();
  assert.equal(await hPage.getByRole('heading', { name: 'Kreis um Frau S.' }).count(), 0);
  await hPage.goto(`${server.url}/kreise`);
  await expectPage(hPage, 'Meine Kreise', 'my circles (helper, frozen)');
  await hPage.getByText('Sie gehören noch zu keinem Unterstützungskreis.').waitFor();
  await helper.close();

  // renewing: the form is open while frozen, and a new version makes the circle live again
  const renew = page.getByRole('region', { name: 'Einwilligung neu eintragen' });
  await renew.getByRole('radio', { name: 'Schriftlich' }).check();
  await renew.getByRole('button', { name: 'Einwilligung eintragen' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Version 3 · Erteilt' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Eingefroren' }).waitFor({ state: 'detached' });
  await context.close();
});

test('Herr K. sees in his access log that the professional looked at his calendar', async () => {
  // Aylin is the professional in Herr K.'s circle: her visit is logged for him
  const pro = await newContext(browser, desktop);
  const pPage = await pro.newPage();
  await signInWithPassword(pPage, server, aylin);
  await pPage.goto(`${server.url}/kreise`);
  await pPage.getByRole('link', { name: 'Kreis um Herr K.' }).click();
  await expectPage(pPage, 'Kreis um Herr K.', 'Herr K. as professional');
  await pPage.getByRole('heading', { name: 'Was in den nächsten Wochen ansteht' }).waitFor();
  await pPage.getByRole('listitem', { name: 'Fahrt zur Physiotherapie' }).waitFor();
  const nav = pPage.getByRole('navigation', { name: 'Bereiche des Kreises' });
  await nav.getByRole('link', { name: 'Team' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Datenschutz' }).count(), 0, 'the log is the owner’s');
  await pro.close();

  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInByLink(page, server, 'heinrich.k@example.org');
  await page.goto(`${server.url}/kreise`);
  await page.getByRole('link', { name: 'Kreis um Herr K.' }).click();
  await expectPage(page, 'Kreis um Herr K.', 'Herr K. as owner');
  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Datenschutz' })
    .click();
  await expectPage(page, 'Datenschutz – Kreis um Herr K.', 'privacy page');
  const log = page.getByRole('table', { name: 'Zugriffe auf den Kreis, neueste zuerst' });
  await log
    .getByRole('row')
    .filter({ hasText: 'Aylin Demir' })
    // her look at the home page (what waits in her circles) and at the circle count as one visit
    .filter({ hasText: /hat den Kalender (\d+-mal )?angesehen/ })
    .first()
    .waitFor();
  await page.getByRole('link', { name: 'Daten herunterladen' }).waitFor();
  await page.getByRole('button', { name: 'Löschung beantragen' }).waitFor();
  await noSideScroll(page, 'privacy page on a phone');
  await shot(page, 'circles-privacy-phone');

  // the members page on his phone: he may remove anyone but himself
  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Mitglieder' })
    .click();
  await expectPage(page, 'Mitglieder – Kreis um Herr K.', 'members (owner, phone)');
  const sabine = page.getByRole('listitem', { name: 'Sabine K.' });
  await sabine.getByRole('button', { name: 'Aus dem Kreis entfernen' }).waitFor();
  await sabine.getByLabel('Rolle von Sabine K.').waitFor();
  await noSideScroll(page, 'members page on a phone');
  await shot(page, 'circles-members-phone');

  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Team' })
    .click();
  await expectPage(page, 'Team – Kreis um Herr K.', 'team page');
  await page.getByRole('button', { name: 'Fachkraft eintragen' }).click();
  await page.getByRole('button', { name: 'Eintragen', exact: true }).click();
  assert.match(await fieldMessage(page, page.locator('input[name=name]')), /Namen angeben/);
  await page.locator('input[name=name]').fill('Dr. Anna Weber');
  await page.locator('input[name=organisationName]').fill('Praxis am Markt');
  await page.locator('input[name=roleTitle]').fill('Hausärztin');
  await page.locator('input[name=contact]').fill('05151 12345, Mo–Fr 8–12 Uhr');
  await page.getByRole('button', { name: 'Eintragen', exact: true }).click();
  await page.getByRole('status').getByText('Dr. Anna Weber ist eingetragen.').waitFor();
  const doctor = page.getByRole('listitem', { name: 'Dr. Anna Weber' });
  await doctor.getByText('Hausärztin · Praxis am Markt').waitFor();
  await doctor.getByText('Erreichbar: 05151 12345, Mo–Fr 8–12 Uhr').waitFor();
  await checkA11y(page, 'team with an entry');
  await shot(page, 'circles-team-phone');

  // he answers his daughter's update
  await page
    .getByRole('navigation', { name: 'Bereiche des Kreises' })
    .getByRole('link', { name: 'Übersicht' })
    .click();
  const update = page.getByRole('listitem').filter({ hasText: 'Papa geht es besser' });
  await update.getByRole('button', { name: 'Antworten' }).click();
  await update.getByLabel('Ihre Antwort').fill('Danke euch allen!');
  await update.getByRole('button', { name: 'Antwort senden' }).click();
  await update.getByRole('list', { name: 'Antworten' }).getByText('Danke euch allen!').waitFor();
  await checkA11y(page, 'after replying');
  await context.close();
});

test('the owner asks for deletion with a confirmation and takes it back within the grace period', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInByLink(page, server, frauS);
  await page.goto(`${server.url}/kreise/${circleId}/datenschutz`);
  await expectPage(page, 'Datenschutz – Kreis um Frau S.', 'privacy (owner of Frau S.)');
  const log = page.getByRole('table', { name: 'Zugriffe auf den Kreis, neueste zuerst' });
  await log.getByText('hat die Einwilligung zurückgezogen').waitFor();
  await log.getByText('hat den Kreis geöffnet').waitFor();

  // the grace period named is the server's
  await page.getByText(`nach ${graceDays} Tagen mit allem, was darin steht, endgültig gelöscht`).waitFor();
  await page.getByRole('button', { name: 'Löschung beantragen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Den Kreis um Frau S. löschen?' });
  await dialog.getByText(/laden Sie die Daten vorher herunter/).waitFor();
  await checkA11y(page, 'deletion dialog');
  await dialog.getByRole('button', { name: 'Löschung beantragen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Löschung beantragt' }).waitFor();
  await page.getByRole('status').getByText('Die Löschung ist beantragt.').waitFor();
  await page
    .getByText(/^Am .* wird alles endgültig gelöscht, wenn Sie die Löschung nicht vorher zurücknehmen\.$/)
    .waitFor();
  await shot(page, 'circles-deletion-pending');

  await page.getByRole('button', { name: 'Löschung zurücknehmen' }).click();
  await page.getByRole('status').getByText('Die Löschung ist zurückgenommen.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Löschung beantragt' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Löschung beantragen' }).waitFor();
  await context.close();
});
