import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
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

/**
 * Offline participation on a phone: Aylin Demir (Caritas staff) adds Frau M. with her signed paper
 * consent, hands out a claim code, records a meeting with attendance by group, prints the dot vote's
 * paper kit and enters the poster's tally. Every text field gets the XSS corpus; every page axe.
 */
let server: TestServer;
let browser: Browser;
let project: Awaited<ReturnType<typeof makeProject>>;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
/** payloads short enough for an 80-character name */
const shortPayloads = xssPayloads.filter((p) => p.length <= 60);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const caritas = await server.db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('name', 'like', 'Caritas%')
    .executeTakeFirstOrThrow();
  project = await makeProject({ db: server.db, networkId: server.networkId } as TestApp, {
    lead: caritas.id,
    title: 'Offene Sprechstunde gemeinsam gestalten (Test)',
    tools: [{ kind: 'meeting' }, { kind: 'dots' }, { kind: 'ideas' }],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function aylin(): Promise<{ page: Page; seen: { dialogs: string[] } }> {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, aylinEmail);
  return { page, seen };
}

async function noSideways(page: Page, where: string) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= phone.width + 1, `${where} scrolls sideways on a phone (${wide}px)`);
}

test('Aylin adds Frau M. with paper consent and hands her a claim code', async () => {
  const { page, seen } = await aylin();
  await page.goto(`${server.url}/mitgestalten/projekte/${project.id}/mit-unterstuetzung`);
  await expectPage(page, 'Mitmachen mit Unterstützung', 'assisted people (empty)');
  await page.getByText('Noch niemand.').waitFor();

  const form = page.locator('form', { has: page.getByRole('button', { name: 'Person hinzufügen' }) });
  // without a consent the server says what is missing
  await form.getByLabel('Name, unter dem die Person erscheint').fill('Frau M.');
  await form.getByRole('button', { name: 'Person hinzufügen' }).click();
  await page.getByRole('alert').first().waitFor();
  await form.getByLabel('auf Papier unterschrieben').check();
  await form.getByLabel('Alter').selectOption('65_79');
  await form.getByLabel('Rolle').selectOption('service_user');
  await form.getByLabel('Stadtteil').selectOption({ label: 'Altstadt' });
  await form.getByRole('button', { name: 'Person hinzufügen' }).click();
  const frauM = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Frau M.' }) });
  await frauM.getByText(/auf Papier unterschrieben, erfasst von Aylin Demir/).waitFor();
  await frauM.getByText('Altstadt · 65 bis 79 · nutzt das Angebot').waitFor();

  // hostile names are shown as text
  for (const name of shortPayloads.slice(0, 4)) {
    await form.getByLabel('Name, unter dem die Person erscheint').fill(name);
    await form.getByLabel('am Telefon zugestimmt').check();
    await form.getByRole('button', { name: 'Person hinzufügen' }).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
  }

  await frauM.getByRole('button', { name: 'Code zum Übernehmen für Frau M.' }).click();
  const code = await frauM.locator('.offline-code-value').textContent();
  assert.match(code ?? '', /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await checkA11y(page, 'assisted people with a code');
  await noSideways(page, 'assisted people');
  await shot(page, 'codesign-offline-assisted');
  await assertNoXss(page, seen, 'the assisted people page');
});

test("Aylin enters Frau M.'s idea from her paper form, marked as entered with support", async () => {
  const { page, seen } = await aylin();
  await page.goto(`${server.url}/mitgestalten/projekte/${project.id}/werkzeuge/${project.tools.ideas}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const who = page.getByRole('group', { name: 'Für wen tragen Sie ein?' });
  await who.getByLabel('Person').selectOption({ label: 'Frau M. (auf Papier unterschrieben)' });
  await who.getByLabel('auf Papier').check();
  await page.getByLabel('Ihre Idee in wenigen Worten').fill('Dolmetscherin einmal im Monat');
  await page.getByRole('button', { name: 'Idee eintragen' }).click();
  const idea = page.getByText('Dolmetscherin einmal im Monat').first();
  await idea.waitFor();
  await page.getByText('mit Unterstützung von Aylin Demir').first().waitFor();
  await checkA11y(page, 'an idea entered for Frau M.');
  await noSideways(page, 'the ideas tool with the on-behalf field');
  await shot(page, 'codesign-offline-idea-for-frau-m');
  await assertNoXss(page, seen, 'the ideas tool');
  const row = await server.db
    .selectFrom('codesign_contribution as c')
    .innerJoin('codesign_participant as p', 'p.id', 'c.participant_id')
    .select(['p.display_name', 'c.channel', 'c.entered_role'])
    .where('c.project_id', '=', project.id)
    .where('c.kind', '=', 'idea')
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { display_name: 'Frau M.', channel: 'paper', entered_role: 'staff' });
});

test('Aylin records a meeting with attendance by group and Frau M. present', async () => {
  const { page, seen } = await aylin();
  const tool = project.tools.meeting;
  await page.goto(`${server.url}/mitgestalten/projekte/${project.id}/werkzeuge/${tool}/protokoll`);
  await expectPage(page, 'Treffen: Protokoll', 'meeting record (new)');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Protokoll speichern' }) });
  await form.getByLabel('Datum').fill('2026-11-20');
  await form.getByLabel('Ort').fill(`Begegnungsraum ${xssPayloads[1]}`);
  await form.getByLabel('Wer hat das Treffen geleitet?').fill(`Aylin ${xssPayloads[0]}`);
  await form.getByLabel('Wie viele Menschen waren da?').fill('12');
  await form.getByRole('button', { name: 'Gruppe hinzufügen' }).click();
  await form.getByLabel('Gruppe 1: Art').selectOption('stake');
  await form.getByLabel('Gruppe 1', { exact: true }).selectOption('service_user');
  await form.getByLabel('Gruppe 1: Anzahl').fill('9');
  await form.getByRole('button', { name: 'Gruppe hinzufügen' }).click();
  await form.getByLabel('Gruppe 2: Art').selectOption('age_band');
  await form.getByLabel('Gruppe 2', { exact: true }).selectOption('65_79');
  await form.getByLabel('Gruppe 2: Anzahl').fill('3');
  await form.getByLabel('Frau M.', { exact: true }).check();
  await form.getByLabel('Notizen').fill(xssText);
  await form
    .getByLabel('Entscheidungen')
    .fill(`Sprechstunde am Nachmittag testen\n${xssPayloads.join('\n')}`);
  await checkA11y(page, 'meeting form filled');
  await noSideways(page, 'meeting form');
  await form.getByRole('button', { name: 'Protokoll speichern' }).click();

  const record = page.getByRole('region', { name: 'Protokoll des Treffens' });
  await record.getByText('Sprechstunde am Nachmittag testen').waitFor();
  await record.getByRole('table', { name: 'Nach Rolle' }).getByRole('cell', { name: '9' }).waitFor();
  await record.getByText('Frau M. (mit Unterstützung von Aylin Demir)').waitFor();
  await record.getByText(xssPayloads[0]).first().waitFor();
  await checkA11y(page, 'meeting record');
  await noSideways(page, 'meeting record');
  await shot(page, 'codesign-offline-meeting');
  await assertNoXss(page, seen, 'the meeting record');
});

test('the dot vote prints as an A4 poster kit, and Aylin enters the poster tally', async () => {
  const { page, seen } = await aylin();
  const dots = project.tools.dots;
  await page.goto(`${server.url}/mitgestalten/projekte/${project.id}/werkzeuge/${dots}/papier`);
  await expectPage(page, 'Papier-Vorlage zum Ausdrucken', 'paper kit');
  const sheet = page.getByRole('article', { name: 'Papier-Vorlage' });
  await sheet.getByText(/Ich bin einverstanden, dass die Mitarbeiterin oder der Mitarbeiter/).waitFor();
  const paperCode = await sheet.locator('.paper-code strong').textContent();
  assert.match(paperCode ?? '', /^[A-Z0-9]{6}$/);
  await sheet.getByText(`/mitgestalten/projekte/${project.id}/werkzeuge/${dots}`).waitFor();
  await noSideways(page, 'paper kit');
  await page.emulateMedia({ media: 'print' });
  assert.equal(
    await page.getByRole('button', { name: 'Drucken' }).isVisible(),
    false,
    'the buttons are not printed',
  );
  assert.equal(
    await page.locator('.site-header').first().isVisible(),
    false,
    'the site header is not printed',
  );
  await shot(page, 'codesign-offline-kit-print');
  await page.emulateMedia({ media: 'screen' });

  await page.goto(
    `${server.url}/mitgestalten/projekte/${project.id}/werkzeuge/${dots}/auszaehlung?treffen=${project.tools.meeting}`,
  );
  await expectPage(page, 'Auszählung eintragen', 'tally entry');
  await page.getByText('Noch keine Auszählung.').waitFor();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Auszählung speichern' }) });
  await form.getByLabel('Punkte auf einem Papier-Plakat').check();
  await form.getByLabel('Wie viele Menschen haben mitgemacht?').fill('11');
  await form.getByLabel('Möglichkeit 1', { exact: true }).fill('Sprechstunde am Nachmittag');
  await form.getByLabel('Stimmen für Möglichkeit 1').fill('8');
  await form.getByLabel('Möglichkeit 2', { exact: true }).fill(xssPayloads[2]);
  await form.getByLabel('Stimmen für Möglichkeit 2').fill('3');
  await form.getByLabel('Notiz (freiwillig)').fill(xssPayloads.filter((p) => p.length < 40).join(' '));
  await form.getByRole('button', { name: 'Auszählung speichern' }).click();
  const list = page.getByRole('region', { name: 'Bisherige Auszählungen' });
  await list.getByRole('cell', { name: 'Sprechstunde am Nachmittag' }).waitFor();
  await list.getByRole('cell', { name: xssPayloads[2] }).waitFor();
  await list.getByText(/auf Papier, 11 Menschen, eingetragen von Aylin Demir/).waitFor();
  await checkA11y(page, 'tally list');
  await noSideways(page, 'tally page');
  await shot(page, 'codesign-offline-tally');
  await assertNoXss(page, seen, 'the tally page');

  // the tally shows on the meeting it was counted at
  await page.goto(
    `${server.url}/mitgestalten/projekte/${project.id}/werkzeuge/${project.tools.meeting}/protokoll`,
  );
  await page
    .getByRole('region', { name: 'Auszählungen bei diesem Treffen' })
    .getByRole('cell', { name: 'Sprechstunde am Nachmittag' })
    .waitFor();
  await assertNoXss(page, seen, 'the meeting with its tally');
});
