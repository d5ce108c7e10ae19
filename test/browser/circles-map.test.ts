import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setMemberRole } from '../../server/areas/support/repositories/circles.ts';
import {
  checkA11y,
  desktop,
  expectPage,
  fieldMessage,
  launchBrowser,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
  tokenFromOutbox,
} from './helpers.ts';

let server: TestServer;
let browser: Browser;
let circleId: string;
const aylin = 'aylin.demir@caritas-lindenbrueck.example';
const title = 'Netzwerkkarte: Herr K.';

/** The circle's navigation marks `part` as the current page, and only it. */
async function currentPart(page: Page, part: string) {
  const nav = page.getByRole('navigation', { name: 'Bereiche des Kreises' });
  await nav.getByRole('link', { name: part }).and(page.locator('[aria-current="page"]')).waitFor();
  assert.equal(await nav.locator('[aria-current]').count(), 1);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const k = await server.db
    .selectFrom('circle')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('person_label', '=', 'Herr K.')
    .executeTakeFirstOrThrow();
  circleId = k.id;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The accessible name of whatever has focus. */
const focused = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
  );

/** Presses Tab until a node of the map has focus: the map is reachable by keyboard alone. */
async function tabIntoMap(page: Page): Promise<string> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const inMap = await page.evaluate(() => document.activeElement?.classList.contains('nm-interactive'));
    if (inMap) return focused(page);
  }
  throw new Error('no node of the map was reached with Tab');
}

/** Moves through a focused <select> with the arrow keys until its chosen option reads `label`. */
async function chooseByKeys(page: Page, label: RegExp) {
  for (let i = 0; i < 20; i++) {
    const text = await page.evaluate(() => {
      const s = document.activeElement as HTMLSelectElement;
      return s.options[s.selectedIndex]?.textContent ?? '';
    });
    if (label.test(text)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${label}`);
}

test('Aylin works with Herr K.’s network map by keyboard: nodes, details, a new person and tie, a snapshot, the comparison, the print view', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, aylin);
  await page.goto(`${server.url}/kreise/${circleId}/karte`);
  await expectPage(page, title, 'network map');
  await currentPart(page, 'Netzwerkkarte');
  const map = page.getByRole('group', { name: 'Netzwerkkarte von Herr K.' });
  assert.ok((await map.getByRole('button').count()) >= 10, 'every entry is a node');
  // Aylin is a professional: people without consent show as initials, and she cannot switch to names
  await map
    .getByRole('button', { name: /^T\. K\.: Familie, Ring 3 – weiter entfernt, Beziehung zwiespältig/ })
    .waitFor();
  assert.equal(await page.getByLabel('Volle Namen zeigen (sonst Initialen)').count(), 0);
  await shot(page, 'circles-map-1280');

  // through the nodes by keyboard only
  const first = await tabIntoMap(page);
  assert.match(first, /^Sabine K\. \(Tochter\): Familie, Ring 1 – sehr nah, Beziehung unterstützend/);
  assert.match(first, /4 Verbindungen$/);
  await page.keyboard.press('ArrowRight');
  assert.match(await focused(page), /^T\. K\.: Familie, Ring 3/);
  await page.keyboard.press('ArrowRight');
  assert.match(await focused(page), /^Erwin Roth \(Nachbar\): Freunde und Nachbarschaft, Ring 1/);
  await page.keyboard.press('End');
  assert.match(await focused(page), /Professionelle Hilfe, Ring 3/);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  assert.match(await focused(page), /Professionelle Hilfe, Ring 3/, 'the arrows wrap around');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'T. K.' });
  await details.getByText('nur Initialen – ohne Einverständnis').waitFor();
  await details.getByText('Sabine K. (Tochter)').waitFor();
  assert.equal(await focused(page), 'T. K.', 'focus moves to the details');
  await checkA11y(page, 'map with details open');
  await shot(page, 'circles-map-details');
  await page.keyboard.press('Escape');
  // focus returns once the details have closed (a render later on a busy machine)
  await page
    .waitForFunction(() =>
      (
        document.activeElement?.getAttribute('aria-label') ??
        document.activeElement?.textContent ??
        ''
      ).startsWith('T. K.'),
    )
    .catch(() => undefined);
  assert.match(await focused(page), /^T\. K\./, 'Escape returns to the node');

  // add a person by keyboard; the empty form is refused with a message at the field
  await page.getByRole('button', { name: 'Person hinzufügen' }).focus();
  await page.keyboard.press('Enter');
  const form = page.locator('form', {
    has: page.getByRole('heading', { name: 'Person oder Stelle hinzufügen' }),
  });
  await form.getByRole('button', { name: 'Auf die Karte setzen' }).focus();
  await page.keyboard.press('Enter');
  const label = form.getByLabel(/^Name oder Bezeichnung/);
  assert.match(await fieldMessage(page, label), /Bitte einen Namen/);
  // the form moves focus to the field after it rendered the message: wait for it, do not race it
  await page
    .waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'label', null, {
      timeout: 5000,
    })
    .catch(() => undefined);
  assert.equal(
    await page.evaluate(() => (document.activeElement as HTMLInputElement).name),
    'label',
    'focus is on the field that needs an answer',
  );
  await page.keyboard.type('Renate Lindner');
  await form.getByLabel('Bereich').focus();
  await chooseByKeys(page, /^Freunde und Nachbarschaft$/);
  await form.getByLabel(/^Nähe/).focus();
  await chooseByKeys(page, /^Ring 3/);
  await form.getByLabel('emotional').focus();
  await page.keyboard.press('Space');
  await form.getByLabel('Notiz').focus();
  await page.keyboard.type('Kennt ihn aus der Kirchengemeinde, ruft sonntags an.');
  await checkA11y(page, 'entry form');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('„R. L.“ steht jetzt auf der Karte.').waitFor();
  await page.waitForFunction(() =>
    /^R\. L\.:/.test(document.activeElement?.getAttribute('aria-label') ?? ''),
  );
  assert.match(await focused(page), /^R\. L\.: Freunde und Nachbarschaft, Ring 3 – weiter entfernt/);

  // a tie from the new person, by keyboard, from its details
  await page.keyboard.press('Enter');
  await page
    .getByRole('region', { name: 'R. L.' })
    .getByRole('button', { name: 'Verbindung hinzufügen' })
    .focus();
  await page.keyboard.press('Enter');
  const tieForm = page.locator('form', {
    has: page.getByRole('heading', { name: 'Verbindung zwischen zwei Personen' }),
  });
  await tieForm.getByRole('button', { name: 'Verbindung eintragen' }).focus();
  await page.keyboard.press('Enter');
  assert.match(await fieldMessage(page, tieForm.getByLabel(/^Zu/)), /zweite Person/);
  await chooseByKeys(page, /^Walter|^W\. B\./);
  await tieForm.getByLabel('Beziehung').focus();
  await chooseByKeys(page, /^zwiespältig$/);
  await tieForm.getByRole('button', { name: 'Verbindung eintragen' }).focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .getByText('Die Verbindung zwischen „R. L.“ und „W. B.“ ist eingetragen.')
    .waitFor();
  await page
    .getByRole('region', { name: 'R. L.' })
    .getByText(/W\. B\.\s*·\s*┅\s*zwiespältig/)
    .waitFor();
  const table = page.getByRole('table', { name: /Netzwerk von Herr K\./ });
  await table
    .getByRole('row', { name: /R\. L\./ })
    .getByText('W. B. (┅ zwiespältig)')
    .waitFor();
  await checkA11y(page, 'after adding a person and a tie');

  // a snapshot today, then compare with the one from three months ago
  const snapForm = page.locator('form', {
    has: page.getByRole('heading', { name: 'Heutigen Stand festhalten' }),
  });
  await snapForm.getByLabel('Anlass (freiwillig)').focus();
  await page.keyboard.type('Fallbesprechung');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Der Schnappschuss ist gespeichert.').waitFor();
  const snapshots = page.getByRole('table', { name: 'Festgehaltene Stände, der neueste zuerst' });
  await snapshots.getByRole('row', { name: /Fallbesprechung/ }).waitFor();
  assert.equal(await snapshots.getByRole('row').count(), 4, 'a header and three snapshots');
  const compareForm = page.locator('form.nm-compare-form');
  await compareForm.getByLabel('Früherer Stand').focus();
  await chooseByKeys(page, /Erstgespräch nach dem Krankenhausaufenthalt/);
  await compareForm.getByLabel('Späterer Stand').focus();
  await chooseByKeys(page, /Fallbesprechung/);
  await compareForm.getByRole('button', { name: 'Vergleichen' }).focus();
  await page.keyboard.press('Enter');
  await expectPage(page, 'Netzwerk im Vergleich: Herr K.', 'comparison');
  await currentPart(page, 'Netzwerkkarte');
  await page.getByRole('heading', { name: '5 neu hinzugekommen' }).waitFor();
  await page.getByRole('heading', { name: '1 nicht mehr dabei' }).waitFor();
  await page.getByRole('heading', { name: '2 verändert' }).waitFor();
  await page.getByText('Nähe: Ring 2 – nah → Ring 1 – sehr nah').waitFor();
  const figures = page.getByRole('table', { name: 'Kennzahlen im Vergleich' });
  await figures.getByRole('row', { name: /Personen und Stellen 7 11 \+4/ }).waitFor();
  assert.equal(
    await page.getByRole('img', { name: /^Netzwerkkarte, Stand/ }).count(),
    2,
    'two maps side by side',
  );
  await shot(page, 'circles-map-compare');
  await page.getByLabel('Übereinander (Veränderungen markiert)').focus();
  await page.keyboard.press('Space');
  await page.getByRole('img', { name: /mit den Veränderungen seit/ }).waitFor();
  await checkA11y(page, 'comparison overlaid');
  await shot(page, 'circles-map-overlay');

  // the print view for the case conference
  await page.getByRole('link', { name: 'Zurück zur Netzwerkkarte' }).click();
  await expectPage(page, title, 'back on the map');
  await page.getByRole('link', { name: 'Druckansicht für die Fallbesprechung' }).click();
  await expectPage(page, title, 'print view');
  await page.getByText(/^Aktueller Stand vom/).waitFor();
  const which = page.getByLabel('Welcher Stand?');
  const oldest = await which.locator('option', { hasText: 'Erstgespräch' }).getAttribute('value');
  await which.selectOption(oldest ?? '');
  await page.getByText(/^Schnappschuss vom .*„Erstgespräch nach dem Krankenhausaufenthalt“/).waitFor();
  await checkA11y(page, 'print view of a snapshot');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no navigation in print');
  assert.equal(await page.getByRole('button', { name: 'Drucken' }).isVisible(), false);
  await shot(page, 'circles-map-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  assert.ok(pdf.length > 10_000, 'prints to A4');
  await context.close();
});

test('a viewer does not see the map; the owner of a frozen circle sees it read-only', async () => {
  const jonas = await server.db
    .selectFrom('account')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('email', '=', 'jonas@example.org')
    .executeTakeFirstOrThrow();
  await setMemberRole(server.db, server.networkId, circleId, jonas.id, 'viewer');
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await page.goto(`${server.url}/kreise/${circleId}/karte`);
  await expectPage(page, title, 'map as a viewer');
  await page.getByText(/Mit Ihrer Rolle \(Liest mit\) ist sie nicht sichtbar/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Person hinzufügen' }).count(), 0);
  assert.equal(await page.locator('.nm-svg').count(), 0);
  const status = await page.evaluate(
    async (id) => (await fetch(`/api/v1/circles/${id}/map`)).status,
    circleId,
  );
  assert.equal(status, 404, 'the server refuses the map to a viewer too');
  await context.close();

  const owner = await newContext(browser, desktop);
  const p2 = await owner.newPage();
  await signInWithPassword(p2, server, 'wolfgang.baumann@example.org');
  const frozen = await server.db
    .selectFrom('circle')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('person_label', '=', 'Frau B.')
    .executeTakeFirstOrThrow();
  await p2.goto(`${server.url}/kreise/${frozen.id}/karte`);
  await expectPage(p2, 'Netzwerkkarte: Frau B.', 'frozen map');
  await p2
    .getByText('Der Kreis ist eingefroren: Die Karte lässt sich nur noch ansehen, nicht mehr ändern.')
    .waitFor();
  await p2.getByText('Auf der Karte steht noch niemand.').waitFor();
  assert.equal(await p2.getByRole('button', { name: 'Person hinzufügen' }).count(), 0);
  assert.equal(await p2.getByRole('button', { name: 'Schnappschuss speichern' }).count(), 0);
  await owner.close();
});

test('the daughter reads the map on her phone, with full names', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/anmelden`);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Link schicken' }) });
  await form.locator('input[name=email]').fill('sabine.k@example.org');
  await form.getByRole('button', { name: 'Link schicken' }).click();
  await page
    .getByRole('status')
    .getByText(/ist der Link jetzt unterwegs/)
    .waitFor();
  const token = await tokenFromOutbox(server, 'sabine.k@example.org', '/anmelden/link');
  await page.goto(`${server.url}/anmelden/link#${token}`);
  await page.getByRole('link', { name: /^(Mein Profil|My profile)$/ }).waitFor();
  await page.goto(`${server.url}/kreise/${circleId}/karte`);
  await expectPage(page, title, 'map on a phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no sideways scrolling (${width} px)`);
  const svg = await page.locator('.nm-svg').boundingBox();
  assert.ok(svg && svg.width >= 340 && svg.width <= phone.width, 'the map fits the screen');
  await shot(page, 'circles-map-390');
  const map = page.getByRole('group', { name: 'Netzwerkkarte von Herr K.' });
  await map.getByRole('button', { name: /^T\. K\.:/ }).waitFor();
  await page.getByLabel('Volle Namen zeigen (sonst Initialen)').check();
  await map.getByRole('button', { name: /^Thomas Krämer: Familie/ }).waitFor();
  await page
    .getByRole('table', { name: /Netzwerk von Herr K\./ })
    .getByText('Thomas Krämer')
    .first()
    .waitFor();
  await checkA11y(page, 'map on a phone with full names');
  await shot(page, 'circles-map-390-names');
  await context.close();
});
