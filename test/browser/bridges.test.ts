import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  adminEmail,
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

let server: TestServer;
let browser: Browser;
const hasanEmail = 'hasan@baeckerei-yilmaz.example';
const birgitEmail = 'birgit.hahn@pflege-gartenstadt.example';
const headline = 'Bäckerei Yilmaz könnte Ambulanter Pflegedienst Gartenstadt einen Raum bieten';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Hasan, on his phone, finds the bridge on his home and says yes; the Pflegedienst says yes too and they are introduced', async () => {
  const hasanContext = await newContext(browser, phone);
  const hasan = await hasanContext.newPage();
  await signInWithPassword(hasan, server, hasanEmail);
  await hasan.goto(`${server.url}/heute`);
  await hasan
    .getByRole('link', { name: 'Bäckerei Yilmaz und Ambulanter Pflegedienst Gartenstadt kennenlernen?' })
    .click();
  await expectPage(
    hasan,
    'Bäckerei Yilmaz und Ambulanter Pflegedienst Gartenstadt',
    'a bridge, from the home',
  );
  await hasan.getByRole('link', { name: 'Alle Vorschläge' }).click();
  await expectPage(hasan, 'Brücken, die sich lohnen', 'bridges of the bakery');
  const card = hasan.getByRole('article', { name: headline });
  await card
    .getByText(
      '„Hinterzimmer der Bäckerei Yilmaz“ von Bäckerei Yilmaz passt zu „Raum für unseren Backnachmittag gesucht“ von Ambulanter Pflegedienst Gartenstadt.',
    )
    .waitFor();
  await card
    .getByText(
      'Verschiedene Bereiche (Wirtschaft · Gesundheit) und Stadtteile (Am Bahnhof · Gartenstadt); kein Kontakt über höchstens zwei Schritte.',
    )
    .waitFor();
  await card.getByText('Noch hat keine Seite geantwortet.').waitFor();
  await shot(hasan, 'bridges-hasan-390');
  // nobody is named: not Hasan, not Birgit who posted the want
  const text = (await hasan.locator('main').textContent()) ?? '';
  for (const person of ['Hasan', 'Birgit', 'Emine']) assert.ok(!text.includes(person), `${person} named`);

  // "not now" asks first, with room for a reason only his side reads; he thinks again and cancels
  await card.getByRole('button', { name: 'Nicht jetzt: Ambulanter Pflegedienst Gartenstadt' }).click();
  const notNow = hasan.getByRole('alertdialog', { name: 'Vorschlag zurückstellen?' });
  await notNow.getByLabel('Warum nicht jetzt? (freiwillig)').fill('Montags ist das Hinterzimmer belegt.');
  await notNow.getByText('Den Grund lesen nur Ihre Seite und die Netzwerkkoordination.').waitFor();
  await checkA11y(hasan, 'the confirmation of a "not now"');
  await notNow.getByRole('button', { name: 'Abbrechen' }).click();
  await notNow.waitFor({ state: 'detached' });

  // by keyboard: yes, behind a confirmation that says what will be sent
  await card
    .getByRole('button', { name: 'Ja, vorstellen lassen: Ambulanter Pflegedienst Gartenstadt' })
    .focus();
  await hasan.keyboard.press('Enter');
  const dialog = hasan.getByRole('alertdialog', { name: 'Vorstellen lassen?' });
  await dialog.getByText('Wir fragen Ambulanter Pflegedienst Gartenstadt.', { exact: false }).waitFor();
  await checkA11y(hasan, 'the confirmation of a yes');
  await shot(hasan, 'bridges-confirm-390');
  await dialog.getByRole('button', { name: 'Ja, vorstellen lassen' }).click();
  await hasan
    .getByRole('status')
    .getByText('Zugesagt. Wir fragen jetzt Ambulanter Pflegedienst Gartenstadt.')
    .waitFor();
  await card
    .getByText('Sie haben zugesagt. Jetzt ist Ambulanter Pflegedienst Gartenstadt gefragt.')
    .waitFor();
  await checkA11y(hasan, 'bridges after the yes');

  // Birgit is asked in her notifications and says yes: both are introduced
  const birgitContext = await newContext(browser, phone);
  const birgit = await birgitContext.newPage();
  await signInWithPassword(birgit, server, birgitEmail);
  await birgit.goto(`${server.url}/benachrichtigungen`);
  await birgit
    .getByRole('listitem')
    .filter({ hasText: 'Bäckerei Yilmaz möchte Ambulanter Pflegedienst Gartenstadt kennenlernen.' })
    .getByRole('link', { name: 'Ansehen' })
    .click();
  // her own side first
  await expectPage(
    birgit,
    'Ambulanter Pflegedienst Gartenstadt und Bäckerei Yilmaz',
    'the bridge, for the Pflegedienst',
  );
  await birgit.getByText('Bäckerei Yilmaz hat schon zugesagt und möchte Sie kennenlernen.').waitFor();
  await birgit.getByRole('button', { name: 'Ja, vorstellen lassen: Bäckerei Yilmaz' }).click();
  const second = birgit.getByRole('alertdialog', { name: 'Vorstellen lassen?' });
  await second.getByText('Bäckerei Yilmaz hat schon zugesagt.', { exact: false }).waitFor();
  await second.getByRole('button', { name: 'Ja, vorstellen lassen' }).click();
  await birgit
    .getByRole('status')
    .getByText('Sie sind jetzt mit Bäckerei Yilmaz bekannt gemacht. Die Nachricht ist unterwegs.')
    .waitFor();
  const contact = birgit.getByRole('link', { name: 'Nachricht an Bäckerei Yilmaz schreiben' });
  await contact.waitFor();
  assert.equal(await contact.getAttribute('href'), '/organisationen/baeckerei-yilmaz/anfrage');
  await checkA11y(birgit, 'the bridge, introduced');
  // one h1, and no level skipped on the way down to the contact
  const levels = await birgit
    .locator('main :is(h1, h2, h3, h4, h5, h6)')
    .evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
  assert.deepEqual(levels, [1, 2, 3]);
  await shot(birgit, 'bridges-introduced-390');
  const mails = await server.db
    .selectFrom('outbox_email')
    .select(['to_address', 'subject'])
    .where('to_address', 'in', [hasanEmail, birgitEmail])
    .where('subject', 'like', 'Lindenbrück vernetzt: Lernen Sie%')
    .where('subject', 'not like', '%Diakonie%')
    .orderBy('to_address')
    .execute();
  assert.deepEqual(mails, [
    { to_address: birgitEmail, subject: 'Lindenbrück vernetzt: Lernen Sie Bäckerei Yilmaz kennen' },
    {
      to_address: hasanEmail,
      subject: 'Lindenbrück vernetzt: Lernen Sie Ambulanter Pflegedienst Gartenstadt kennen',
    },
  ]);
  await hasanContext.close();
  await birgitContext.close();
});

test('a person who speaks for no organisation is told why there is nothing', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'margarete.m@example.org');
  await page.goto(`${server.url}/raeume/bruecken`);
  await expectPage(page, 'Brücken, die sich lohnen', 'bridges, nothing for Frau M.');
  await page.getByText('Für Sie gibt es deshalb gerade keinen.', { exact: false }).waitFor();
  await context.close();
});

test('the coordinator, in English on a desktop: every suggestion, its state, and the hit rate with small cells hidden', async () => {
  const context = await newContext(browser, desktop);
  const page = await context.newPage();
  await signInWithPassword(page, server, adminEmail);
  await page.evaluate(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await page.goto(`${server.url}/raeume/bruecken`);
  await expectPage(page, 'Bridges worth building', 'bridges for the coordinator');
  const all = page.getByRole('region', { name: 'All suggestions in the network' });
  await all.getByText('2 suggestions').waitFor();
  await all
    .getByRole('article', {
      name: 'Diakonie-Sozialstation Lindenbrück could host Ambulanter Pflegedienst Gartenstadt',
    })
    .getByText('Introduced to each other on', { exact: false })
    .waitFor();
  await all.getByLabel('State').selectOption('open');
  await all.getByText('There are no suggestions in this state.').waitFor();
  await all.getByLabel('State').selectOption('introduced');
  await all.getByText('2 suggestions').waitFor();
  const rate = page.getByRole('table', { name: 'Introductions and interactions by month' });
  await rate.getByRole('cell', { name: 'fewer than 5 people' }).first().waitFor();
  await page.getByText('We do not show months that rest on fewer than 5 people', { exact: false }).waitFor();
  await checkA11y(page, 'bridges for the coordinator, in English');
  await shot(page, 'bridges-coordinator-en-1280');
  await context.close();
});
