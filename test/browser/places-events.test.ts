import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { localDate } from '../../server/platform/localTime.ts';
import {
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  newContext,
  petraEmail,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * The one calendar across all areas on a phone: Jonas filters it, opens the full smartphone hour,
 * joins its waitlist and leaves it again, registers for the Caritas evening and gets its online link;
 * the month view. Petra invites to an event through the form and cancels it. Axe finds nothing on any
 * of these pages.
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

const fits = async (page: Page) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
};

test('Jonas filters the calendar on his phone, joins the waitlist of a full event and registers for another', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/raeume/kalender`);
  await expectPage(page, 'Kalender', 'calendar list');
  await page.getByRole('heading', { level: 4, name: 'Nachbarschaftscafé am Mittwoch' }).first().waitFor();
  // Mitmachen's shifts are in the same list
  await page.getByText('Einsatz · Mitmachen').first().waitFor();
  await fits(page);
  await shot(page, 'places-calendar-390');

  // only Räume & Brücken's events with a step-free place
  const filters = page.getByRole('search');
  await filters.getByLabel('Bereich').selectOption({ label: 'Räume & Brücken' });
  await filters.getByLabel('stufenlos erreichbar ist').check();
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await page.waitForURL(/bereich=places/);
  await page.waitForURL(/stufenlos=1/);
  const results = page.locator('#results');
  const smartphone = results.getByRole('link', { name: 'Smartphone-Sprechstunde: WhatsApp und Videoanrufe' });
  await smartphone.waitFor();
  assert.equal(await results.getByText('Einsatz · Mitmachen').count(), 0, 'no shifts with the area filter');
  assert.equal(
    await results.getByRole('link', { name: /Stadtteilspaziergang/ }).count(),
    0,
    'the walk has stairs',
  );
  await checkA11y(page, 'calendar filtered');

  // the full smartphone hour: Jonas waits fourth, then leaves the waitlist again
  await smartphone.click();
  await expectPage(page, 'Smartphone-Sprechstunde: WhatsApp und Videoanrufe', 'a full event');
  await page.getByText('Ausgebucht – 3 Personen warten').waitFor();
  await page.getByRole('button', { name: 'Auf die Warteliste' }).click();
  await page.getByText('Sie stehen auf der Warteliste, Platz 4.', { exact: false }).first().waitFor();
  await page.getByText('Ausgebucht – 4 Personen warten').waitFor();
  await checkA11y(page, 'on the waitlist');
  await fits(page);
  await shot(page, 'places-event-waitlist-390');
  await page.getByRole('button', { name: 'Von der Warteliste nehmen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Wirklich abmelden?' });
  await checkA11y(page, 'withdraw dialog');
  await dialog.getByRole('button', { name: 'Ja, abmelden' }).click();
  await page.getByText('Sie sind abgemeldet.').waitFor();
  await page.getByRole('button', { name: 'Auf die Warteliste' }).waitFor();

  // an evening with places, on site and online: registered, the link to join is his
  await page.goto(`${server.url}/raeume/kalender?online=1`);
  await page
    .locator('#results')
    .getByRole('link', { name: 'Infoabend: Wohngeld und Grundsicherung' })
    .click();
  await expectPage(page, 'Infoabend: Wohngeld und Grundsicherung', 'an event with places');
  await page.getByText('Den Link zum Mitmachen sehen Sie, sobald Sie einen Platz haben.').waitFor();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.getByText('Sie sind angemeldet.', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Online teilnehmen' }).waitFor();
  await checkA11y(page, 'registered');
  // his registrations head the calendar (where his home's "more" leads)
  await page.goto(`${server.url}/raeume/kalender#meine-termine`);
  const mine = page.getByRole('region', { name: 'Ihre Anmeldungen' });
  await mine.getByRole('link', { name: 'Infoabend: Wohngeld und Grundsicherung' }).waitFor();
  await mine.getByRole('link', { name: 'Fahrrad-Check vor dem Winter' }).waitFor();

  // the month, on the phone: each day with entries is one link
  await page.goto(`${server.url}/raeume/kalender?ansicht=monat`);
  await expectPage(page, 'Kalender', 'calendar month');
  await page.getByRole('table').waitFor();
  await fits(page);
  await shot(page, 'places-calendar-month-390');
  await page.getByRole('button', { name: 'Nächster Monat' }).click();
  await page.waitForURL(/monat=/);
  await page.getByRole('table').waitFor();
  await checkA11y(page, 'calendar next month');
});

test('Petra invites to an event with the form, sees it in the calendar and cancels it after a confirmation', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/raeume/kalender`);
  await page.getByRole('link', { name: 'Veranstaltung anlegen' }).click();
  await expectPage(page, 'Neue Veranstaltung', 'event form');
  const form = page.locator('form.event-form');
  await form.getByLabel('Titel').fill('Lesecafé im Hof');
  const day = await form.getByLabel('Beginnt am').inputValue();
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  await form.getByLabel('Straße und Hausnummer').fill('Lindenhofer Straße 58');
  await form.getByLabel('Postleitzahl').fill('34560');
  await form.getByLabel('Ort', { exact: true }).fill('Lindenbrück');
  await form.getByLabel('Der Ort ist stufenlos erreichbar (Eingang, Raum und Toilette)').check();
  await form.getByLabel('Wie viele Plätze?').fill('2');
  await form.getByRole('button', { name: 'Veranstaltung speichern' }).click();
  await expectPage(page, 'Lesecafé im Hof', 'the new event');
  await page.getByText('2 von 2 frei').waitFor();
  await page.getByText('Lindenhofer Straße 58, 34560 Lindenbrück').waitFor();
  await shot(page, 'places-event-new-1280');

  await page.getByRole('button', { name: 'Absagen' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Veranstaltung absagen?' });
  await dialog.getByLabel('Grund (wird mitgeschickt, freiwillig)').fill('Regen angesagt.');
  await checkA11y(page, 'cancel dialog');
  await dialog.getByRole('button', { name: 'Ja, absagen' }).click();
  await page.getByText('Diese Veranstaltung ist abgesagt.').waitFor();
  await page.getByText('Grund: Regen angesagt.').waitFor();
  await checkA11y(page, 'a cancelled event');
});

test('in English: the month and an event, as a visitor', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  await page.goto(`${server.url}/`);
  await page.evaluate(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  // the month the smartphone hour is in (three days from now: this month or the next)
  const hour = await server.db
    .selectFrom('place_event')
    .select('starts_at')
    .where('title', 'like', 'Smartphone-Sprechstunde%')
    .executeTakeFirstOrThrow();
  const month = localDate(hour.starts_at).slice(0, 7);
  await page.goto(`${server.url}/raeume/kalender?ansicht=monat&monat=${month}`);
  await expectPage(page, 'Calendar', 'calendar month in English');
  await page.getByRole('button', { name: 'Next month' }).waitFor();
  await page
    .getByRole('link', { name: /Smartphone-Sprechstunde/ })
    .first()
    .click();
  await expectPage(page, 'Smartphone-Sprechstunde: WhatsApp und Videoanrufe', 'an event in English');
  await page.getByText('Fully booked – 3 people waiting').waitFor();
  await page.getByRole('link', { name: 'Please sign in to register' }).waitFor();
  await shot(page, 'places-event-en-1280');
});
