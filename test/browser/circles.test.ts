import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import {
  checkA11y,
  expectPage,
  fieldMessage,
  launchBrowser,
  mainNav,
  newContext,
  phone,
  shot,
  signInByLink as signInByEmailLink,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
let browser: Browser;
const sabineEmail = 'sabine.k@example.org';
const ride = 'Fahrt zur Physiotherapie';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const signInByLink = (page: Page, email: string) => signInByEmailLink(page, server, email);

/** Herr K.'s circle as his daughter sees it: opened from the navigation on her phone. */
async function openHerrK(page: Page): Promise<string> {
  await (await mainNav(page)).getByRole('link', { name: 'Kreise' }).click();
  await expectPage(page, 'Meine Kreise', 'my circles');
  await page.getByText(/Aufgaben? in den nächsten 7 Tagen/).waitFor();
  await shot(page, 'circles-list');
  await page.getByRole('link', { name: 'Kreis um Herr K.' }).click();
  await expectPage(page, 'Kreis um Herr K.', 'circle overview');
  const id = new URL(page.url()).pathname.split('/').pop();
  assert.ok(id);
  return id;
}

test('the daughter sees the unclaimed ride, claims it on her phone and posts an update', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInByLink(page, sabineEmail);
  await openHerrK(page);

  // the coordinator's warning comes before the claim
  const warnings = page.getByRole('region', { name: 'Hinweise für die Koordination' });
  await warnings.getByText(/hat noch niemand übernommen/).waitFor();
  const rideCard = page.getByRole('listitem', { name: ride });
  await rideCard.getByText('Noch offen – wer kann?').waitFor();
  await shot(page, 'circles-overview');

  const claim = rideCard.getByRole('button', { name: 'Übernehme ich' });
  const box = await claim.boundingBox();
  assert.ok(box && box.height >= 44, 'the claim button is a 44 px target');
  await claim.click();
  await page.getByRole('status').getByText(`Sie haben „${ride}“ übernommen. Danke!`).waitFor();
  await rideCard.getByText('Übernimmt: Sabine K.').waitFor();
  await rideCard.getByRole('button', { name: 'Doch nicht' }).waitFor();
  await checkA11y(page, 'after the claim');

  const form = page.locator('form.circle-post');
  await form.getByLabel('Was gibt es Neues?').fill('Ich fahre Papa am Dienstag zur Physiotherapie.');
  await form.getByLabel('Wer darf das lesen?').selectOption('all_members');

  // files: the wrong kind is refused at once, with its name; a chosen file can be taken out again
  const pick = form.getByLabel('Fotos oder PDF-Dokumente anhängen (freiwillig)');
  await pick.setInputFiles({
    name: 'notizen.docx',
    mimeType: 'application/msword',
    buffer: Buffer.from('x'),
  });
  assert.match(await fieldMessage(page, pick), /„notizen\.docx“ ist weder ein Foto .* noch ein PDF-Dokument/);
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Handy von Sabine' } })
    .toBuffer();
  await pick.setInputFiles([
    { name: 'garten.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'rezept.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    { name: 'falsches-rezept.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  const chosen = form.getByRole('list', { name: 'Ausgewählte Dateien' });
  await chosen.getByText('falsches-rezept.pdf').waitFor();
  await chosen.getByRole('button', { name: '„falsches-rezept.pdf“ entfernen' }).click();
  assert.equal(await chosen.getByText('falsches-rezept.pdf').count(), 0);
  assert.equal(await chosen.getByRole('listitem').count(), 2);
  await checkA11y(page, 'a photo chosen');
  await shot(page, 'circles-attach-chosen');
  // an image needs a description before it is posted
  await form.getByRole('button', { name: 'Veröffentlichen' }).click();
  const alt = form.getByLabel('Was ist auf „garten.jpg“ zu sehen?');
  assert.match(await fieldMessage(page, alt), /Bitte beschreiben Sie kurz/);
  await alt.fill('Papa im Garten unter dem Apfelbaum');
  await form.getByRole('button', { name: 'Veröffentlichen' }).click();
  await form.getByText('Ihre Neuigkeit ist veröffentlicht.').waitFor();
  const post = page.locator('.circle-update', { hasText: 'Ich fahre Papa am Dienstag zur Physiotherapie.' });
  const image = post.getByRole('img', { name: 'Papa im Garten unter dem Apfelbaum' });
  await image.waitFor();
  // a lazy image loads once it is near the screen
  await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
    await image.elementHandle(),
  );
  const pdfLink = post.getByRole('link', { name: /rezept\.pdf \(PDF, 1 KB\)/ });
  const download = await page.request.get(`${server.url}${await pdfLink.getAttribute('href')}`);
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-disposition'] ?? '', /^attachment; filename="rezept\.pdf"/);
  assert.equal(await chosen.count(), 0, 'the form is empty again');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no sideways scrolling on a phone (${width} px)`);
  await checkA11y(page, 'after posting');
  await shot(page, 'circles-claimed');

  // the author removes the photo again, after a confirmation
  await post.getByRole('button', { name: 'Anhang löschen: garten.webp' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Anhang löschen?' });
  await dialog.getByText('„garten.webp“ wird für alle gelöscht.').waitFor();
  await checkA11y(page, 'confirm deleting an attachment');
  await dialog.getByRole('button', { name: 'Löschen' }).click();
  await image.waitFor({ state: 'detached' });

  // a file that only pretends to be a photo: the text is posted, the server refuses the file and
  // says why next to it; she can try again or finish without it
  await form.getByLabel('Was gibt es Neues?').fill('Das Foto vom Arzttermin.');
  await pick.setInputFiles({ name: 'kaputt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('kein Bild') });
  await form.getByLabel('Was ist auf „kaputt.jpg“ zu sehen?').fill('Das Wartezimmer');
  await form.getByRole('button', { name: 'Veröffentlichen' }).click();
  await form
    .getByRole('alert')
    .getByText(/Die Neuigkeit ist veröffentlicht, aber eine Datei/)
    .waitFor();
  await chosen.getByText('Anhängen können Sie Bilder (JPEG, PNG oder WebP) und PDF-Dokumente.').waitFor();
  await form.getByText('Ihre Neuigkeit ist veröffentlicht. Diese Dateien fehlen noch:').waitFor();
  await page.locator('.circle-update', { hasText: 'Das Foto vom Arzttermin.' }).waitFor();
  await checkA11y(page, 'a file refused after posting');
  await form.getByRole('button', { name: 'Ohne diese Dateien fertig' }).click();
  await form.getByLabel('Was gibt es Neues?').waitFor();
  assert.equal(await chosen.count(), 0);
  assert.equal(await form.getByRole('alert').count(), 0);
  await context.close();
});

test('the daughter marks the weekly shopping done and gives Erwin an hour of time credit, by keyboard on her phone', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInByLink(page, sabineEmail);
  await openHerrK(page);

  // done a few hours ago: the prescription Erwin fetched shows the 45 minutes she gave him then
  const fetched = page.getByRole('listitem', { name: 'Rezept aus der Apotheke holen' });
  await fetched.getByText('Erledigt von Erwin Roth').waitFor();
  await fetched.getByText('Zeitgutschrift: 45 Minuten').waitFor();

  const shopping = page.getByRole('listitem', { name: 'Einkauf für die Woche' });
  await shopping.getByRole('button', { name: 'Erledigt' }).click();
  await shopping.getByLabel('Ein Dankeschön (freiwillig)').fill('Danke, Erwin!');
  const give = shopping.getByRole('checkbox', { name: 'Zeitgutschrift schenken' });
  await give.focus();
  await page.keyboard.press('Space');
  assert.ok(await give.isChecked(), 'the checkbox works with the keyboard');
  const minutes = shopping.getByLabel('Minuten');
  assert.equal(await minutes.inputValue(), '60', 'the need’s hour is suggested');
  const payer = shopping.getByLabel('Von welchem Zeitkonto?');
  // the accounts arrive after the form opens: wait for them rather than race the request
  await payer.locator('option', { hasText: 'Mein Zeitkonto' }).waitFor({ state: 'attached' });
  assert.match(
    (await payer.locator('option').allTextContents()).join('|'),
    /^Mein Zeitkonto – verfügbar: 9 Std\. 15 Min\.$/,
  );
  await shopping.getByText(/steht nur „Unterstützungskreis: Hilfe erledigt“/).waitFor();
  await checkA11y(page, 'mark done with a credit');
  await shot(page, 'circles-done-credit');

  // more than her account can cover: nothing is marked done, the form says why at the minutes
  await minutes.fill('1440');
  await minutes.press('Enter');
  assert.match(await fieldMessage(page, minutes), /nur noch 555 Minuten verfügbar/);
  await shopping.getByText('Übernimmt: Erwin Roth').waitFor();
  await checkA11y(page, 'credit refused');

  await minutes.fill('60');
  await shopping.getByRole('button', { name: 'Als erledigt eintragen und 1 Stunde schenken' }).click();
  await page
    .getByRole('status')
    .getByText(
      '„Einkauf für die Woche“ ist als erledigt eingetragen; Erwin Roth hat 1 Stunde Zeitgutschrift bekommen.',
    )
    .waitFor();
  await shopping.getByText('Erledigt von Erwin Roth').waitFor();
  await shopping.getByText('Zeitgutschrift: 1 Stunde').waitFor();
  assert.equal(await shopping.getByRole('button', { name: 'Erledigt' }).count(), 0);
  await checkA11y(page, 'after the credit');

  // her statement names the credit without a word about the circle or the task
  await page.goto(`${server.url}/zeitbank/kontoauszug`);
  await expectPage(page, 'Kontoauszug', 'statement after a circle credit');
  const line = page.getByRole('row').filter({ hasText: 'Unterstützungskreis: Hilfe erledigt' }).first();
  await line.getByText('Erwin Roth').waitFor();
  await line.getByText('−1 Stunde').waitFor();
  const statement = (await page.locator('main').textContent()) ?? '';
  assert.ok(!statement.includes('Einkauf') && !statement.includes('Apotheke'), statement);
  await shot(page, 'circles-credit-statement');
  await context.close();
});

test('a new helper invited by link joins on a phone without a password', async () => {
  // the coordinator makes the link on the members page of her phone
  const coordinator = await newContext(browser, phone);
  const cPage = await coordinator.newPage();
  await signInByLink(cPage, sabineEmail);
  const circleId = await openHerrK(cPage);
  await cPage.goto(`${server.url}/kreise/${circleId}/mitglieder`);
  await expectPage(cPage, 'Mitglieder – Kreis um Herr K.', 'members (coordinator)');
  // a coordinator may invite helpers, relatives, professionals and readers, not other coordinators
  const roles = await cPage.getByLabel('Als was?').locator('option').allTextContents();
  assert.deepEqual(roles, ['Helfer/in', 'Angehörige/r', 'Fachkraft', 'Mitlesen']);
  await cPage.getByRole('button', { name: 'Link erzeugen' }).click();
  const url = await cPage.getByLabel('Einladungslink').inputValue();
  const token = new URL(url).hash.slice(1);
  assert.ok(token);
  await coordinator.close();

  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/kreise/beitreten#${token}`);
  await expectPage(page, 'Einem Kreis beitreten', 'join by link');
  await page.getByText('Sabine K. lädt Sie in den Unterstützungskreis um Herr K. ein.').waitFor();
  assert.ok(!page.url().includes(token), 'the secret is gone from the address bar');
  await page.getByRole('button', { name: 'Beitreten' }).click();
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Fehler/);
  await page.getByLabel('Ihr Name').fill('Nina Weber');
  await page.getByLabel('Ihre E-Mail-Adresse').fill('nina.weber@example.org');
  await checkA11y(page, 'join form filled');
  await shot(page, 'circles-join');
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await expectPage(page, 'Kreis um Herr K.', 'circle after joining');
  await page.getByText('Ihre Rolle: Helfer/in').waitFor();
  await page.getByRole('link', { name: /^(Mein Profil|My profile)$/ }).waitFor();
  await shot(page, 'circles-joined');
  await context.close();
});

test('a frozen circle explains itself to its owner', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'wolfgang.baumann@example.org');
  await page.goto(`${server.url}/kreise`);
  await expectPage(page, 'Meine Kreise', 'my circles (frozen)');
  await page.getByText('Eingefroren').waitFor();
  await page.getByRole('link', { name: 'Kreis um Frau B.' }).click();
  await expectPage(page, 'Kreis um Frau B.', 'frozen circle');
  await page.getByText(/hat die Einwilligung zurückgezogen/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Übernehme ich' }).count(), 0);
  await shot(page, 'circles-frozen');
  await context.close();
});
