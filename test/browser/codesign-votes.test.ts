import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
import {
  checkA11y,
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
import { armXssTrap, assertNoXss, xssPayloads } from './xss.ts';

let server: TestServer;
let browser: Browser;
let dotsTool: string;
let rankingTool: string;
const jonasEmail = 'jonas@example.org';
const voteTitle = /Werkzeug dots/;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const nbz = await server.db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('slug', 'like', '%nachbarschaft%')
    .executeTakeFirstOrThrow();
  // the stage, straight in the database: the projects part's pages are not needed to vote
  const stage = { db: server.db, networkId: server.networkId } as unknown as TestApp;
  const p = await makeProject(stage, {
    lead: nbz.id,
    tools: [
      { kind: 'dots', config: { budget: 5, maxPerOption: 3 } },
      { kind: 'ranking', config: { places: 3 } },
    ],
  });
  dotsTool = p.tools.dots;
  rankingTool = p.tools.ranking;
  const options = (toolId: string, list: { title: string; description: string }[]) =>
    server.db
      .insertInto('codesign_vote_option')
      .values(list.map((o, i) => ({ network_id: server.networkId, tool_id: toolId, position: i + 1, ...o })))
      .execute();
  await options(dotsTool, [
    { title: 'Spielenachmittag', description: 'Jeden Donnerstag Brettspiele.' },
    { title: 'Sprachcafé', description: 'Deutsch üben bei Kaffee.' },
    { title: 'Reparaturecke', description: 'Kleine Dinge zusammen reparieren.' },
    // the XSS corpus in every option field
    ...xssPayloads.map((x, i) => ({ title: `Idee ${i + 1} ${x}`.slice(0, 120), description: x })),
  ]);
  await options(rankingTool, [
    { title: 'Dienstag', description: '12 bis 14 Uhr' },
    { title: 'Mittwoch', description: '12 bis 14 Uhr' },
    { title: 'Freitag', description: '11:30 bis 13:30 Uhr' },
    { title: 'Samstag', description: '12 bis 14 Uhr' },
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('on a phone, Jonas places his dots with + and −, and sees what is left and the result', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, jonasEmail);
  await page.goto(`${server.url}/mitgestalten/abstimmungen/${dotsTool}`);
  await expectPage(page, voteTitle, 'dots vote');
  await page.locator('.votes-left').getByText('Sie haben noch 5 von 5 Punkten.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Einen Punkt geben: Sprachcafé' }).click();
  await page.locator('.votes-left').getByText('Sie haben noch 4 von 5 Punkten.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Einen Punkt geben: Sprachcafé' }).click();
  await page.locator('.votes-left').getByText('Sie haben noch 3 von 5 Punkten.', { exact: true }).waitFor();
  // the status region says it too
  await page
    .getByRole('status')
    .getByText(/Punkt gegeben: Sprachcafé/)
    .waitFor();
  await page.getByRole('button', { name: 'Einen Punkt geben: Reparaturecke' }).click();
  await page.locator('.votes-left').getByText('Sie haben noch 2 von 5 Punkten.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Einen Punkt wegnehmen: Reparaturecke' }).click();
  await page.locator('.votes-left').getByText('Sie haben noch 3 von 5 Punkten.', { exact: true }).waitFor();
  assert.equal(
    await page.getByRole('button', { name: 'Einen Punkt wegnehmen: Spielenachmittag' }).isDisabled(),
    true,
    'nothing to take away there',
  );
  // the result: numbers as text, and a table
  await page.getByText('2 Punkte von 1 Person').waitFor();
  await page.getByText('Ergebnis als Tabelle').click();
  const table = page.getByRole('region', { name: 'Ergebnis als Tabelle' }).getByRole('table');
  await table.getByRole('row', { name: /Sprachcafé 2 1/ }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(page, 'dots vote with result table');
  await assertNoXss(page, seen, 'dots vote');
  // every payload shows as text
  for (const x of xssPayloads.slice(0, 3)) await page.getByText(x, { exact: true }).first().waitFor();
  await shot(page, 'codesign-votes-dots-390');
  await page.context().close();
});

test('Jonas ranks options with the keyboard, no dragging, and sees the Borda count', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, jonasEmail);
  await page.goto(`${server.url}/mitgestalten/abstimmungen/${rankingTool}`);
  await expectPage(page, /Werkzeug ranking/, 'ranking vote');
  await page.getByText('Sie haben noch nichts gewählt.').waitFor();
  for (const day of ['Dienstag', 'Freitag', 'Samstag'])
    await page.getByRole('button', { name: `${day} hinzufügen` }).click();
  assert.equal(
    await page.getByRole('button', { name: 'Mittwoch hinzufügen' }).isDisabled(),
    true,
    'three places only',
  );
  // Samstag to the top, by keyboard
  const up = page.getByRole('button', { name: 'Samstag nach oben' });
  await up.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const places = page.locator('.votes-ranking .votes-option-text');
  assert.deepEqual(
    (await places.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
    ['Platz 1 Samstag', 'Platz 2 Dienstag', 'Platz 3 Freitag'],
  );
  await page.getByRole('button', { name: 'Reihenfolge speichern' }).click();
  await page.getByRole('status').getByText('Ihre Reihenfolge ist gespeichert.').waitFor();
  await page.getByText('3 Punkte, 1-mal Platz 1, von 1 Person gewählt').waitFor();
  await page.getByText('1 Punkt, 0-mal Platz 1, von 1 Person gewählt').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(page, 'ranking saved');
  await shot(page, 'codesign-votes-ranking-390');
  await page.context().close();
});

test('Petra keeps the options; what she types shows as text', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/mitgestalten/abstimmungen/${rankingTool}`);
  await expectPage(page, /Werkzeug ranking/, 'ranking as facilitator');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Möglichkeit hinzufügen' }) });
  await form.getByRole('button', { name: 'Möglichkeit hinzufügen' }).click();
  await form.locator('input[name=title][aria-invalid=true]').waitFor();
  const hostile = `Sonntag ${xssPayloads[1]}`;
  await form.getByLabel('Titel').fill(hostile);
  await form.getByLabel('Kurze Beschreibung').fill(xssPayloads.join(' ').slice(0, 500));
  await form.getByRole('button', { name: 'Möglichkeit hinzufügen' }).click();
  await page.getByRole('status').getByText('Möglichkeit hinzugefügt.').waitFor();
  await page.getByRole('button', { name: `${hostile} hinzufügen` }).waitFor();
  await checkA11y(page, 'options editor');
  await page.getByRole('button', { name: `${hostile} entfernen` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, entfernen' }).click();
  await page.getByRole('status').getByText('Möglichkeit entfernt.').waitFor();
  assert.equal(await page.getByRole('button', { name: `${hostile} hinzufügen` }).count(), 0);
  await assertNoXss(page, seen, 'options editor');
  await shot(page, 'codesign-votes-options-390');
  await page.context().close();
});
