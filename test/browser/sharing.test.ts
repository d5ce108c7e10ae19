import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { localParts } from '../../server/platform/localTime.ts';
import {
  adminEmail,
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

let server: TestServer;
let browser: Browser;
const claudiaEmail = 'claudia.fischer@diakonie-lindenbrueck.example';
const jonasEmail = 'jonas@example.org';
const room = 'Besprechungsraum der Diakonie';
const note = 'Planungstreffen Seniorencafé';

/** A local date (YYYY-MM-DD, Europe/Berlin) at least `minDays` ahead that falls on `weekday` (1 = Monday). */
function aheadOn(weekday: number, minDays: number): string {
  const p = localParts(new Date());
  for (let k = minDays; ; k++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + k));
    if (((d.getUTCDay() + 6) % 7) + 1 === weekday) return d.toISOString().slice(0, 10);
  }
}
const bookingDay = aheadOn(3, 14); // a Wednesday, two weeks or more ahead

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The admin's map setting: a tile server that tests never reach (every request outside is aborted).
  await server.db
    .updateTable('network')
    .set({
      settings: JSON.stringify({
        mapCenter: [51.3, 9.48],
        mapZoom: 13,
        tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
        tileAttribution: '© Testkarte',
      }),
    })
    .where('id', '=', server.networkId)
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The .ics behind a feed URL the page shows (its origin is the configured public URL, not the test's port). */
async function fetchFeed(page: Page, url: string): Promise<string> {
  const res = await page.request.get(`${server.url}${new URL(url).pathname}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /text\/calendar/);
  return res.text();
}

/** The catalogue's filters behind their "Filter" button (on a phone, and on the map page): opened. */
async function openFilters(page: Page) {
  const toggle = page.getByRole('search').getByRole('button', { name: /^Filter( \(|$)/ });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
}

test('Petra finds the Diakonie’s room in the list and on the map, on a phone, and requests it', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await (await mainNav(page)).getByRole('link', { name: 'Teilen' }).click();
  await page
    .getByRole('status')
    .getByText(/\d+ Angebote gefunden/)
    .waitFor();
  await expectPage(page, 'Teilen', 'catalogue');
  await shot(page, 'sharing-catalogue-390');

  // the list: rooms only
  // results first: the filters wait behind their button
  const filters = page.getByRole('search');
  assert.equal(await filters.getByLabel('Art').isVisible(), false);
  await openFilters(page);
  await filters.getByLabel('Art').selectOption({ label: 'Raum' });
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await page.getByRole('status').getByText('3 Angebote gefunden').waitFor();
  await page.getByRole('link', { name: room }).waitFor();
  // the button counts what is set
  await filters.getByRole('button', { name: 'Filter (1 gesetzt)' }).waitFor();
  // free in a window: next Monday evening the Freiwilligenagentur has the bakery's back room
  await openFilters(page);
  await filters.getByLabel('Tag').fill(aheadOn(1, 1));
  await filters.getByLabel('von').fill('18:30');
  await filters.getByLabel('bis').fill('19:30');
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  // only the hall: the back room is booked, the Diakonie's room closes at 18 h on workdays
  await page.getByRole('status').getByText('1 Angebot gefunden').waitFor();
  await page.getByRole('link', { name: 'Saal im Nachbarschaftszentrum' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Hinterzimmer der Bäckerei Yilmaz' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: room }).count(), 0);
  await filters.getByLabel('Suchbegriff').fill('Teleskop');
  await filters.getByRole('button', { name: 'Suchen' }).click();
  await page.getByText(/Nichts passt zu diesen Filtern/).waitFor();
  await checkA11y(page, 'catalogue, nothing found');
  // near a district's centre: a neighbour's lawnmower, its address shown only approximately
  await filters.getByRole('button', { name: 'Filter löschen' }).click();
  await openFilters(page);
  await filters.getByLabel('Entfernung ab').selectOption({ label: 'Mitte von Weidenau' });
  await filters.getByLabel('Umkreis').selectOption({ label: '1 km' });
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await page.getByRole('status').getByText('1 Angebot gefunden').waitFor();
  const mower = page.locator('li.resource-card', { hasText: 'Rasenmäher (Benzin)' });
  await mower.getByText(/km entfernt/).waitFor();

  // the map, with the same filters: rooms in Am Bahnhof
  await page
    .getByRole('navigation', { name: 'Bereiche von Teilen' })
    .getByRole('link', { name: 'Karte' })
    .click();
  await expectPage(page, 'Karte der Angebote', 'map');
  const mapFilters = page.getByRole('search');
  await openFilters(page);
  await mapFilters.getByLabel('Art').selectOption({ label: 'Raum' });
  await mapFilters.getByLabel('Stadtteil').selectOption({ label: 'Am Bahnhof' });
  await mapFilters.getByRole('button', { name: 'Anzeigen' }).click();
  // the map moves to the district; the list beside it holds what is in view, centre first
  await page
    .getByRole('status')
    .getByText(/^2 Angebote im Kartenausschnitt/)
    .waitFor();
  const list = page.getByRole('region', { name: 'Angebote im Kartenausschnitt' });
  await list.getByRole('link', { name: room }).waitFor();
  const marker = page.locator(`.leaflet-marker-icon[title^="${room}"]`);
  await marker.waitFor();
  await checkA11y(page, 'map with markers');
  await shot(page, 'sharing-map-390');
  await marker.click();
  await page.locator('.leaflet-popup').getByRole('link', { name: room }).click();
  await expectPage(page, room, 'resource page');

  // request Wednesday 10–12
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Anfrage senden' }) });
  await form.getByLabel('Datum').fill(bookingDay);
  await form.getByLabel('Beginn').fill('10:00');
  await form.getByLabel('Ende').fill('12:00');
  await form.getByLabel('Nachricht an die Anbieter').fill(note);
  await form.getByRole('button', { name: 'Anfrage senden' }).click();
  await page.getByRole('status').getByText('Buchung angefragt.').waitFor();
  const result = page.locator('div.stack', { has: page.getByRole('heading', { name: '1 Termin angelegt' }) });
  await result.getByText('angefragt').waitFor();
  await checkA11y(page, 'resource page after a request');
  await shot(page, 'sharing-resource-390');
  await context.close();
});

test('Claudia approves the request; Petra sees it confirmed and in her calendar feed; the slot is then taken', async () => {
  const claudiaContext = await newContext(browser, desktop);
  const claudia = await claudiaContext.newPage();
  await signInWithPassword(claudia, server, claudiaEmail);
  await claudia.goto(`${server.url}/teilen/anfragen`);
  await expectPage(claudia, 'Anfragen an mich', 'owner requests');
  const card = claudia.locator('li.booking-card', { hasText: note });
  await card.getByText('Angefragt von Petra Lange').waitFor();
  await shot(claudia, 'sharing-requests-1280');
  await card.getByLabel(/Nachricht an die anfragende Person/).fill('Gern! Schlüssel an der Pforte.');
  await card.getByRole('button', { name: 'Bestätigen' }).click();
  await card.waitFor({ state: 'detached' });
  await claudia.getByLabel('Status').selectOption({ label: 'bestätigt' });
  await claudia.locator('li.booking-card', { hasText: note }).getByText('bestätigt').first().waitFor();
  await checkA11y(claudia, 'owner requests, approved');

  // the room's own calendar feed shows Petra's booking
  await claudia.locator('li.booking-card', { hasText: note }).getByRole('link', { name: room }).click();
  await expectPage(claudia, room, 'booking page');
  await claudia.getByRole('link', { name: 'Zum Angebot' }).click();
  await expectPage(claudia, room, 'resource page (owner)');
  await claudia.getByRole('button', { name: 'Kalender-Adresse erzeugen' }).click();
  const roomFeed = await claudia.getByLabel('Kalender-Adresse').inputValue();
  assert.match(roomFeed, /\/api\/v1\/bookings\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  const roomIcs = await fetchFeed(claudia, roomFeed);
  assert.match(roomIcs, /SUMMARY:Petra Lange\r?\n/);
  assert.match(roomIcs, /STATUS:CONFIRMED/);
  await checkA11y(claudia, 'resource page with feed');
  await shot(claudia, 'sharing-resource-owner-1280');
  // revoked, the address stops working
  await claudia.getByRole('button', { name: 'Adresse widerrufen' }).click();
  await claudia.getByRole('alertdialog').getByRole('button', { name: 'Ja, widerrufen' }).click();
  await claudia.getByRole('alertdialog').waitFor({ state: 'detached' });
  const gone = await claudia.request.get(`${server.url}${new URL(roomFeed).pathname}`);
  assert.equal(gone.status(), 404);
  await claudiaContext.close();

  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen/buchungen`);
  await expectPage(page, 'Meine Buchungen', 'my bookings');
  const mine = page.locator('li.booking-card', { hasText: note });
  await mine.getByText('bestätigt').waitFor();
  await mine.getByText('Gern! Schlüssel an der Pforte.').waitFor();
  await page.getByRole('button', { name: 'Kalender-Adresse erzeugen' }).click();
  const feed = await page.getByLabel('Kalender-Adresse').inputValue();
  const ics = await fetchFeed(page, feed);
  const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`SUMMARY:${room}\r\n`));
  assert.ok(event, `an event for the room in:\n${ics}`);
  assert.match(event, /STATUS:CONFIRMED/);
  // 10:00 in Lindenbrück is 09:00 UTC in winter and 08:00 UTC in summer
  assert.match(event, new RegExp(`DTSTART:${bookingDay.replaceAll('-', '')}T0[89]0000Z`));
  await checkA11y(page, 'my bookings with feed');
  await shot(page, 'sharing-bookings-390');

  // the same slot again: the server's message names the confirmed booking
  await page.goto(`${server.url}/teilen?art=room`);
  await page.getByRole('link', { name: room }).click();
  await expectPage(page, room, 'resource page again');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Anfrage senden' }) });
  await form.getByLabel('Datum').fill(bookingDay);
  await form.getByLabel('Beginn').fill('11:00');
  await form.getByLabel('Ende').fill('13:00');
  await form.getByRole('button', { name: 'Anfrage senden' }).click();
  const alert = form.getByRole('alert');
  await alert.getByText(/überschneidet sich mit einer bestätigten Buchung: .*10:00–12:00/).waitFor();
  await checkA11y(page, 'resource page, conflict');

  // cancel the older, still open request for the room (confirmed in a dialog)
  await page.goto(`${server.url}/teilen/buchungen?status=requested`);
  await expectPage(page, 'Meine Buchungen', 'my bookings, requested');
  const open = page.locator('li.booking-card', { hasText: 'Netzwerktreffen der Stadtteilinitiativen' });
  await open.getByRole('button', { name: 'Stornieren' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('heading', { name: 'Buchung stornieren?' }).waitFor();
  await checkA11y(page, 'cancel dialog');
  await dialog.getByRole('button', { name: 'Ja, stornieren' }).click();
  await open.waitFor({ state: 'detached' });
  await context.close();
});

test('a weekly series reports the taken Mondays and books the free one', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen?q=Hinterzimmer`);
  await page.getByRole('link', { name: 'Hinterzimmer der Bäckerei Yilmaz' }).click();
  await expectPage(page, 'Hinterzimmer der Bäckerei Yilmaz', 'back room');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Anfrage senden' }) });
  const firstMonday = aheadOn(1, 1);
  const fifth = new Date(`${firstMonday}T12:00:00Z`);
  fifth.setUTCDate(fifth.getUTCDate() + 28);
  await form.getByLabel('Datum').fill(firstMonday);
  await form.getByLabel('Beginn').fill('18:00');
  await form.getByLabel('Ende').fill('20:00');
  await form.getByLabel('Jede Woche zur selben Zeit wiederholen').check();
  await form.getByLabel('Wiederholen bis einschließlich').fill(fifth.toISOString().slice(0, 10));
  await form.getByRole('button', { name: 'Anfrage senden' }).click();
  await page.getByRole('status').getByText('Buchung angefragt. 4 Termine sind nicht möglich.').waitFor();
  const result = page.locator('div.stack', { has: page.getByRole('heading', { name: '1 Termin angelegt' }) });
  await result.getByText('4 Termine nicht möglich').waitFor();
  assert.equal(await result.getByText(/überschneidet sich mit einer bestätigten Buchung/).count(), 4);
  await checkA11y(page, 'series result');
  await shot(page, 'sharing-series-1280');
  await context.close();
});

test('Petra pays Jonas for his skill offer; both statements change; the admin sees a healthy ledger', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/tauschring`);
  await expectPage(page, 'Tauschring', 'exchange ring');
  await shot(page, 'sharing-exchange-390');
  await page.getByRole('link', { name: 'Fahrrad-Check und kleine Reparaturen' }).click();
  await expectPage(page, 'Fahrrad-Check und kleine Reparaturen', 'post page');
  await page.getByLabel('Nachricht an Jonas Berger').fill('Hallo Jonas, hast du Samstag Zeit für mein Rad?');
  await page.getByRole('button', { name: 'Senden' }).click();
  await page.locator('.message-list').getByText('Hallo Jonas, hast du Samstag Zeit für mein Rad?').waitFor();
  await checkA11y(page, 'post page with a message');
  await shot(page, 'sharing-post-390');
  await page.getByRole('link', { name: 'Jonas Berger mit Zeitgutschrift bezahlen' }).click();
  await expectPage(page, 'Zeitbank', 'time bank');
  const form = page.locator('form', { has: page.getByRole('button', { name: /bezahlen$/ }) });
  assert.equal(await form.getByLabel('An').locator('option:checked').textContent(), 'Jonas Berger');
  await form.getByRole('button', { name: '1 Stunde bezahlen' }).click();
  await page.getByRole('status').getByText('1 Stunde an Jonas Berger bezahlt.').waitFor();
  await checkA11y(page, 'time bank after paying');
  await shot(page, 'sharing-timebank-390');

  // the neighbourhood centre's account: the bike workshop's open request, confirmed
  await page.getByLabel('Konto', { exact: true }).selectOption({ label: 'Nachbarschaftszentrum Lindenhof' });
  const request = page.locator('li', { hasText: 'bittet um 1 Stunde' });
  await request.getByRole('button', { name: '1 Stunde bezahlen' }).click();
  await page.getByText('Keine offenen Anfragen.').waitFor();

  await page.getByLabel('Konto', { exact: true }).selectOption({ label: 'Mein Zeitkonto' });
  await page.getByRole('link', { name: 'Kontoauszug' }).first().click();
  await expectPage(page, 'Kontoauszug', 'statement (payer)');
  const row = page.getByRole('row', { name: /Jonas Berger/ });
  await row.getByText('−1 Stunde').first().waitFor();
  await page.getByRole('status').getByText('1 Buchung, Kontostand −1 Stunde').waitFor();
  const csv = await page.request.get(
    `${server.url}${await page.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')}`,
  );
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Jonas Berger.*-60;-60/);
  await shot(page, 'sharing-statement-390');
  await context.close();

  const jonasContext = await newContext(browser, desktop);
  const jonas = await jonasContext.newPage();
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/zeitbank/kontoauszug`);
  await expectPage(jonas, 'Kontoauszug', 'statement (payee)');
  const credit = jonas.getByRole('row', { name: /Petra Lange/ });
  await credit.getByText('+1 Stunde').waitFor();
  await credit.getByText('Fahrrad-Check und kleine Reparaturen').waitFor();
  // 180 + 120 − 90 + 120 earned and spent in the demo town, and 60 from Petra
  await jonas
    .getByRole('status')
    .getByText(/Kontostand 6 Std\. 30 Min\./)
    .waitFor();
  await shot(jonas, 'sharing-statement-1280');
  await jonasContext.close();

  const adminContext = await newContext(browser, desktop);
  const admin = await adminContext.newPage();
  await signInWithPassword(admin, server, adminEmail);
  await admin.goto(`${server.url}/zeitbank`);
  await expectPage(admin, 'Zeitbank', 'time bank (admin)');
  await admin.getByText('Alles stimmt: Die Konten gehen auf null auf.').waitFor();
  await shot(admin, 'sharing-timebank-1280');
  await adminContext.close();
});

test('Petra offers a room with a photo and sees how her centre’s resources are used', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen`);
  await page.getByRole('link', { name: 'Etwas anbieten' }).click();
  await expectPage(page, 'Etwas anbieten', 'offer form');
  await page.getByLabel('Anbieter').selectOption({ label: 'Nachbarschaftszentrum Lindenhof' });
  await page.getByLabel(/^Titel/).fill('Gruppenraum im Obergeschoss');
  // the place: the search finds the district in the town's own directory (no geocoder here)
  const place = page.getByRole('group', { name: 'Ort' });
  await place.getByLabel('Adresse oder Ort suchen').fill('Lindenhof');
  await place.getByRole('button', { name: 'Suchen', exact: true }).click();
  await place.getByText(/ausgeschaltet; gesucht wurde in den Stadtteilen/).waitFor();
  await place.getByRole('button', { name: 'Lindenhof · Stadtteil' }).click();
  await place.getByText('Der Ort ist auf der Karte gesetzt – im Stadtteil Lindenhof.').waitFor();
  assert.equal(
    await page.getByLabel('Stadtteil', { exact: true }).locator('option:checked').textContent(),
    'Lindenhof',
  );
  await page.getByRole('button', { name: 'Anbieten' }).click();
  await expectPage(page, 'Gruppenraum im Obergeschoss bearbeiten', 'edit page');
  // a photo without a description is refused at the field
  const photoForm = page.locator('form', { has: page.getByRole('button', { name: 'Hochladen' }) });
  const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#8ab' } })
    .png()
    .toBuffer();
  await photoForm
    .getByLabel('Bilddatei')
    .setInputFiles({ name: 'raum.png', mimeType: 'image/png', buffer: png });
  await photoForm.getByRole('button', { name: 'Hochladen' }).click();
  await photoForm.locator('input[name=alt][aria-invalid="true"]').waitFor();
  await photoForm.getByLabel(/^Bildbeschreibung/).fill('Heller Raum mit Stuhlkreis und großen Fenstern');
  await photoForm.getByRole('button', { name: 'Hochladen' }).click();
  await page.getByRole('img', { name: 'Heller Raum mit Stuhlkreis und großen Fenstern' }).waitFor();
  await checkA11y(page, 'edit page with photo');
  await shot(page, 'sharing-edit-1280');

  await page.goto(`${server.url}/teilen/auslastung`);
  await expectPage(page, 'Auslastung', 'utilisation');
  await page.getByRole('table').getByRole('link', { name: 'Saal im Nachbarschaftszentrum' }).waitFor();
  assert.ok(
    (await page.getByRole('table').getByText('wenig genutzt').count()) >= 1,
    'idle resources are marked',
  );
  await shot(page, 'sharing-utilisation-1280');
  await context.close();
});
