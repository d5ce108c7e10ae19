import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  checkA11y,
  expectPage,
  fieldMessage,
  launchBrowser,
  newContext,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
let browser: Browser;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
const jonasEmail = 'jonas@example.org';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const accountId = async (email: string) =>
  (await server.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;

/** YYYY-MM-DD in Lindenbrück, `days` from today. */
function berlinDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

async function noSideways(page: Page, label: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${label}: ${scroll}px wide on a ${client}px screen`);
}

test('on her phone Aylin logs a talk with Jonas from his profile; the form says what is missing, he confirms it', async () => {
  const jonasId = await accountId(jonasEmail);
  const aylinContext = await newContext(browser, phone);
  const aylin = await aylinContext.newPage();
  await signInWithPassword(aylin, server, aylinEmail);

  // from Jonas's profile: the form opens with him chosen
  await aylin.goto(`${server.url}/personen/${jonasId}`);
  await aylin.getByRole('link', { name: 'Begegnung mit Jonas Berger eintragen' }).click();
  await expectPage(aylin, 'Begegnungen', 'interactions, the form open');
  const form = aylin.getByRole('form', { name: 'Begegnung eintragen' });
  const person = form.getByRole('combobox', { name: /^Person/ });
  await person.locator('option', { hasText: 'Jonas Berger' }).waitFor({ state: 'attached' });
  assert.equal(await person.inputValue(), jonasId);
  assert.equal(await form.getByLabel('Vor Ort').isChecked(), true, 'in person unless said otherwise');
  assert.equal(await form.getByLabel('Datum').inputValue(), berlinDate(0), 'today unless said otherwise');
  await noSideways(aylin, 'form on a phone');
  await shot(aylin, 'interaction-form-390-de');

  // sent half filled: each missing answer is named at its field, Jonas stays chosen
  await form.getByRole('button', { name: 'Begegnung eintragen' }).click();
  const kind = form.getByLabel('Was war es?');
  const area = form.getByLabel('Bereich des Netzwerks');
  assert.match(await fieldMessage(aylin, kind), /Bitte wählen Sie, was es war/);
  assert.match(await fieldMessage(aylin, area), /Bitte wählen Sie den Bereich/);
  assert.equal(await aylin.evaluate(() => document.activeElement?.getAttribute('name')), 'kindChoice');
  assert.equal(await person.inputValue(), jonasId);
  await checkA11y(aylin, 'form with messages');
  await noSideways(aylin, 'form with messages');
  await shot(aylin, 'interaction-form-errors-390-de');

  // something of her own, a day in the future: refused at the date, nothing else lost
  await kind.selectOption({ label: 'Etwas anderes …' });
  const own = form.getByLabel('Beschreibung in wenigen Worten');
  await own.fill('   ');
  await area.selectOption({ label: 'Unterstützungskreise' });
  await form.getByLabel('Datum').fill(berlinDate(1));
  await form.getByRole('button', { name: 'Begegnung eintragen' }).click();
  assert.match(await fieldMessage(aylin, own), /in wenigen Worten, was es war/);
  assert.match(await fieldMessage(aylin, form.getByLabel('Datum')), /liegt in der Zukunft/);
  await own.fill('Beratungsgespräch');
  await form.getByLabel('Datum').fill(berlinDate(-2));
  // sent by keyboard
  await form.getByRole('button', { name: 'Begegnung eintragen' }).focus();
  await aylin.keyboard.press('Enter');
  const status = aylin.getByRole('status');
  await status.getByText('wartet auf Bestätigung durch Jonas Berger').waitFor();
  const pending = aylin.getByRole('listitem', {
    name: '„Beratungsgespräch“ mit Jonas Berger: wartet auf die Bestätigung von Jonas Berger',
  });
  await pending.getByText('Unterstützungskreise · vor Ort').waitFor();
  // the form starts over
  assert.equal(await kind.inputValue(), '');
  assert.equal(await area.inputValue(), '');
  assert.equal(await own.count(), 0);
  assert.equal(await form.getByLabel('Datum').inputValue(), berlinDate(0));
  const row = await server.db
    .selectFrom('interaction')
    .select(['status', 'mode', 'area', 'occurred_at'])
    .where('source_type', '=', 'manual')
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.mode, 'offline');
  assert.equal(row.area, 'support');
  assert.equal(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(row.occurred_at),
    berlinDate(-2),
  );

  // a second one before Jonas answered: the server's answer stands at the person, the input stays
  await person.selectOption({ label: 'Jonas Berger' });
  await kind.selectOption({ label: 'Anruf' });
  await area.selectOption({ label: 'Teilen' });
  await form.getByLabel('Online (Video, Telefon, Nachricht)').check();
  await form.getByRole('button', { name: 'Begegnung eintragen' }).click();
  assert.match(
    await fieldMessage(aylin, person),
    /Jonas Berger hat Ihre letzte Begegnung noch nicht bestätigt/,
  );
  assert.equal(await kind.inputValue(), 'phone_call');
  assert.equal(await area.inputValue(), 'sharing');
  assert.equal(await form.getByLabel('Online (Video, Telefon, Nachricht)').isChecked(), true);

  // the same in English, for the layout
  await aylin.evaluate(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await aylin.goto(`${server.url}/begegnungen?mit=${jonasId}`);
  await expectPage(aylin, 'Interactions', 'interactions, the form open (English)');
  const formEn = aylin.getByRole('form', { name: 'Log an interaction' });
  await formEn.getByRole('button', { name: 'Log interaction' }).click();
  assert.match(await fieldMessage(aylin, formEn.getByLabel('What was it?')), /Please choose what it was/);
  await noSideways(aylin, 'form in English');
  await shot(aylin, 'interaction-form-errors-390-en');
  await aylin.evaluate(() => localStorage.removeItem('knotenpunkt.locale'));
  await aylinContext.close();

  // Jonas, on his phone, confirms it on the same page
  const jonasContext = await newContext(browser, phone);
  const jonas = await jonasContext.newPage();
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/begegnungen`);
  await expectPage(jonas, 'Begegnungen', 'interactions of Jonas');
  await jonas
    .getByRole('listitem', { name: 'Aylin Demir hat „Beratungsgespräch“ mit Ihnen eingetragen' })
    .getByRole('button', { name: 'Bestätigen' })
    .click();
  await jonas
    .getByRole('listitem', { name: '„Beratungsgespräch“ mit Aylin Demir' })
    .getByText('Von Aylin Demir eingetragen, von Ihnen bestätigt')
    .waitFor();
  const confirmed = await server.db
    .selectFrom('interaction')
    .select('status')
    .where('source_type', '=', 'manual')
    .executeTakeFirstOrThrow();
  assert.equal(confirmed.status, 'confirmed');
  await jonasContext.close();
});

test('an interaction with an organisation, opened and sent by keyboard, counts at once', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, jonasEmail);
  await page.goto(`${server.url}/begegnungen`);
  await expectPage(page, 'Begegnungen', 'interactions, the form closed');
  const form = page.getByRole('form', { name: 'Begegnung eintragen' });
  assert.equal(await form.isVisible(), false, 'closed until asked for');
  await page.locator('summary', { hasText: 'Begegnung eintragen' }).focus();
  await page.keyboard.press('Enter');
  await form.getByLabel('Mit einer Organisation').check();
  const organisation = form.getByRole('combobox', { name: /^Organisation/ });
  await organisation.selectOption({ label: 'Volkshochschule Lindenbrück' });
  await form.getByLabel('Was war es?').selectOption({ label: 'Workshop' });
  await form.getByLabel('Bereich des Netzwerks').selectOption({ label: 'Wissen' });
  await form.getByRole('button', { name: 'Begegnung eintragen' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Sie zählt ab sofort').waitFor();
  await page
    .getByRole('listitem', { name: '„Workshop“ mit Volkshochschule Lindenbrück' })
    .getByText('Von Ihnen eingetragen')
    .waitFor();
  await checkA11y(page, 'after logging with an organisation');
  await context.close();
});
