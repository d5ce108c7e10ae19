import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
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
import { armXssTrap, assertNoXss, xssText } from './xss.ts';

/**
 * Mitgestalten, accountability, as Aylin uses it on her phone: her project names whom it is for —
 * people who use the consultation hours, and relatives — and the table shows that staff took part but
 * the users hardly (a group of two, shown without a number and warned about); she enters where the
 * result stands, writes the review with the people who judged it, and names the method a tool
 * applied, which the method's playbook page then lists. Every text field carries the XSS corpus.
 */
let server: TestServer;
let browser: Browser;
let projectId: string;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const id = async (email: string) =>
    (await server.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
  const aylin = await id(aylinEmail);
  const caritas = (
    await server.db
      .selectFrom('membership')
      .select('organisation_id')
      .where('account_id', '=', aylin)
      .executeTakeFirstOrThrow()
  ).organisation_id;
  const p = await makeProject(server, {
    lead: caritas,
    title: 'Wartezimmer freundlicher machen',
    tools: [{ kind: 'meeting' }],
  });
  projectId = p.id;
  // six staff and two users took part (entered on paper, with consent)
  for (const [stake, n] of [
    ['staff', 6],
    ['service_user', 2],
  ] as const)
    for (let i = 0; i < n; i++) {
      const participant = await server.db
        .insertInto('codesign_participant')
        .values({
          network_id: server.networkId,
          project_id: projectId,
          display_name: `Teilnehmende ${stake} ${i}`,
          joined_via: 'assisted',
          consent: 'paper',
          consent_at: new Date(),
          consent_recorded_by: aylin,
          stake,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await server.db
        .insertInto('codesign_contribution')
        .values({
          network_id: server.networkId,
          project_id: projectId,
          participant_id: participant.id,
          kind: 'attendance',
          channel: 'meeting',
          entered_by: aylin,
          entered_role: 'staff',
        })
        .execute();
    }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Aylin names whom the project is for, sees who is missing, and looks back', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, aylinEmail);
  await page.goto(`${server.url}/mitgestalten/projekte/${projectId}/wirkung`);
  await expectPage(page, 'Wirkung und Rückblick', 'codesign impact, empty');
  await page.getByText('Das Projekt hat noch nicht festgelegt, für wen es gedacht ist.').waitFor();

  // whom the project is for
  await page.getByRole('button', { name: 'Betroffene Gruppen festlegen' }).click();
  await page.getByRole('button', { name: 'Gruppe hinzufügen' }).click();
  await page.getByLabel('Gruppe', { exact: true }).selectOption('service_user');
  await page.getByLabel('Erwarteter Anteil in %').fill('50');
  await page.getByRole('button', { name: 'Gruppe hinzufügen' }).click();
  await page.getByLabel('Gruppe', { exact: true }).nth(1).selectOption('relative');
  await page.getByRole('button', { name: 'Gruppen speichern' }).click();
  await page.getByText('Die betroffenen Gruppen sind gespeichert.').first().waitFor();
  const warnings = page.getByRole('note');
  await warnings.getByText('Nutzerinnen und Nutzer des Angebots').waitFor();
  await warnings.getByText('Zu wenige', { exact: false }).waitFor();
  await warnings.getByText('Fehlt', { exact: false }).waitFor();
  // the two users show no number
  const table = page.getByRole('table', { name: 'Rolle im Projekt' });
  await table.getByText('weniger als 5').first().waitFor();
  assert.equal(await table.getByRole('cell', { name: '2', exact: true }).count(), 0);
  await checkA11y(page, 'codesign impact, reach');

  // the outcome
  await page.getByRole('button', { name: 'Ergebnis eintragen' }).click();
  await page.getByLabel('Stand').selectOption('on_track');
  await page.getByLabel('Fortschritt (%)').fill('60');
  await page.getByLabel('Was ist umgesetzt?').fill(`Neue Stühle und Spielecke. ${xssText}`);
  await page.getByRole('button', { name: 'Ergebnis speichern' }).click();
  await page.getByText('Das Ergebnis ist gespeichert.').first().waitFor();
  await page.getByText('läuft nach Plan').waitFor();

  // a review, with an error first: the date lies in the future
  await page.getByRole('button', { name: 'Rückblick schreiben' }).click();
  await page.getByRole('button', { name: 'Rückblick speichern' }).click();
  await page.locator('.field-error').first().waitFor();
  await page.getByLabel('Was hat funktioniert?').fill(`Die Spielecke. ${xssText}`);
  await page.getByLabel('Was hat nicht funktioniert?').fill(xssText);
  await page.getByLabel('Wer hat das beurteilt?').fill(`Eltern im Wartezimmer ${xssText}`.slice(0, 300));
  await page.getByLabel('Nutzerinnen und Nutzer des Angebots').check();
  await page.getByRole('button', { name: 'Rückblick speichern' }).click();
  await page.getByText('Der Rückblick ist gespeichert.').first().waitFor();
  await page.getByRole('heading', { name: /Rückblick am/ }).waitFor();

  // the method a tool applied
  const picker = page.getByLabel(/Methode für/);
  await picker.selectOption({ label: 'Zukunftswerkstatt mit Älteren' });
  await page.getByText('Die Methode ist gespeichert.').first().waitFor();
  await checkA11y(page, 'codesign impact, filled in');
  await shot(page, 'codesign-impact-phone');
  await assertNoXss(page, seen, 'the impact page');

  // the method's playbook page lists the project
  await page.getByRole('link', { name: 'Zukunftswerkstatt mit Älteren' }).click();
  await page.getByRole('heading', { name: 'In Mitgestalten-Projekten verwendet' }).waitFor();
  await page.getByRole('link', { name: 'Wartezimmer freundlicher machen' }).waitFor();
  await checkA11y(page, 'playbook page with its projects');
  await assertNoXss(page, seen, 'the playbook page');
  await context.close();
});

test('a neighbour reads the impact page in English, without the editing', async () => {
  const context = await newContext(browser, phone);
  // the language chosen on this device, as the switch stores it
  await context.addInitScript(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  const page = await context.newPage();
  await page.goto(`${server.url}/mitgestalten/projekte/${projectId}/wirkung`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Who is affected – who took part?' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Enter the outcome' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Name the affected groups' }).count(), 0);
  await checkA11y(page, 'codesign impact, English, reader');
  await shot(page, 'codesign-impact-en');
  await context.close();
});
