import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  adminEmail,
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
 * Forms that fit what is offered and maps that show something (issue 13, items 4 and 6): places
 * picked by address search — through our server, to a fake geocoder on loopback, since the test
 * machine has no internet — and on the map, never by typing coordinates; a skill offer without
 * lending questions; a booking form that opens with a free time; maps whose tiles cannot load
 * still showing the districts and the markers; the Teilen page with its results first.
 */

let server: TestServer;
let browser: Browser;
let geocoder: Server;
const asked: { q: string | null; headers: IncomingHttpHeaders }[] = [];
/** where the fake geocoder puts "Lindenhofer Straße 58": the middle of Lindenhof */
let lindenhof = { id: '', lat: 0, lng: 0 };

before(async () => {
  geocoder = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    asked.push({ q: url.searchParams.get('q'), headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    const q = url.searchParams.get('q') ?? '';
    res.end(
      JSON.stringify(
        /lindenhofer/i.test(q)
          ? [
              {
                lat: String(lindenhof.lat),
                lon: String(lindenhof.lng),
                address: {
                  road: 'Lindenhofer Straße',
                  house_number: '58',
                  postcode: '34560',
                  town: 'Lindenbrück',
                },
              },
            ]
          : [],
      ),
    );
  });
  await new Promise<void>((r) => geocoder.listen(0, '127.0.0.1', r));
  const port = (geocoder.address() as AddressInfo).port;
  server = await startServer({ env: { GEOCODER_URL: `http://127.0.0.1:${port}/search` } });
  const d = await server.db
    .selectFrom('district')
    .select(['id', 'center_lat', 'center_lng'])
    .where('slug', '=', 'lindenhof')
    .executeTakeFirstOrThrow();
  lindenhof = { id: d.id, lat: d.center_lat!, lng: d.center_lng! };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  geocoder.closeAllConnections();
  await new Promise((r) => geocoder.close(r));
});

/** Every request for a map tile, blocked as if offline (newContext blocks them anyway; said here on purpose). */
async function blockTiles(page: Page): Promise<string[]> {
  const tried: string[] = [];
  await page.route(/tile\.openstreetmap\.org/, (route) => {
    tried.push(route.request().url());
    return route.abort();
  });
  return tried;
}

async function resourceRow(title: string) {
  return server.db
    .selectFrom('resource')
    .select(['id', 'address', 'lat', 'lng', 'district_id', 'deposit_cents', 'buffer_minutes'])
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
}

test('on a phone, Petra picks a place by its address: asked through our server, the address and district filled in', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await blockTiles(page);
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen/neu`);
  await expectPage(page, 'Etwas anbieten', 'offer form');
  // nobody types coordinates
  assert.equal(await page.getByLabel(/Breitengrad|Längengrad/).count(), 0);
  await page.getByLabel('Anbieter').selectOption({ label: 'Nachbarschaftszentrum Lindenhof' });
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Raum' });
  await page.getByLabel(/^Titel/).fill('Werkstattraum im Hof');

  const picker = page.getByRole('group', { name: 'Ort' });
  await picker.getByLabel('Adresse oder Ort suchen').fill('Lindenhofer Straße 58');
  // Enter searches here, it does not send the form
  await picker.getByLabel('Adresse oder Ort suchen').press('Enter');
  const found = picker.getByRole('button', { name: 'Lindenhofer Straße 58, 34560 Lindenbrück', exact: true });
  await found.waitFor();
  // the geocoder's answer, and the town's own directory: the centre at that address
  await picker.getByText('2 Orte gefunden').waitFor();
  await picker
    .getByRole('button', { name: /^Nachbarschaftszentrum Lindenhof, Lindenhofer Straße 58/ })
    .waitFor();
  assert.equal(page.url(), `${server.url}/teilen/neu`);
  await checkA11y(page, 'place picker with a found place');
  await shot(page, 'forms-maps-picker-found-390');
  await found.click();
  await picker.getByText('Der Ort ist auf der Karte gesetzt – im Stadtteil Lindenhof.').waitFor();
  assert.equal(await picker.getByLabel('Straße und Hausnummer').inputValue(), 'Lindenhofer Straße 58');
  assert.equal(await picker.getByLabel('Postleitzahl').inputValue(), '34560');
  assert.equal(await picker.getByLabel('Ort', { exact: true }).inputValue(), 'Lindenbrück');
  assert.equal(await page.getByLabel('Stadtteil', { exact: true }).inputValue(), lindenhof.id);
  // the geocoder heard our server, not the browser: a named User-Agent, no cookie
  const request = asked.at(-1)!;
  assert.equal(request.q, 'Lindenhofer Straße 58');
  assert.match(String(request.headers['user-agent']), /^Knotenpunkt \(/);
  assert.equal(request.headers.cookie, undefined);

  await page.getByRole('button', { name: 'Anbieten' }).click();
  await page.waitForURL(/\/bearbeiten$/);
  const row = await resourceRow('Werkstattraum im Hof');
  assert.equal(row.address, 'Lindenhofer Straße 58, 34560 Lindenbrück');
  assert.equal(row.lat, lindenhof.lat);
  assert.equal(row.lng, lindenhof.lng);
  assert.equal(row.district_id, lindenhof.id);
  await context.close();
});

test('on a phone, the place is set on the map by tapping, by the arrow keys and by the map centre', async () => {
  const context = await newContext(browser, { ...phone });
  const page = await context.newPage();
  await blockTiles(page);
  await signInWithPassword(page, server, petraEmail);
  const { id } = await resourceRow('Werkstattraum im Hof');
  await page.goto(`${server.url}/teilen/ressourcen/${id}/bearbeiten`);
  const picker = page.getByRole('group', { name: 'Ort' });
  await picker.getByText(/im Stadtteil Lindenhof/).waitFor();
  await picker.getByRole('button', { name: 'Markierung entfernen' }).click();
  await picker.getByText('Noch ist kein Ort auf der Karte gesetzt.').waitFor();

  // a tap on the map sets the pin
  const map = picker.getByRole('region', { name: /Karte zum Wählen/ });
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.6);
  const marker = picker.locator('.place-marker');
  await marker.waitFor();
  await picker.getByText(/Der Ort ist auf der Karte gesetzt/).waitFor();
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.getByText('Gespeichert.').first().waitFor();
  const tapped = await resourceRow('Werkstattraum im Hof');
  assert.notEqual(tapped.lat, lindenhof.lat);

  // by keyboard: from the map, Tab reaches the pin, which moves with the arrow keys (the map stays)
  await map.focus();
  await page.keyboard.press('Tab');
  assert.equal(await marker.evaluate((el) => el === document.activeElement), true);
  const ring = await marker.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.ok(ring === 'solid' || ring === 'auto', `the focused pin shows a ring (${ring})`);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.waitForFunction(
    async ([title, before]) => {
      const r = await fetch(`/api/v1/resources?q=${encodeURIComponent(String(title))}`);
      const j = await r.json();
      return j.items[0] && j.items[0].lat > Number(before);
    },
    ['Werkstattraum im Hof', tapped.lat],
  );
  const moved = await resourceRow('Werkstattraum im Hof');
  assert.ok(moved.lat! > tapped.lat!, 'up moves north');
  assert.ok(moved.lng! > tapped.lng!, 'right moves east');

  // or the map moves (arrow keys on the map) and the pin goes to its centre
  await map.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await picker.getByRole('button', { name: 'Kartenmitte übernehmen' }).click();
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.waitForFunction(
    async ([title, before]) => {
      const r = await fetch(`/api/v1/resources?q=${encodeURIComponent(String(title))}`);
      const j = await r.json();
      return j.items[0] && j.items[0].lng !== Number(before);
    },
    ['Werkstattraum im Hof', moved.lng],
  );
  await checkA11y(page, 'place picker on the edit page');
  await shot(page, 'forms-maps-picker-map-390');
  await context.close();
});

test('a skill offer is not asked about lending, deposit or buffer time; a room is — in German and English', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await blockTiles(page);
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen/neu`);
  await expectPage(page, 'Etwas anbieten', 'offer form');
  const kind = page.getByLabel('Art', { exact: true });
  await kind.selectOption({ label: 'Fähigkeit' });
  await page
    .getByText('Eine Fähigkeit oder Dienstleistung – wer sie braucht, fragt einen Termin an.')
    .waitFor();
  for (const lending of [/^Kaution/, /^Pufferzeit/, /^Plätze/, 'Wer darf ausleihen?'])
    assert.equal(await page.getByLabel(lending).count(), 0, `a skill is not asked: ${lending}`);
  await page.getByLabel('Wer darf anfragen?').waitFor();
  await page.getByLabel('Was man vorher wissen sollte').waitFor();
  await page.getByLabel('Gebühr in Euro').waitFor();
  await checkA11y(page, 'skill offer form');
  await shot(page, 'forms-maps-skill-form-390');
  await page.getByLabel(/^Titel/).fill('Näharbeiten und kleine Reparaturen');
  await page.getByRole('button', { name: 'Anbieten' }).click();
  await page.waitForURL(/\/bearbeiten$/);
  const skill = await resourceRow('Näharbeiten und kleine Reparaturen');
  assert.equal(skill.deposit_cents, 0);
  assert.equal(skill.buffer_minutes, 0);

  await page.goto(`${server.url}/teilen/neu`);
  await kind.selectOption({ label: 'Raum' });
  await page.getByLabel(/^Kaution/).waitFor();
  await page.getByLabel(/^Pufferzeit/).waitFor();
  await page.getByLabel('Plätze').waitFor();
  await page.getByLabel('Wer darf ausleihen?').waitFor();
  await kind.selectOption({ label: 'Zu verschenken' });
  assert.equal(await page.getByLabel(/^Gebühr/).count(), 0, 'a give-away costs nothing');
  await page.getByLabel('Hinweise zur Abholung').waitFor();
  await context.close();

  const en = await newContext(browser, phone);
  const english = await en.newPage();
  await blockTiles(english);
  await signInWithPassword(english, server, petraEmail);
  await en.addInitScript(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await english.goto(`${server.url}/teilen/neu`);
  await english.getByLabel('Kind', { exact: true }).selectOption({ label: 'Skill' });
  await english.getByLabel('Who may ask?').waitFor();
  assert.equal(await english.getByLabel(/^Deposit/).count(), 0);
  await english.getByLabel('Search for an address or place').waitFor();
  await checkA11y(english, 'skill offer form in English');
  await en.close();
});

test('the booking form opens with a time that is actually free, and that time can be booked', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/teilen?q=Lastenrad`);
  await page.getByRole('link', { name: 'Lastenrad „Speichenschwein“' }).click();
  await expectPage(page, 'Lastenrad „Speichenschwein“', 'cargo bike');
  const section = page.getByRole('region', { name: 'Buchung anfragen' });
  const suggested = section.getByText(/^Eingetragen ist die nächste freie Zeit: /);
  await suggested.waitFor();
  const day = await section.getByLabel('Datum').inputValue();
  const start = await section.getByLabel('Beginn').inputValue();
  const end = await section.getByLabel('Ende').inputValue();
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  assert.notEqual(`${start}-${end}`, '10:00-12:00', 'not the old fixed guess');
  await checkA11y(page, 'booking form with a suggested time');
  await shot(page, 'forms-maps-booking-390');
  await section.getByRole('button', { name: 'Anfrage senden' }).click();
  await page.getByRole('status').getByText('Buchung angefragt.').waitFor();
  const booking = await server.db
    .selectFrom('booking as b')
    .innerJoin('resource as r', 'r.id', 'b.resource_id')
    .innerJoin('account as a', 'a.id', 'b.requester_id')
    .select((eb) => [eb.fn<Date>('lower', ['b.period']).as('start')])
    .where('r.title', '=', 'Lastenrad „Speichenschwein“')
    .where('a.email', '=', 'jonas@example.org')
    .executeTakeFirstOrThrow();
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(booking.start);
  assert.equal(local, `${day} ${start}`);

  // a resource with nothing free in the next four weeks says so
  const mower = await resourceRow('Rasenmäher (Benzin)');
  const row = await server.db
    .selectFrom('resource')
    .select('network_id')
    .where('id', '=', mower.id)
    .executeTakeFirstOrThrow();
  await server.db
    .insertInto('resource_blocked_period')
    .values({
      network_id: row.network_id,
      resource_id: mower.id,
      period: `[${new Date(Date.now() - 3600_000).toISOString()},${new Date(Date.now() + 40 * 86400_000).toISOString()})`,
      reason: 'Zur Reparatur',
    })
    .execute();
  await page.goto(`${server.url}/teilen/ressourcen/${mower.id}`);
  await page.getByText(/In den nächsten 4 Wochen ist hier nichts frei/).waitFor();
  await checkA11y(page, 'booking form, nothing free');
  await context.close();
});

test('with the background tiles blocked, maps still show the districts and the markers, say so, and show a focus ring', async () => {
  for (const [size, viewport] of [
    ['390', phone],
    ['1280', desktop],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    const tried = await blockTiles(page);
    await page.goto(`${server.url}/teilen/karte`);
    await expectPage(page, 'Karte der Angebote', 'map page');
    const map = page.getByRole('region', { name: 'Karte der Angebote' });
    await page.getByText('Die Hintergrundkarte konnte nicht geladen werden.', { exact: false }).waitFor();
    assert.ok(tried.length > 0, 'the default background is OpenStreetMap');
    // the districts' boundaries, named, and the markers
    await map.locator('.district-label', { hasText: 'Altstadt' }).waitFor();
    const districts = await server.db
      .selectFrom('district')
      .select('id')
      .where('boundary', 'is not', null)
      .execute();
    assert.equal(await map.locator('.leaflet-overlay-pane path').count(), districts.length);
    await map.locator('.leaflet-marker-icon').first().waitFor();
    await checkA11y(page, `map without tiles (${size})`);
    await shot(page, `forms-maps-map-no-tiles-${size}`);

    // by keyboard: the map and then its markers show a ring
    let onMap = false;
    for (let i = 0; i < 80 && !onMap; i++) {
      await page.keyboard.press('Tab');
      onMap = await page.evaluate(() => document.activeElement?.classList.contains('kp-map') ?? false);
    }
    assert.ok(onMap, 'the map is reached by Tab');
    const mapRing = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    assert.equal(mapRing, 'solid 3px');
    await page.keyboard.press('Tab');
    const markerRing = await page.evaluate(() => {
      const el = document.activeElement!;
      const pin = el.querySelector('.map-pin, .map-cluster');
      return el.classList.contains('leaflet-marker-icon') && pin
        ? getComputedStyle(pin).outlineStyle
        : 'none';
    });
    assert.equal(markerRing, 'solid');
    await context.close();
  }

  // the Mitmachen map and an organisation's map stand on the same ground
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/organisationen/nachbarschaftszentrum-lindenhof`);
  await page
    .getByRole('region', { name: /Karte mit dem Standort von Nachbarschaftszentrum Lindenhof/ })
    .waitFor();
  await page.getByText('Die Hintergrundkarte konnte nicht geladen werden.', { exact: false }).waitFor();
  await context.close();
});

test('Teilen on a phone: the results come first, the sub-navigation is short, and filters in the URL still work', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/teilen`);
  await expectPage(page, 'Teilen', 'catalogue');
  const nav = page.getByRole('navigation', { name: 'Bereiche von Teilen' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Katalog', 'Karte', 'Tauschring']);
  const more = nav.getByRole('button', { name: 'Mehr' });
  await more.click();
  await nav.getByRole('link', { name: 'Meine Buchungen' }).waitFor();
  await nav.getByRole('link', { name: 'Anfragen an mich' }).waitFor();
  await checkA11y(page, 'catalogue with "Mehr" open');
  await page.keyboard.press('Escape');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Mehr')),
    true,
  );
  // the first result is in view on the first screen; the filters wait behind their button
  const first = page.locator('li.resource-card').first();
  const top = (await first.boundingBox())!.y;
  assert.ok(top < phone.height, `the first result starts on the first screen (${top}px)`);
  assert.equal(await page.getByLabel('Art', { exact: true }).isVisible(), false);

  // filters from a link: counted on the button, applied to the list
  await page.goto(`${server.url}/teilen?art=room&bezirk=${lindenhof.id}`);
  await page.getByRole('button', { name: 'Filter (2 gesetzt)' }).waitFor();
  await page
    .getByRole('status')
    .getByText(/^\d+ Angebote? gefunden$/)
    .waitFor();
  await page.getByRole('link', { name: 'Saal im Nachbarschaftszentrum' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Akku-Bohrschrauber mit Bitsatz' }).count(), 0);
  await page.getByRole('button', { name: 'Filter (2 gesetzt)' }).click();
  assert.equal(await page.getByLabel('Art', { exact: true }).inputValue(), 'room');
  await checkA11y(page, 'catalogue with filters open');
  await shot(page, 'forms-maps-catalogue-filters-390');

  // a page from "Mehr" shows in the bar while it is open
  await page.goto(`${server.url}/teilen/buchungen`);
  await nav.getByRole('link', { name: 'Meine Buchungen' }).waitFor();
  await context.close();
});

test('the admin keeps OpenStreetMap, or switches the background off: maps then ask no tile server and say nothing is wrong', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.goto(`${server.url}/verwaltung/einstellungen`);
  await expectPage(page, 'Verwaltung', 'admin settings');
  assert.equal(await page.getByLabel('Standard dieses Servers').isChecked(), true);
  await page.getByText('Kacheln von tile.openstreetmap.org').waitFor();
  // the map centre is picked on a map too, without an address
  const centre = page.getByRole('group', { name: 'Kartenmitte' });
  await centre.getByRole('region', { name: /Karte zum Wählen/ }).waitFor();
  assert.equal(await centre.getByLabel('Straße und Hausnummer').count(), 0);
  assert.equal(await page.getByLabel(/Breitengrad|Längengrad/).count(), 0);
  await page.getByLabel(/^Keine Hintergrundkarte/).check();
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.getByText('Die Einstellungen sind gespeichert.').first().waitFor();
  await checkA11y(page, 'admin map settings');

  const tried = await blockTiles(page);
  await page.goto(`${server.url}/teilen/karte`);
  const map = page.getByRole('region', { name: 'Karte der Angebote' });
  await map.locator('.district-label', { hasText: 'Altstadt' }).waitFor();
  await map.locator('.leaflet-marker-icon').first().waitFor();
  assert.equal(tried.length, 0);
  assert.equal(
    await page.getByText('Die Hintergrundkarte konnte nicht geladen werden.', { exact: false }).count(),
    0,
  );
  await context.close();
});
