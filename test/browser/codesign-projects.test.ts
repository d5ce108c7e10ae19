import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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
import { armXssTrap, assertNoXss, xssText } from './xss.ts';

let server: TestServer;
let browser: Browser;
const jonasEmail = 'jonas@example.org';
/** Titles with payloads that fit their fields; the descriptions and the summary carry the whole corpus. */
const hostileTitle = 'Nachmittage <img src=x onerror="window.__xss=2"> <script>window.__xss=1</script>';
const hostilePhase = 'Ideen <svg onload="window.__xss=3"></svg>';
const hostileTool = 'Ideenwand <img src=x onerror=window.__xss=8>';
const hostileSummary = xssText.slice(0, 480);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function noSideScroll(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling on ${where} (${width}px)`);
}

test('Petra starts a project from a template on her phone; Jonas joins and sees where it stands', async () => {
  const petra = await (await newContext(browser, phone)).newPage();
  const petraSeen = await armXssTrap(petra);
  await signInWithPassword(petra, server, petraEmail);
  await petra.goto(`${server.url}/mitgestalten`);
  await expectPage(petra, 'Mitgestalten', 'the co-design home as staff');
  await petra
    .getByRole('link', { name: 'Ideen für die Nachmittage im Nachbarschaftscafé' })
    .first()
    .waitFor();
  await petra.getByRole('main').getByRole('link', { name: 'Projekt starten' }).click();
  await expectPage(petra, 'Projekt starten', 'create a project');
  await petra.getByRole('radio', { name: /Kurzer Weg/ }).check();
  await petra.getByLabel(/^Titel/).fill(hostileTitle);
  await petra.getByLabel(/Worum geht es\?/).fill(hostileSummary);
  await petra.getByLabel('Mehr dazu').fill(`Wir planen die Nachmittage neu.\n\n${xssText}`);
  await petra.getByRole('radio', { name: /Alle können mitmachen/ }).check();
  await checkA11y(petra, 'the filled create form');
  await petra.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expectPage(petra, 'Projekt verwalten', 'manage the new project');
  await noSideScroll(petra, 'the manage page');
  const projectUrl = await petra.getByRole('link', { name: 'Zur Projektseite' }).getAttribute('href');
  assert.match(projectUrl ?? '', /^\/mitgestalten\/projekte\/[0-9a-f-]{36}$/);

  // the first phase gets a hostile title and description, and a tool
  const firstPhase = petra.locator('.codesign-manage-list > li').first();
  await firstPhase.getByText('Schritt bearbeiten').click();
  const phaseForm = firstPhase.locator('details').first();
  await phaseForm.getByLabel(/^Titel/).fill(hostilePhase);
  await phaseForm.getByLabel(/^Beschreibung/).fill(`Alle Ideen sind willkommen.\n\n${xssText}`);
  await phaseForm.getByRole('button', { name: 'Speichern' }).click();
  await petra
    .getByRole('heading', { level: 3, name: new RegExp(`^1\\. ${hostilePhase.slice(0, 10)}`) })
    .waitFor();
  const addTool = petra.locator('details', { has: petra.getByText(/^Werkzeug zu „Ideen/) });
  await addTool.getByText(/^Werkzeug zu „Ideen/).click();
  await addTool.getByLabel('Art des Werkzeugs').selectOption('ideas');
  await addTool.getByLabel(/^Titel/).fill(hostileTool);
  await addTool.getByLabel(/^Beschreibung/).fill(xssText);
  await addTool.getByRole('button', { name: 'Werkzeug hinzufügen' }).click();
  await petra.getByRole('link', { name: hostileTool }).waitFor();
  await checkA11y(petra, 'the manage page with a tool');
  await petra.getByRole('button', { name: 'Projekt starten', exact: true }).click();
  await petra.getByText('Das Projekt läuft.').waitFor();
  await assertNoXss(petra, petraSeen, 'the manage page');
  await shot(petra, 'codesign-manage-390');

  await petra.goto(`${server.url}${projectUrl}`);
  await expectPage(petra, hostileTitle, 'the project page as organiser');
  await assertNoXss(petra, petraSeen, 'the project page');

  // Jonas, a neighbour, joins on his phone
  const jonas = await (await newContext(browser, phone)).newPage();
  const jonasSeen = await armXssTrap(jonas);
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/mitgestalten`);
  await expectPage(jonas, 'Mitgestalten', 'the co-design home as a neighbour');
  await jonas.getByRole('link', { name: hostileTitle }).click();
  await expectPage(jonas, hostileTitle, 'the project page before joining');
  await jonas.getByRole('button', { name: 'Mitmachen' }).click();
  await jonas.getByRole('button', { name: 'Nicht mehr mitmachen' }).waitFor();
  const stepper = jonas.getByRole('list', { name: 'Die Schritte des Projekts' });
  await stepper.waitFor();
  assert.equal(await stepper.getByRole('listitem').count(), 4, 'the short way has four steps');
  const current = stepper.locator('[aria-current=step]');
  assert.equal(await current.count(), 1);
  assert.match((await current.textContent()) ?? '', /Ideen <svg/);
  assert.match((await current.textContent()) ?? '', /jetzt/);
  await jonas.getByRole('heading', { level: 2, name: /^Jetzt: Ideen/ }).waitFor();
  await noSideScroll(jonas, 'the project page');
  await checkA11y(jonas, 'the project page after joining');
  await jonas.getByText('Zu welchen Gruppen gehören Sie? (freiwillig)').click();
  await jonas.getByLabel('Alter').selectOption('30_49');
  await jonas.getByRole('button', { name: 'Speichern' }).click();
  await jonas.getByRole('status').getByText('Gespeichert.').waitFor();
  await checkA11y(jonas, 'the groups form');
  await assertNoXss(jonas, jonasSeen, 'the project page as a participant');
  await shot(jonas, 'codesign-project-390');

  await jonas.getByRole('link', { name: hostileTool }).click();
  await expectPage(jonas, hostileTool, 'the tool page');
  await jonas.getByRole('link', { name: hostileTitle }).waitFor();
  await assertNoXss(jonas, jonasSeen, 'the tool page');
  await noSideScroll(jonas, 'the tool page');

  await jonas.goto(`${server.url}/mitgestalten`);
  await jonas
    .getByRole('region', { name: 'Meine Projekte' })
    .getByRole('link', { name: hostileTitle })
    .waitFor();
  await assertNoXss(jonas, jonasSeen, 'the home with the project');
});

test('a visitor sees the running projects and the demo stepper; broken join links say so', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Zum Mitgestalten' }).click();
  await expectPage(page, 'Mitgestalten', 'the co-design home as a visitor');
  await page.getByRole('link', { name: 'Offene Sprechstunde der Caritas gemeinsam neu gestalten' }).click();
  await expectPage(page, 'Offene Sprechstunde der Caritas gemeinsam neu gestalten', 'the demo project');
  const current = page
    .getByRole('list', { name: 'Die Schritte des Projekts' })
    .locator('[aria-current=step]');
  assert.match((await current.textContent()) ?? '', /Rückblick/);
  await noSideScroll(page, 'the demo project');
  await page.goto(`${server.url}/mitgestalten/beitreten`);
  await expectPage(page, 'Einem Projekt beitreten', 'a join link without its secret');
  await page.getByText('Dieser Link ist unvollständig.', { exact: false }).waitFor();
});
