import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  mainNav,
  newContext,
  petraEmail,
  phone,
  shot,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * The front door (issue 13, item 2): a visitor learns what the network is and reaches help in at
 * most three taps from the front page, on a phone and a desktop; Frau M. (67, on her phone, signed
 * in) finds the help path from her start page, asks the Tauschring and an organisation, and asks
 * about a service only members may use; the organisation's admin sees the enquiry and marks it
 * answered. axe on every page of the way.
 */

let server: TestServer;
let browser: Browser;
const margarete = 'margarete.m@example.org';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Counts the taps a person makes, so a test can say how many it took. */
function tapper(page: Page) {
  let taps = 0;
  return {
    async tap(target: Locator) {
      taps++;
      await target.click();
      await page.waitForLoadState('domcontentloaded');
    },
    get count() {
      return taps;
    },
  };
}

for (const [viewport, size] of [
  ['phone', phone],
  ['desktop', desktop],
] as const) {
  test(`a visitor on a ${viewport} learns what the network is and reaches help in three taps`, async () => {
    const context = await newContext(browser, size);
    const page = await context.newPage();
    await page.goto(server.url);
    await expectPage(page, 'Lindenbrück vernetzt', `front page (${viewport})`);
    // the six networks, each with where to start and its figures
    for (const name of ['Wissen', 'Mitmachen', 'Mitgestalten', 'Teilen', 'Unterstützungskreise'])
      await page.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) }).waitFor();
    const codesign = page.locator('li.network', {
      has: page.getByRole('heading', { name: /^Mitgestalten/ }),
    });
    await codesign.getByRole('link', { name: 'Zum Mitgestalten' }).waitFor();
    await codesign.getByText(/gerade zum Mitgestalten/).waitFor();
    // the town in numbers, public; none of them about fewer than five people
    await page.getByRole('heading', { name: 'Lindenbrück vernetzt in Zahlen' }).waitFor();
    await page.getByText('Organisationen machen mit').waitFor();
    await shot(page, `front-page-${viewport}`);

    const taps = tapper(page);
    await taps.tap(page.getByRole('link', { name: /Ich suche Hilfe/ }));
    await expectPage(page, 'Ich suche Hilfe', `find help (${viewport})`);
    await taps.tap(page.getByRole('link', { name: /Begleitung zum Arzt/ }));
    await expectPage(page, 'Begleitung zum Arzt', `escort to the doctor (${viewport})`);
    await page.getByRole('heading', { name: 'Organisationen, die helfen' }).waitFor();
    // neighbours' offers are for people signed in: the page says so instead of hiding them silently
    await page.getByText(/Diese Angebote sehen Sie, wenn Sie angemeldet sind/).waitFor();
    await shot(page, `need-escort-${viewport}`);
    await taps.tap(page.getByRole('link', { name: 'Caritas-Beratungsstelle Lindenbrück', exact: true }));
    await expectPage(page, 'Caritas-Beratungsstelle Lindenbrück', `an organisation that helps (${viewport})`);
    // a person who can help: the phone number to call, and a way to ask here
    await page.getByRole('link', { name: '05611 40 21-0' }).waitFor();
    await page.getByRole('link', { name: 'Anfrage senden' }).waitFor();
    assert.ok(taps.count <= 3, `help reached in ${taps.count} taps`);

    // the other way in three taps: asking everyone, which needs an account and comes back after it
    await page.goto(server.url);
    const ask = tapper(page);
    await ask.tap(page.getByRole('link', { name: /Ich suche Hilfe/ }));
    await ask.tap(page.getByRole('link', { name: /Einkauf und Besorgungen/ }));
    await ask.tap(page.getByRole('link', { name: 'Um Hilfe bitten', exact: true }));
    await expectPage(page, 'Um Hilfe bitten', `asking, signed out (${viewport})`);
    await page.getByRole('heading', { name: 'Bitte melden Sie sich an' }).waitFor();
    assert.ok(ask.count <= 3, `a way to ask reached in ${ask.count} taps`);
    await page.getByRole('link', { name: 'Anmelden und weiter' }).click();
    await expectPage(page, 'Anmelden', `sign-in on the way (${viewport})`);
    assert.match(page.url(), /weiter=%2Fhilfe-finden%2Feinkauf%2Ffragen/);
    await page.goBack();
    await expectPage(page, 'Um Hilfe bitten', `asking, back from the sign-in (${viewport})`);

    // the two other ways in
    await page.goto(server.url);
    await page.getByRole('link', { name: /Ich möchte helfen/ }).click();
    await expectPage(page, 'Ich möchte helfen', `help others (${viewport})`);
    await page.getByRole('heading', { name: 'Mini-Einsätze' }).waitFor();
    await page.getByRole('link', { name: 'Aushang für den Kleiderkeller übersetzen' }).waitFor();
    assert.equal(
      await page.getByText(/Unterstützungskreis/).count(),
      0,
      'circles are private, none is listed',
    );
    await page.goto(server.url);
    await page.getByRole('link', { name: /Ich möchte etwas teilen oder leihen/ }).click();
    await expectPage(page, 'Ich möchte etwas teilen oder leihen', `share or borrow (${viewport})`);
    await page.getByRole('link', { name: /Fahrzeuge/ }).click();
    // the catalogue's pages and texts are fetched first: until then the page above (whose heading
    // also says "teilen") stays
    await page.waitForURL(/\/teilen\?art=vehicle$/);
    await expectPage(page, /^Teilen$/, `the catalogue's vehicles (${viewport})`);
    // the Tauschring names people: a visitor is asked to sign in there, not shown an error
    await page.goto(`${server.url}/teilen-leihen`);
    await page.getByRole('link', { name: 'Im Tauschring anbieten oder suchen' }).click();
    await expectPage(page, 'Tauschring', `the Tauschring, signed out (${viewport})`);
    await page.getByRole('heading', { name: 'Bitte melden Sie sich an' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    await context.close();
  });
}

test('someone new opens an account on the way to asking, and comes back to the same place', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/hilfe-finden/einkauf/fragen`);
  await expectPage(page, 'Um Hilfe bitten', 'asking, before an account');
  await page.getByRole('link', { name: 'Neu hier? Konto anlegen' }).click();
  await expectPage(page, 'Konto anlegen', 'register');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await checkA11y(page, 'register with errors');
  await page.getByLabel(/^Ihr Name/).fill('Gisela Neumann');
  await page.getByLabel(/^Ihre E-Mail-Adresse/).fill('gisela.neumann@example.org');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page
    .getByRole('heading', { name: 'Wir haben eine E-Mail an gisela.neumann@example.org geschickt.' })
    .waitFor();
  await checkA11y(page, 'register, mail sent');
  // the link in the mail opens the account and leads back to where she was
  const mail = await server.db
    .selectFrom('outbox_email')
    .select('body_text')
    .where('to_address', '=', 'gisela.neumann@example.org')
    .executeTakeFirstOrThrow();
  const link = /\/anmelden\/link\?weiter=[^\s#]+#[A-Za-z0-9_-]+/.exec(mail.body_text)?.[0];
  assert.ok(link, mail.body_text);
  await page.goto(`${server.url}${link}`);
  await expectPage(page, 'Um Hilfe bitten', 'asking, with a new account');
  assert.match(page.url(), /\/hilfe-finden\/einkauf\/fragen$/);
  await page.getByLabel(/Was brauchen Sie\?/).waitFor();
  await context.close();
});

test('the front page in English, and for people signed in at /netzwerk', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(server.url);
  await expectPage(page, 'Lindenbrück vernetzt', 'front page (phone, before English)');
  await (await mainNav(page)).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Escape'); // the menu stays open after the switch
  await page.getByRole('heading', { name: 'The six networks' }).waitFor();
  await page.getByRole('link', { name: /I am looking for help/ }).click();
  await expectPage(page, 'I am looking for help', 'find help (English)');
  await page.getByRole('link', { name: /Going to the doctor/ }).click();
  await expectPage(page, 'Going to the doctor', 'escort (English)');
  await page.getByRole('heading', { name: 'Organisations that help' }).waitFor();
  await (await mainNav(page, 'Main navigation')).waitFor();
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { level: 1, name: 'Begleitung zum Arzt' }).waitFor();

  await signInWithPassword(page, server, margarete);
  await page.getByRole('link', { name: 'Über Lindenbrück vernetzt: die sechs Netzwerke' }).click();
  await expectPage(page, 'Lindenbrück vernetzt', 'front page signed in (/netzwerk)');
  assert.match(page.url(), /\/netzwerk$/);
  await page.getByRole('heading', { name: 'Die sechs Netzwerke' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Schon dabei?' }).count(), 0);
  await context.close();
});

test('Frau M. on her phone finds the help path from her start page and asks for help', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, margarete);
  // her start page is her day, with the three ways in below it
  await expectPage(page, 'Heute', 'home of Frau M.');
  const taps = tapper(page);
  await taps.tap(page.getByRole('link', { name: /Ich suche Hilfe/ }));
  await expectPage(page, 'Ich suche Hilfe', 'find help (Frau M.)');
  await taps.tap(page.getByRole('link', { name: /Begleitung zum Arzt/ }));
  await expectPage(page, 'Begleitung zum Arzt', 'escort (Frau M.)');
  await taps.tap(page.getByRole('link', { name: 'Um Hilfe bitten', exact: true }));
  await expectPage(page, 'Um Hilfe bitten', 'asking (Frau M.)');
  assert.equal(taps.count, 3);
  // what she already asks for is shown, so she does not ask twice without knowing
  await page.getByText(/^Sie haben schon (eine|\d+) offene Bitten? im Tauschring:$/).waitFor();
  await page.getByRole('link', { name: 'Begleitung zum Augenarzt am Bahnhof' }).waitFor();
  // the title comes from the kind of help; she adds what is hers to say
  const title = page.getByLabel(/Was brauchen Sie\?/);
  assert.equal(await title.inputValue(), 'Begleitung zum Arzt gesucht');
  await title.fill('Begleitung zur Hausärztin in Nordfeld');
  await page.getByLabel(/Mehr dazu/).fill('Donnerstags vormittags, etwa zwei Stunden.');
  await page.getByRole('button', { name: 'Bitte veröffentlichen' }).click();
  await page
    .getByRole('status')
    .getByText(/Ihre Bitte „Begleitung zur Hausärztin in Nordfeld“ steht jetzt im Tauschring/)
    .waitFor();
  await checkA11y(page, 'asked (Frau M.)');
  await shot(page, 'ask-done-phone');
  await page.getByRole('link', { name: 'Ihre Bitte ansehen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Begleitung zur Hausärztin in Nordfeld' }).waitFor();

  // the help path is also in the menu, from every page
  await (await mainNav(page)).getByRole('link', { name: 'Hilfe finden' }).click();
  await expectPage(page, 'Ich suche Hilfe', 'find help from the menu');
  await context.close();
});

test('Frau M. asks an organisation, also about a service only its members may use; its admin answers', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, margarete);

  // a service only for members of the network's organisations: she is none, and is not left at a wall
  const service = await server.db
    .selectFrom('resource')
    .select('id')
    .where('title', '=', 'Druck- und Kopierservice für Vereine')
    .executeTakeFirstOrThrow();
  await page.goto(`${server.url}/teilen/ressourcen/${service.id}`);
  await expectPage(page, 'Druck- und Kopierservice für Vereine', 'a members-only service');
  await page.getByText('Dieses Angebot ist nur für Mitglieder von Organisationen im Netzwerk.').waitFor();
  await page.getByRole('link', { name: 'Bei Volkshochschule Lindenbrück nachfragen' }).click();
  await expectPage(page, 'Anfrage an Volkshochschule Lindenbrück', 'enquiry about the service');
  assert.equal(await page.getByLabel(/Worum geht es\?/).inputValue(), 'Druck- und Kopierservice für Vereine');

  // to the neighbourhood centre, from its page
  await page.goto(`${server.url}/organisationen/nachbarschaftszentrum-lindenhof`);
  await page.getByRole('link', { name: 'Anfrage senden' }).click();
  await expectPage(page, 'Anfrage an Nachbarschaftszentrum Lindenhof', 'enquiry form');
  const send = page.getByRole('button', { name: 'Anfrage senden' });
  await send.click();
  // what is missing is said at the field
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await checkA11y(page, 'enquiry form with errors');
  await page.getByLabel(/Worum geht es\?/).fill('Hilfe beim Einkaufen');
  await page.getByLabel(/Ihre Nachricht/).fill('Wer kann mir einmal in der Woche die Einkäufe tragen?');
  // her email is offered as the way to reach her; she would rather be called
  const contact = page.getByLabel(/So erreicht man Sie/);
  assert.equal(await contact.inputValue(), margarete);
  await contact.fill('05611 12 34 56');
  await send.click();
  await page
    .getByRole('heading', { name: /Ihre Anfrage ist bei Nachbarschaftszentrum Lindenhof angekommen/ })
    .waitFor();
  await checkA11y(page, 'enquiry sent');
  await page.getByRole('link', { name: 'Meine Anfragen ansehen' }).click();
  await expectPage(page, 'Meine Anfragen', 'my enquiries');
  const mine = page.locator('li', { has: page.getByRole('heading', { name: 'Hilfe beim Einkaufen' }) });
  await mine.getByText('Noch offen').waitFor();
  await shot(page, 'my-enquiries-phone');

  // Petra, admin of the centre: told, reads it on the admin page and marks it answered
  const admin = await newContext(browser, desktop);
  const petra = await admin.newPage();
  await signInWithPassword(petra, server, petraEmail);
  await petra.goto(`${server.url}/benachrichtigungen`);
  await petra
    .getByText('Margarete M. hat Nachbarschaftszentrum Lindenhof um Hilfe gefragt: „Hilfe beim Einkaufen“.')
    .waitFor();
  await petra.goto(`${server.url}/organisationen/nachbarschaftszentrum-lindenhof/verwaltung#anfragen`);
  await petra.getByRole('heading', { level: 2, name: 'Anfragen' }).waitFor();
  const item = petra.locator('li', { has: petra.getByRole('heading', { name: 'Hilfe beim Einkaufen' }) });
  await item.getByText('05611 12 34 56').waitFor();
  await checkA11y(petra, 'enquiries on the admin page');
  await shot(petra, 'enquiries-admin-desktop');
  await item.getByRole('button', { name: '„Hilfe beim Einkaufen“ als beantwortet markieren' }).click();
  await petra.getByRole('status').getByText('„Hilfe beim Einkaufen“ ist als beantwortet markiert.').waitFor();
  await petra.getByRole('button', { name: 'Alle' }).click();
  await item.getByText(/Beantwortet am/).waitFor();
  await admin.close();

  await page.reload();
  await mine.getByText('Beantwortet', { exact: true }).waitFor();
  await context.close();
});
