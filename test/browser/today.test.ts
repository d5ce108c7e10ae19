import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { hashSecret, newSecret } from '../../server/auth/tokens.ts';
import { insertInvitation } from '../../server/repositories/oneTimeTokens.ts';
import {
  checkA11y,
  desktop,
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

/**
 * The personal home "Heute" (/heute; the start page shows it to people signed in): what needs each
 * person, one tap from where it is done, on a phone and a desktop, with no axe violation.
 */

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

async function home(page: Page): Promise<void> {
  await page.goto(`${server.url}/heute`);
  await expectPage(page, 'Heute', 'today');
}

/** A section of the home by its heading. */
const section = (page: Page, heading: string): Locator =>
  page.getByRole('region', { name: heading, exact: true });

/** A link is a big enough target for a finger (44 px). */
async function tappable(link: Locator): Promise<void> {
  const box = await link.boundingBox();
  assert.ok(box && box.height >= 44, `“${await link.textContent()}” is ${box?.height} px high`);
}

test('Petra sees every approval waiting for her in one place on her phone and confirms hours in one tap', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, petraEmail);
  await home(page);
  const waiting = section(page, 'Das wartet auf Sie');
  await waiting.waitFor();
  const booking = section(page, 'Buchungen, die auf Ihre Antwort warten').getByRole('link', {
    name: 'Anfrage für „Saal im Nachbarschaftszentrum“ beantworten',
  });
  await booking.waitFor();
  await tappable(booking);
  await section(page, 'Zeitgutschriften, die Sie bestätigen')
    .getByRole('link', { name: /1 Std\. für Fahrradwerkstatt-Initiative „Speiche“ bestätigen/ })
    .waitFor();
  await section(page, 'Einladungen zur Zusammenarbeit')
    .getByRole('link', { name: 'Einladung von Volkshochschule Lindenbrück beantworten' })
    .waitFor();
  const hours = section(page, 'Stunden, die Sie bestätigen').getByRole('link', {
    name: 'Stunden von Amira Haddad bestätigen',
  });
  // nothing waits, so nothing is suggested: Petra has enough to do
  assert.equal(await page.getByRole('heading', { name: 'Vorschläge für Sie' }).count(), 0);
  await shot(page, 'today-petra-390');

  await hours.click();
  await page.getByRole('heading', { level: 2, name: 'Stunden der Freiwilligen' }).waitFor();
  const confirm = page.getByRole('button', { name: /Bestätigen.*Amira Haddad/ });
  await confirm.click();
  await page
    .getByText(/bestätigt/)
    .first()
    .waitFor();

  await home(page);
  await section(page, 'Buchungen, die auf Ihre Antwort warten').waitFor();
  assert.equal(
    await page.getByRole('link', { name: 'Stunden von Amira Haddad bestätigen' }).count(),
    0,
    'what she did is gone from her home',
  );
});

test('Petra’s home on a desktop', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(page, server, petraEmail);
  await home(page);
  await section(page, 'Buchungen, die auf Ihre Antwort warten').waitFor();
  await shot(page, 'today-petra-1280');
});

test('Jonas takes on the ride nobody took in Herr K.’s circle: the home leads him straight to it', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  await home(page);
  const open = section(page, 'Hilfe gesucht in Ihren Kreisen');
  await open.getByRole('link', { name: '„Fahrt zur Physiotherapie“ übernehmen' }).click();
  await page.getByRole('heading', { level: 1, name: /Herr K\./ }).waitFor();
  // the need's card is where focus lands, with its button
  const card = page.locator('li.circle-need:focus');
  await card.getByRole('heading', { name: 'Fahrt zur Physiotherapie' }).waitFor();
  await card.getByRole('button', { name: 'Übernehme ich' }).click();
  await page.getByText('Sie haben „Fahrt zur Physiotherapie“ übernommen. Danke!').waitFor();
  await checkA11y(page, 'circle at a need');

  await home(page);
  await section(page, 'Was Sie übernommen haben')
    .getByRole('link', { name: '„Fahrt zur Physiotherapie“ ansehen' })
    .waitFor();
  await shot(page, 'today-jonas-390');
});

test('Frau M. has nothing waiting: her home says so in plain words and suggests what is near her', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, 'margarete.m@example.org');
  await home(page);
  await page.getByText('Gerade wartet nichts auf Sie.').waitFor();
  await section(page, 'Ihre Einträge im Tauschring')
    .getByRole('link', { name: 'Ihr Gesuch „Begleitung zum Augenarzt am Bahnhof“ ansehen' })
    .waitFor();
  const near = section(page, 'Eine kleine Aufgabe in Ihrer Nähe').getByRole('link', {
    name: '„Kuchen fürs Seniorencafé abholen und bringen“ ansehen',
  });
  await tappable(near);
  const offer = section(page, 'Passt zu Ihnen im Tauschring').getByRole('link', {
    name: 'Angebot „Fahrdienst zum Arzt und zurück“ ansehen',
  });
  await tappable(offer);
  // the page fits the phone: nothing wider than the screen
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `the page is ${width} px wide`);
  await shot(page, 'today-margarete-390');
  await offer.click();
  await page.getByRole('heading', { level: 1, name: 'Fahrdienst zum Arzt und zurück' }).waitFor();
});

test('in English, on a desktop', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(page, server, 'margarete.m@example.org');
  await page.evaluate(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await page.goto(`${server.url}/heute`);
  await expectPage(page, 'Today', 'today in English');
  await page.getByText('Nothing is waiting for you right now.').waitFor();
  await section(page, 'Suggestions for you')
    .getByRole('link', { name: 'See the offer “Fahrdienst zum Arzt und zurück”' })
    .waitFor();
  await shot(page, 'today-margarete-en-1280');
});

test('the network’s coordinator sees what lies unanswered', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, 'admin@lindenbrueck.example');
  await home(page);
  const stale = section(page, 'Im Netzwerk liegen geblieben');
  await stale.getByRole('link', { name: 'Gesuch „Begleitung zum Augenarzt am Bahnhof“ ansehen' }).waitFor();
  const more = section(page, 'Angebote, für die sich noch niemand meldet').getByRole('link', {
    name: /weitere ansehen/,
  });
  await tappable(more);
  await shot(page, 'today-admin-390');
});

test('when the home cannot be loaded, it says so and offers to try again', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');
  let fail = true;
  await context.route('**/api/v1/me/today', (route) =>
    fail
      ? route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Ein Fehler.', status: 500, code: 'internal' }),
        })
      : route.continue(),
  );
  await page.goto(`${server.url}/heute`);
  const alert = page.getByRole('alert');
  await alert.getByText('Ein Fehler.').waitFor();
  await checkA11y(page, 'today failing');
  fail = false;
  await alert.getByRole('button', { name: 'Noch einmal versuchen' }).click();
  await section(page, 'Hilfe gesucht in Ihren Kreisen').waitFor();
});

test('an invitation waits on Frau M.’s home; she accepts it there, without the emailed link', async () => {
  const awo = await server.db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('network_id', '=', server.networkId)
    .where('slug', 'like', 'awo%')
    .executeTakeFirstOrThrow();
  await insertInvitation(server.db, server.networkId, {
    tokenHash: hashSecret(newSecret()),
    email: 'margarete.m@example.org',
    organisationId: awo.id,
    role: 'volunteer',
    createdBy: (
      await server.db
        .selectFrom('membership')
        .select('account_id')
        .where('organisation_id', '=', awo.id)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).account_id,
    days: 14,
  });
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, 'margarete.m@example.org');
  await home(page);
  const item = section(page, 'Einladungen an Sie').getByRole('link', {
    name: `Einladung von ${awo.name} annehmen`,
  });
  await tappable(item);
  await item.click();
  await expectPage(page, 'Einladungen an Sie', 'invitations');
  await shot(page, 'today-invitation-390');
  await page.getByRole('button', { name: 'Einladung annehmen' }).click();
  const done = page.getByRole('status').getByText(`Willkommen bei ${awo.name}! Sie gehören jetzt dazu.`);
  await done.waitFor();
  assert.ok(
    await page.evaluate(() => document.activeElement?.textContent?.includes('Willkommen')),
    'what happened has the focus',
  );
  await checkA11y(page, 'invitation accepted');
  await page.getByRole('link', { name: 'Zurück zu „Heute“' }).click();
  await expectPage(page, 'Heute', 'today after the invitation');
  // the home asks again once shown: the section goes when its fresh answer comes (not at once)
  await page.getByRole('region', { name: 'Einladungen an Sie', exact: true }).waitFor({ state: 'detached' });
});
