import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
import {
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
let toolId: string;
let projectId: string;
let toolTitle: string;
const gulEmail = 'guel.sahin@example.org';
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
/** payloads that fit a title's 160 characters; the body and the comment carry the whole corpus */
const hostileTitle = 'Abends <img src=x onerror="window.__xss=2"> <script>window.__xss=1</script>';
/** payloads that fit a point's 280 characters */
const hostilePoint = `Gut ${xssPayloads.slice(0, 4).join(' ')}`.slice(0, 280);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const caritas = await server.db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', server.networkId)
    .where('slug', '=', 'caritas-beratungsstelle')
    .executeTakeFirstOrThrow();
  // a project of Caritas straight in the database: public and open to join, with an ideas tool
  const p = await makeProject({ db: server.db, networkId: server.networkId } as TestApp, {
    lead: caritas.id,
    title: 'Sprechstunde gemeinsam planen',
    tools: [{ kind: 'ideas' }],
  });
  toolId = p.tools.ideas;
  projectId = p.id;
  const tool = await server.db
    .selectFrom('codesign_tool')
    .select('title')
    .where('id', '=', toolId)
    .executeTakeFirstOrThrow();
  toolTitle = tool.title;
});

/** One h1 and no level skipped on the way down (an h3 straight under the h1 reads as a missing section). */
async function assertHeadings(page: import('playwright-core').Page, where: string) {
  const levels = await page
    .locator('h1, h2, h3, h4, h5, h6')
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => Number(e.tagName[1])),
    );
  assert.equal(levels.filter((l) => l === 1).length, 1, `one h1 on ${where}`);
  levels.reduce((prev, l) => {
    assert.ok(l <= prev + 1, `no heading level skipped on ${where}: ${levels.join(' ')}`);
    return l;
  }, 1);
}

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Gül adds an idea, a point for it and a comment on a 390 px phone; nothing hostile runs', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, gulEmail);
  await page.goto(`${server.url}/mitgestalten/ideen/${toolId}`);
  await expectPage(page, toolTitle, 'the empty ideas list');
  await page.getByText('Noch keine Ideen. Schreiben Sie die erste!').waitFor();

  // nothing typed: the message stands at the field
  await page.getByRole('button', { name: 'Idee eintragen' }).click();
  await page.locator('.form-error').waitFor();
  await page.getByText('Bitte geben Sie der Idee einen Namen mit mindestens 3 Zeichen.').waitFor();
  await checkA11y(page, 'the idea form with a mistake');

  await page.getByLabel('Ihre Idee in wenigen Worten').fill(hostileTitle);
  await page.getByLabel('Mehr dazu (freiwillig)').fill(`Einmal die Woche bis 19 Uhr.\n\n${xssText}`);
  await page.getByRole('button', { name: 'Idee eintragen' }).click();
  await page.getByRole('status').getByText('Danke! Ihre Idee ist eingetragen.').waitFor();
  await page.getByRole('heading', { level: 2, name: hostileTitle }).waitFor();
  await page.getByText('Einmal die Woche bis 19 Uhr.').waitFor();
  await page.getByText('von Gül Şahin').first().waitFor();
  await assertNoXss(page, seen, 'the new idea');

  // a point for it: too short first, then a hostile one
  await page.getByLabel('Ein kurzer Satz').fill('x');
  await page.getByRole('button', { name: 'Eintragen', exact: true }).click();
  await page.getByText('Bitte schreiben Sie mindestens 2 Zeichen.').waitFor();
  await page.getByLabel('Dafür', { exact: true }).check();
  await page.getByLabel('Ein kurzer Satz').fill(hostilePoint);
  await page.getByRole('button', { name: 'Eintragen', exact: true }).click();
  await page.getByRole('status').getByText('Danke! Ihr Punkt ist eingetragen.').waitFor();
  await page.getByRole('heading', { name: 'Dafür (1)' }).waitFor();
  await page.locator('.ideas-pro li').getByText(hostilePoint).waitFor();
  await page.getByRole('heading', { name: 'Dagegen (0)' }).waitFor();

  await page.getByLabel('Ihr Kommentar').fill(`Donnerstag wäre gut.\n\n${xssText}`);
  await page.getByRole('button', { name: 'Kommentar senden' }).click();
  await page.getByRole('status').getByText('Danke! Ihr Kommentar ist eingetragen.').waitFor();
  await page.getByRole('heading', { name: '1 Kommentar' }).waitFor();
  await page.getByText('Donnerstag wäre gut.').waitFor();
  await assertNoXss(page, seen, 'the idea with its point and comment');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  // on a phone the two columns stand one under the other
  const [pro, contra] = await Promise.all(
    ['.ideas-pro', '.ideas-contra'].map((s) => page.locator(s).boundingBox()),
  );
  assert.ok(pro && contra && contra.y > pro.y + pro.height - 1, 'stacked on a phone');
  await checkA11y(page, 'one idea on a phone');
  await assertHeadings(page, 'one idea');
  await shot(page, 'codesign-ideas-idea-390');

  await page.getByRole('link', { name: 'Alle Ideen' }).click();
  await page.getByRole('heading', { level: 2, name: '1 Idee' }).waitFor();
  await page.getByText('1 dafür · 0 dagegen · 1 Kommentar').waitFor();
  await assertNoXss(page, seen, 'the list');
  await checkA11y(page, 'the list on a phone');
  await assertHeadings(page, 'the list');
  await shot(page, 'codesign-ideas-list-390');
  const stored = await server.db
    .selectFrom('codesign_idea as i')
    .innerJoin('codesign_contribution as c', 'c.id', 'i.contribution_id')
    .select(['i.title', 'c.kind'])
    .where('i.tool_id', '=', toolId)
    .execute();
  assert.deepEqual(stored, [{ title: hostileTitle, kind: 'idea' }]);
});

test('Aylin merges a duplicate with a confirmation and chooses the ideas for the decision', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, aylinEmail);
  await page.goto(`${server.url}/mitgestalten/ideen/${toolId}`);
  await expectPage(page, toolTitle, 'the list as a facilitator');
  await page.getByLabel('Ihre Idee in wenigen Worten').fill('Spätsprechstunde am Donnerstag');
  await page.getByRole('button', { name: 'Idee eintragen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Spätsprechstunde am Donnerstag' }).waitFor();

  await page.getByRole('button', { name: 'Mit anderer Idee zusammenführen' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel('Zusammenführen mit').selectOption({ label: hostileTitle });
  await checkA11y(page, 'the merge dialog');
  await dialog.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: hostileTitle }).waitFor();
  await page.getByRole('heading', { name: 'Zusammengeführt: 1 ähnliche Idee' }).waitFor();
  await page.getByRole('link', { name: 'Spätsprechstunde am Donnerstag' }).click();
  await page.getByText('Diese Idee wurde zusammengeführt mit').waitFor();
  await assertNoXss(page, seen, 'the merged idea');
  await checkA11y(page, 'a merged idea');

  await page.getByRole('link', { name: 'Alle Ideen' }).click();
  await page.getByRole('button', { name: 'Ideen auswählen' }).click();
  await page.getByRole('checkbox', { name: hostileTitle }).check();
  await checkA11y(page, 'choosing ideas');
  await page.getByRole('button', { name: 'Auswahl speichern' }).click();
  await page.getByRole('status').getByText('Auswahl gespeichert.').waitFor();
  await page.locator('.ideas-list').getByText('Ausgewählt').waitFor();
  await shot(page, 'codesign-ideas-list-desktop');
  const events = await server.db
    .selectFrom('codesign_event')
    .select('kind')
    .where('project_id', '=', projectId)
    .where('kind', 'like', 'ideas.%')
    .orderBy('at')
    .execute();
  assert.deepEqual(
    events.map((e) => e.kind),
    ['ideas.merged', 'ideas.selected'],
  );
});
