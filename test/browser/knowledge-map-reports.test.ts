import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import {
  adminEmail,
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';
import { armXssTrap, assertNoXss, xssPayloads, xssText } from './xss.ts';

let server: TestServer;
let browser: Browser;
/** Frau M.'s seeded report, confirmed by the town, which six neighbours noticed too. */
const liftTitle = 'Aufzug an der Haltestelle Weidenau seit drei Wochen kaputt';
let lift: { id: string; lat: number; lng: number };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
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
  lift = await server.db
    .selectFrom('map_report')
    .select(['id', 'lat', 'lng'])
    .where('title', '=', liftTitle)
    .executeTakeFirstOrThrow();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone whose browser offers its position (here: `at`). */
async function phoneAt(at: { lat: number; lng: number }): Promise<Page> {
  const context = await newContext(browser, phone);
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation({ latitude: at.lat, longitude: at.lng });
  return context.newPage();
}

async function noSideways(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling on ${where} (${width}px)`);
}

test('Jonas, about to report the broken lift again, is offered the existing report and says "me too"', async () => {
  const page = await phoneAt({ lat: lift.lat + 0.0001, lng: lift.lng });
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/wissen/karte`);
  await expectPage(page, 'Stadtteilkarte', 'map');
  const list = page.getByRole('region', { name: 'Alle Meldungen als Liste' });
  await list.getByRole('link', { name: liftTitle }).waitFor();
  await noSideways(page, 'the map');
  await shot(page, 'map-reports-390');

  await page.getByRole('link', { name: 'Neue Meldung' }).click();
  await expectPage(page, 'Neue Meldung', 'new report');
  await page.getByText('Mangel', { exact: true }).click();
  await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
  const nearby = page.getByRole('region', { name: /Schon gemeldet\?/ });
  await nearby.getByRole('link', { name: liftTitle }).waitFor();
  await nearby.getByText('Meinen Sie eine davon? Dann „Ich auch“ drücken').waitFor();
  await checkA11y(page, 'new report with the duplicate suggestion');
  await shot(page, 'map-report-duplicate-390');
  await nearby.getByRole('button', { name: /^Ich auch: „Aufzug/ }).click();
  await page.getByRole('status').getByText('Danke! Jetzt haben es 7 Personen bemerkt.').waitFor();
  await nearby.getByRole('button', { name: /Ich auch/, pressed: true }).waitFor();
  // the count is the rows, and Jonas now follows the report
  const rows = await server.db
    .selectFrom('map_report_support')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('report_id', '=', lift.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(rows.n), 7);

  await nearby.getByRole('link', { name: liftTitle }).click();
  await expectPage(page, liftTitle, 'the lift report');
  await page.getByText('7 Personen haben das auch bemerkt').waitFor();
  await page.getByText(/Auch bemerkt haben: .*Jonas Berger/).waitFor();
  await page.getByText('Begründung: Wir haben uns den Aufzug angesehen', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Sie folgen – beenden', pressed: true }).waitFor();
  await noSideways(page, 'the report');
  await page.context().close();
});

test('Frau M. files a report with a photo on her phone in a few steps; the town confirms it with a reason', async () => {
  // a spot in Weidenau with no report of this kind close by
  const spot = { lat: lift.lat - 0.004, lng: lift.lng + 0.003 };
  const page = await phoneAt(spot);
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, 'margarete.m@example.org');
  await page.goto(`${server.url}/wissen/karte/neu`);
  await expectPage(page, 'Neue Meldung', 'new report');
  const started = Date.now();

  // nothing chosen yet: the form says what is missing, at each field
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  await page.getByText('Bitte wählen Sie, was Sie melden möchten.').waitFor();
  await page.getByText('Bitte wählen Sie den Ort', { exact: false }).first().waitFor();
  await checkA11y(page, 'new report with errors');

  const title = `Bank fehlt ${xssPayloads[1]} ${xssPayloads[0]}`;
  await page.getByText('Fehlendes Angebot', { exact: true }).click();
  await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
  await page.getByText('Der Ort ist auf der Karte gesetzt – im Stadtteil Weidenau.').waitFor();
  await page.getByLabel('Kurzer Titel').fill(title);
  // the category follows the kind
  assert.equal(await page.getByLabel('Thema').inputValue(), 'age');
  await page.getByText('Mehr angeben: Beschreibung und Foto (freiwillig)').click();
  await page.getByLabel('Beschreibung').fill(xssText);
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6a8' } })
    .png()
    .toBuffer();
  await page.getByLabel('Foto').setInputFiles({ name: 'platz.png', mimeType: 'image/png', buffer: png });
  await page.getByLabel('Was ist auf dem Foto zu sehen?').fill('Der leere Platz am Weidenauer Markt');
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  await page.getByRole('status').getByText('Danke! Ihre Meldung ist auf der Karte.').waitFor();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.ok(Date.now() - started < 60_000, 'filed in under a minute');
  await checkA11y(page, 'the new report');
  await assertNoXss(page, seen, 'the new report');
  await page.getByRole('img', { name: 'Der leere Platz am Weidenauer Markt' }).waitFor();
  // the text arrived as text
  await page.getByText('window.__xss=4', { exact: false }).first().waitFor();
  await page.getByRole('button', { name: 'Meldung zurückziehen' }).waitFor();
  await noSideways(page, 'the new report');
  await shot(page, 'map-report-filed-390');
  const reportUrl = page.url();

  // while it is new she may change it: the form comes filled in, with the photo to remove
  await page.getByRole('link', { name: 'Meldung ändern' }).click();
  await expectPage(page, 'Meldung ändern', 'edit report');
  assert.equal(await page.getByLabel('Kurzer Titel').inputValue(), title);
  await page.getByRole('img', { name: 'Der leere Platz am Weidenauer Markt' }).waitFor();
  await assertNoXss(page, seen, 'the edit form');
  await page.getByRole('link', { name: 'Zurück zur Meldung' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  // the accessible list shows it, filtered by kind
  await page.goto(`${server.url}/wissen/karte?kind=missing_offer`);
  await expectPage(page, 'Stadtteilkarte', 'map filtered');
  const list = page.getByRole('region', { name: 'Alle Meldungen als Liste' });
  await list.getByRole('link', { name: title }).waitFor();
  await list.getByRole('link', { name: 'Kein Geldautomat mehr in Weidenau' }).waitFor();
  assert.equal(await list.getByRole('link', { name: liftTitle }).count(), 0);
  await assertNoXss(page, seen, 'the map list');

  // Thomas of the town confirms it, with a reason everyone reads
  const staff = await (await newContext(browser, desktop)).newPage();
  const staffSeen = await armXssTrap(staff);
  await signInWithPassword(staff, server, 'thomas.becker@lindenbrueck.example');
  await staff.goto(reportUrl);
  await expectPage(staff, title, 'the report for the town');
  const form = staff.getByRole('region', { name: 'Stand ändern' });
  await form.getByRole('button', { name: 'Stand ändern' }).click();
  await form.getByText('Bitte einen Grund angeben', { exact: false }).waitFor();
  await form.getByLabel('Neuer Stand').selectOption({ label: 'bestätigt' });
  await form.getByLabel('Begründung').fill(xssText);
  await form.getByRole('button', { name: 'Stand ändern' }).click();
  await staff.getByRole('status').getByText('Der Stand ist jetzt „bestätigt“.', { exact: false }).waitFor();
  const history = staff.getByRole('region', { name: 'Verlauf' });
  await history.getByText('Stadtverwaltung Lindenbrück – Sozialplanung', { exact: false }).waitFor();
  await history.getByText('window.__xss=7', { exact: false }).waitFor();
  await checkA11y(staff, 'the report with its history');
  await assertNoXss(staff, staffSeen, 'the status history');
  await staff.context().close();

  // Frau M. hears of it; once taken up she can no longer withdraw it
  await page.goto(`${server.url}/benachrichtigungen`);
  await page.getByText('ist bestätigt. Begründung:', { exact: false }).first().waitFor();
  await assertNoXss(page, seen, 'the notifications');
  await page.goto(reportUrl);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Meldung zurückziehen' }).count(), 0);
  await page.getByText('Stand: bestätigt').first().waitFor();
  await assertNoXss(page, seen, 'the confirmed report');
  await page.context().close();
});

test('the coordinator sees the new reports waiting for a first status on the home page', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/heute`);
  const section = page.getByRole('region', { name: 'Neue Meldungen auf der Stadtteilkarte' });
  await section
    .getByRole('link', { name: /prüfen und einen Stand setzen/ })
    .first()
    .waitFor();
  await checkA11y(page, 'today');
  await page.context().close();
});

test('a map with more reports than the list counts says "more than 200", in German and English', async () => {
  await server.db
    .insertInto('map_report')
    .columns(['network_id', 'kind', 'category', 'title', 'lat', 'lng'])
    .expression(
      sql`SELECT ${server.networkId}::uuid, 'suggestion', 'other', 'Viele Meldungen ' || i,
            51.29 + (i % 40) * 0.0005, 9.46 + (i / 40) * 0.0005
          FROM generate_series(1, 250) AS i`,
    )
    .execute();
  try {
    const page = await (await newContext(browser, desktop)).newPage();
    await page.goto(`${server.url}/wissen/karte`);
    await expectPage(page, 'Stadtteilkarte', 'map');
    const list = page.getByRole('region', { name: 'Alle Meldungen als Liste' });
    await list.getByRole('status').filter({ hasText: 'Mehr als 200 Meldungen' }).waitFor();
    await list.getByText('Seite 1 von mehr als 10').waitFor();
    // filed at the same moment, the newest page holds 20 of them (the id decides which)
    await list
      .getByRole('link', { name: /^Viele Meldungen \d+$/ })
      .first()
      .waitFor();
    await checkA11y(page, 'the map with a capped count');

    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'All reports as a list' });
    await english.getByRole('status').filter({ hasText: 'More than 200 reports' }).waitFor();
    await english.getByText('Page 1 of more than 10').waitFor();
    await page.context().close();
  } finally {
    await server.db.deleteFrom('map_report').where('title', 'like', 'Viele Meldungen %').execute();
  }
});
