import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  checkA11y,
  expectPage,
  fieldMessage,
  launchBrowser,
  newContext,
  petraEmail,
  phone,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

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

const nbz = { slug: 'nachbarschaftszentrum-lindenhof', name: 'Nachbarschaftszentrum Lindenhof' };

test('an organisation’s page shows its services with their hours; its admin adds one by phone', async () => {
  const visitor = await newContext(browser, phone);
  const page = await visitor.newPage();
  await page.goto(`${server.url}/organisationen/${nbz.slug}`);
  await expectPage(page, nbz.name, 'organisation page with services');
  const services = page.getByRole('region', { name: 'Angebote und Öffnungszeiten' });
  const cafe = services
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Nachbarschaftscafé' }) });
  await cafe.waitFor();
  assert.match((await cafe.textContent()) ?? '', /Dienstag\s*14:00–18:00 Uhr/);
  // a service with only a note on its hours says the note
  await services.getByText('Jeden ersten Samstag im Monat, 10 bis 13 Uhr.').waitFor();
  await checkA11y(page, 'organisation page with services');
  await visitor.close();

  const admin = await newContext(browser, phone);
  const p = await admin.newPage();
  await signInWithPassword(p, server, petraEmail);
  await p.goto(`${server.url}/organisationen/${nbz.slug}/verwaltung`);
  await expectPage(p, `${nbz.name} verwalten`, 'organisation admin page');
  const form = p.getByRole('form', { name: 'Neues Angebot' });
  await form.getByLabel('Name des Angebots').fill('Erzählcafé');
  await form.getByRole('checkbox', { name: 'Besuch und Gespräch' }).check();
  await form.getByRole('button', { name: 'Zeit hinzufügen' }).click();
  await form.getByLabel('Wochentag (Zeit 1)').selectOption({ label: 'Freitag' });
  await form.getByLabel(/^von/).fill('17:00');
  await form.getByLabel(/^bis/).fill('15:00');
  await form.getByRole('button', { name: 'Angebot hinzufügen' }).click();
  // closing before opening is refused at the field, in words
  assert.match(await fieldMessage(p, form.getByLabel(/^bis/)), /enden, nachdem sie beginnt/);
  await form.getByLabel(/^von/).fill('15:00');
  await form.getByLabel(/^bis/).fill('17:00');
  await form.getByRole('button', { name: 'Angebot hinzufügen' }).click();
  await p.getByRole('form', { name: 'Erzählcafé' }).waitFor();
  await checkA11y(p, 'organisation admin page with services');

  await p.goto(`${server.url}/organisationen/${nbz.slug}`);
  const added = p
    .getByRole('region', { name: 'Angebote und Öffnungszeiten' })
    .getByRole('listitem')
    .filter({ has: p.getByRole('heading', { name: 'Erzählcafé' }) });
  await added.waitFor();
  assert.match((await added.textContent()) ?? '', /Freitag\s*15:00–17:00 Uhr/);
  await admin.close();
});
