import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  checkA11y,
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
const body = 'Stadtverwaltung Lindenbrück – Sozialplanung';
const reportTitle = 'Bolzplatz am Nordfeld ohne Tore';
const title = `Bolzplatz Nordfeld ${xssPayloads[1]}`;

async function emailOf(name: string) {
  const a = await server.db
    .selectFrom('account')
    .select('email')
    .where('network_id', '=', server.networkId)
    .where('display_name', '=', name)
    .executeTakeFirstOrThrow();
  return a.email;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // the evidence of this test: a report by Dieter with "me too" from four neighbours
  const people = await server.db
    .selectFrom('account')
    .select(['id', 'display_name'])
    .where('network_id', '=', server.networkId)
    .where('display_name', 'in', [
      'Dieter Krause',
      'Hannelore Weber',
      'Paul Zimmermann',
      'Lea Hartmann',
      'Nico Schröder',
    ])
    .execute();
  const dieter = people.find((p) => p.display_name === 'Dieter Krause')!;
  const r = await server.db
    .insertInto('map_report')
    .values({
      network_id: server.networkId,
      kind: 'defect',
      category: 'youth',
      title: reportTitle,
      body: 'Die Tore fehlen seit dem Sommer.',
      lat: 51.31,
      lng: 9.48,
      author_id: dieter.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db
    .insertInto('map_report_support')
    .values(
      people
        .filter((p) => p.id !== dieter.id)
        .map((p) => ({ network_id: server.networkId, report_id: r.id, account_id: p.id })),
    )
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const noScroll = async (page: Page, where: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling on ${where} (${width}px)`);
};

test('compile a dossier, send it to the public body, its staff record agenda and answer, a contributor sees the answer', async () => {
  // ---- Lukas (Nachbarschaftszentrum) compiles on his phone -------------------------------------
  const lukas = await (await newContext(browser, phone)).newPage();
  const lukasSeen = await armXssTrap(lukas);
  await signInWithPassword(lukas, server, await emailOf('Lukas Neumann'));
  await lukas.goto(`${server.url}/wissen/dossiers`);
  await expectPage(lukas, 'Dossiers', 'dossier list');
  await lukas.getByRole('link', { name: 'Jugendraum für Weidenau' }).waitFor();
  await lukas
    .getByRole('navigation', { name: 'Dossiers' })
    .getByRole('link', { name: 'Neues Dossier' })
    .click();
  await expectPage(lukas, 'Neues Dossier', 'new dossier');
  await lukas.getByRole('textbox', { name: /^Titel/ }).fill(title);
  await lukas.getByLabel('Zusammenfassung').fill(xssText);
  await lukas.getByRole('button', { name: 'Entwurf anlegen' }).click();
  await expectPage(lukas, title, 'the draft');
  await lukas.getByText('Entwurf – nur sichtbar für').waitFor();

  // evidence: the report, found by searching; a page that is not public is never offered
  const picker = lukas.getByRole('region', { name: 'Belege hinzufügen' });
  await picker.getByLabel('Art', { exact: true }).selectOption({ label: 'Hinweise auf der Karte' });
  await picker.getByLabel('Suchen', { exact: true }).fill('Bolzplatz');
  await picker.getByRole('button', { name: 'Suchen' }).click();
  await picker.getByLabel('Anmerkung (freiwillig)').fill(`Seit Monaten ${xssPayloads[0]}`);
  await picker.getByRole('button', { name: `„${reportTitle}“ hinzufügen` }).click();
  await lukas.getByRole('status').getByText('Beleg hinzugefügt.').waitFor();
  const evidence = lukas.getByRole('region', { name: 'Belege (1)' });
  await evidence.getByRole('link', { name: reportTitle }).waitFor();
  const figures = lukas.getByRole('region', { name: 'Belege in Zahlen' });
  await figures.getByText('Beteiligte Personen').waitFor();
  assert.equal(await figures.locator('dd').first().textContent(), '5', 'Dieter and four "me too"');
  await checkA11y(lukas, 'the draft with evidence');
  await noScroll(lukas, 'the draft');
  await shot(lukas, 'dossier-draft-390');

  // send to the town's public body
  const send = lukas.getByRole('region', { name: 'Versenden' });
  await send.getByRole('combobox', { name: /^Öffentliche Stelle/ }).selectOption({ label: body });
  await send.getByRole('button', { name: 'Dossier versenden' }).click();
  await lukas.getByRole('status').getByText('Dossier versandt.').waitFor();
  await lukas.getByText(`Versandt an ${body}`).first().waitFor();
  assert.equal(
    await lukas.getByRole('region', { name: 'Versenden' }).count(),
    0,
    'a sent dossier is no longer edited',
  );
  await assertNoXss(lukas, lukasSeen, 'the sent dossier (compiler)');
  const dossierUrl = lukas.url();

  // ---- Thomas (Sozialplanung) finds it in the inbox and records its handling ------------------------
  const thomas = await (await newContext(browser, phone)).newPage();
  const thomasSeen = await armXssTrap(thomas);
  await signInWithPassword(thomas, server, await emailOf('Thomas Becker'));
  await thomas.goto(`${server.url}/wissen/dossiers/posteingang`);
  await expectPage(thomas, 'Posteingang Ihrer Stelle', 'inbox');
  await thomas.getByRole('link', { name: title }).click();
  await expectPage(thomas, title, 'the dossier for its body');
  await thomas.getByRole('button', { name: 'Als eingegangen vermerken' }).click();
  await thomas.getByRole('status').getByText('Als eingegangen vermerkt.').waitFor();
  const steps = thomas.getByRole('region', { name: 'Bearbeitung eintragen' });
  await steps.getByRole('textbox', { name: /^Gremium/ }).fill('Jugendhilfeausschuss');
  await steps.getByLabel('Sitzung am').fill('2027-01-14');
  await steps.getByRole('button', { name: 'Termin eintragen' }).click();
  await thomas.getByRole('status').getByText('Termin eingetragen.').waitFor();
  await thomas.getByText('Auf der Tagesordnung: Jugendhilfeausschuss, Sitzung am 14. Januar 2027').waitFor();
  await steps.getByRole('textbox', { name: /^Antwort/ }).fill(`Wir stellen neue Tore auf.\n\n${xssText}`);
  await steps.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
  await thomas.getByRole('status').getByText('Antwort veröffentlicht.').waitFor();
  const answer = thomas.getByRole('region', { name: `Antwort von ${body}` });
  await answer.getByText('Wir stellen neue Tore auf.').waitFor();
  await checkA11y(thomas, 'the answered dossier');
  await assertNoXss(thomas, thomasSeen, 'the answered dossier (body)');

  // ---- Dieter, whose report is evidence, is told and reads the answer ---------------------------
  const dieter = await (await newContext(browser, phone)).newPage();
  const dieterSeen = await armXssTrap(dieter);
  await signInWithPassword(dieter, server, await emailOf('Dieter Krause'));
  await dieter.goto(`${server.url}/benachrichtigungen`);
  const note = dieter.locator('li', { hasText: `${body} hat auf „${title}“ geantwortet` });
  await note.waitFor();
  await note.getByRole('link', { name: 'Ansehen' }).click();
  await expectPage(dieter, title, 'the answer as a contributor sees it');
  await dieter
    .getByRole('region', { name: `Antwort von ${body}` })
    .getByText('Wir stellen neue Tore auf.')
    .waitFor();
  // the summary and note arrived as text, not as markup that runs
  await dieter.getByText('Seit Monaten').waitFor();
  await assertNoXss(dieter, dieterSeen, 'the answered dossier (contributor)');
  await noScroll(dieter, 'the answered dossier');
  await shot(dieter, 'dossier-answered-390');

  // ---- anyone: the public record, without names of supporters ------------------------------------
  const visitor = await (await newContext(browser, phone)).newPage();
  const visitorSeen = await armXssTrap(visitor);
  await visitor.goto(dossierUrl);
  await expectPage(visitor, title, 'the public dossier');
  const text = (await visitor.locator('main').textContent()) ?? '';
  for (const name of ['Hannelore Weber', 'Paul Zimmermann', 'Lea Hartmann', 'Nico Schröder'])
    assert.ok(!text.includes(name), `${name} is not named`);
  await assertNoXss(visitor, visitorSeen, 'the public dossier');
  const pdf = await visitor.request.get(`${server.url}/api/v1/dossiers/${dossierUrl.split('/').at(-1)}/pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
});

test('the seeded answered dossier reads well, in the list and on its page', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/wissen/dossiers?stand=answered`);
  await expectPage(page, 'Dossiers', 'answered dossiers');
  await page.getByRole('link', { name: 'Jugendraum für Weidenau' }).click();
  await expectPage(page, 'Jugendraum für Weidenau', 'the seeded dossier');
  await page.getByText('Auf der Tagesordnung: Jugendhilfeausschuss').waitFor();
  await noScroll(page, 'the seeded dossier');
  await shot(page, 'dossier-seeded-390');
  // a draft of someone else's does not exist for a visitor
  const draft = await server.db
    .selectFrom('dossier')
    .select('id')
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  const res = await page.request.get(`${server.url}/api/v1/dossiers/${draft.id}`);
  assert.equal(res.status(), 404);
});
