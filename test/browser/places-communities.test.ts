import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

let server: TestServer;
let browser: Browser;
const amiraEmail = 'amira.haddad@example.org';
const jonasEmail = 'jonas@example.org';
/** a name with payloads of the corpus that fit its 120 characters */
const hostileName = 'Nähtreff <img src=x onerror=window.__xss=2> "><script>window.__xss=7</script>';
const threadTitle = 'Wer hat eine Overlock-Maschine?';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function noScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling on ${what} (${width}px)`);
}

test('on their phones: Amira founds a community by request, Jonas asks, Amira takes him in, Jonas starts a discussion only its members see', async () => {
  // Amira founds it
  const amira = await (await newContext(browser, phone)).newPage();
  const amiraXss = await armXssTrap(amira);
  await signInWithPassword(amira, server, amiraEmail);
  await amira.goto(`${server.url}/raeume/gemeinschaften`);
  await expectPage(amira, 'Gemeinschaften', 'the list of communities');
  await amira.getByRole('link', { name: 'Repair-Café Lindenbrück' }).waitFor();
  await noScroll(amira, 'the list');
  await shot(amira, 'communities-list-390');
  await amira.getByRole('main').getByRole('link', { name: 'Gemeinschaft gründen' }).click();
  await expectPage(amira, 'Gemeinschaft gründen', 'the form to found one');
  await amira.getByLabel(/^Name/).fill(hostileName);
  await amira.getByLabel(/Was verbindet Sie/).fill('Wir nähen zusammen und flicken, was kaputt ist.');
  await amira
    .getByLabel(/Mehr über die Gemeinschaft/)
    .fill(`Dienstags im Nachbarschaftszentrum.\n\n${xssText}`);
  await amira.getByRole('radio', { name: /Nur online/ }).check();
  await amira.getByRole('radio', { name: /Beitritt auf Anfrage/ }).check();
  await checkA11y(amira, 'the filled form');
  await amira.getByRole('button', { name: 'Gemeinschaft gründen' }).click();
  await expectPage(amira, hostileName, 'the new community as its owner');
  await amira.getByRole('status').getByText('Die Gemeinschaft ist gegründet.').waitFor();
  const communityUrl = new URL(amira.url()).pathname;
  assert.match(communityUrl, /^\/raeume\/gemeinschaften\/naehtreff-/);
  await amira.getByText('Sie verantworten sie').first().waitFor();
  await assertNoXss(amira, amiraXss, 'the community page');
  await noScroll(amira, 'the community page');

  // Jonas finds it and asks to join
  const jonas = await (await newContext(browser, phone)).newPage();
  const jonasXss = await armXssTrap(jonas);
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/raeume/gemeinschaften`);
  const filters = jonas.getByRole('search');
  await filters.getByLabel('Name oder Stichwort').fill('Nähtreff');
  await filters.getByRole('button', { name: 'Suchen' }).click();
  await jonas.waitForURL(/q=N%C3%A4htreff/);
  await jonas.getByRole('status').getByText('1 Gemeinschaft').waitFor();
  await checkA11y(jonas, 'the list, searched');
  await jonas.getByRole('link', { name: hostileName }).click();
  await expectPage(jonas, hostileName, 'the community before asking');
  await jonas.getByText('Die Gespräche dieser Gemeinschaft sehen nur ihre Mitglieder.').waitFor();
  await jonas.getByText('Weniger als 5 Mitglieder', { exact: false }).first().waitFor();
  await jonas.getByLabel(/Ein paar Worte an die Gemeinschaft/).fill('Ich flicke gern Fahrradtaschen.');
  await jonas.getByRole('button', { name: 'Beitritt anfragen' }).click();
  await jonas
    .getByRole('status')
    .getByText(/Ihre Anfrage ist abgeschickt/)
    .waitFor();
  await jonas.getByRole('button', { name: 'Anfrage zurückziehen' }).waitFor();
  await checkA11y(jonas, 'the community with the request waiting');
  await assertNoXss(jonas, jonasXss, 'the community as an outsider');

  // Amira takes him in
  await amira.goto(`${server.url}${communityUrl}`);
  await amira.getByRole('link', { name: 'Verwalten – 1 Anfrage wartet' }).click();
  await expectPage(amira, `„${hostileName}“ verwalten`, 'the manage page with a request');
  await amira.getByText('Ich flicke gern Fahrradtaschen.').waitFor();
  await noScroll(amira, 'the manage page');
  await shot(amira, 'communities-manage-390');
  await amira.getByRole('button', { name: /^Aufnehmen\W+Jonas Berger$/ }).click();
  await amira.getByRole('status').getByText('Jonas Berger ist jetzt Mitglied.').waitFor();
  await amira.getByText('Gerade wartet keine Anfrage.').waitFor();
  await checkA11y(amira, 'the manage page after the answer');
  await assertNoXss(amira, amiraXss, 'the manage page');

  // Jonas, a member now, starts a discussion: a Wissen thread of the community
  await jonas.goto(`${server.url}${communityUrl}`);
  await expectPage(jonas, hostileName, 'the community as a member');
  await jonas.getByText('Sie sind Mitglied').first().waitFor();
  await jonas.getByRole('list').getByText('Amira Haddad').waitFor();
  await jonas.getByText('Ein Gespräch beginnen').click();
  await jonas.getByLabel(/Worum geht es/).fill(threadTitle);
  await jonas
    .getByLabel(/Ihr Beitrag/)
    .fill('Ich möchte Taschen säumen und suche eine Maschine zum Ausleihen.');
  await checkA11y(jonas, 'the form to start a discussion');
  await jonas.getByRole('button', { name: 'Gespräch beginnen' }).click();
  await expectPage(jonas, threadTitle, 'the new thread on Wissen’s page');
  await jonas.getByRole('status').getByText('Ihr Gespräch ist begonnen.').waitFor();
  const threadUrl = new URL(jonas.url()).pathname;
  assert.match(threadUrl, /^\/wissen\/diskussionen\/[0-9a-f-]{36}$/);
  await jonas.locator('.discussion-meta').getByRole('link', { name: hostileName }).waitFor();
  await noScroll(jonas, 'the thread');
  await assertNoXss(jonas, jonasXss, 'the thread');
  await shot(jonas, 'communities-thread-390');
  await jonas.goto(`${server.url}${communityUrl}`);
  await jonas.getByRole('link', { name: threadTitle }).waitFor();

  // someone outside: the community is there, its discussion is not
  const visitor = await (await newContext(browser, phone)).newPage();
  await visitor.goto(`${server.url}${threadUrl}`);
  await expectPage(visitor, 'Diskussion nicht gefunden', 'a members-only thread to a visitor');
  await visitor.goto(`${server.url}${communityUrl}`);
  await expectPage(visitor, hostileName, 'the community to a visitor');
  assert.equal(await visitor.getByRole('link', { name: threadTitle }).count(), 0);
  await visitor.getByRole('link', { name: 'Melden Sie sich an, um mitzumachen' }).waitFor();
});

test('a visitor finds the translocal Repair-Café and reads its talk; English works too', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/raeume/gemeinschaften`);
  await expectPage(page, 'Gemeinschaften', 'the list as a visitor');
  await page
    .getByRole('search')
    .getByLabel('Wo sie sich trifft')
    .selectOption({ label: 'Trifft sich in mehreren Orten' });
  await page.getByRole('search').getByRole('button', { name: 'Suchen' }).click();
  await page.waitForURL(/raum=translocal/);
  await page.getByRole('link', { name: 'Repair-Café Lindenbrück' }).click();
  await expectPage(page, 'Repair-Café Lindenbrück', 'the Repair-Café');
  await page.getByText('Auch in: Auental, Birkheim').first().waitFor();
  await page.getByRole('link', { name: /Ersatzteile für alte Kaffeemaschinen/ }).click();
  await expectPage(page, /Ersatzteile für alte Kaffeemaschinen/, 'its thread, on Wissen');
  await noScroll(page, 'the Repair-Café thread');
  await page.goto(`${server.url}/raeume/gemeinschaften?q=nirgendwo`);
  await page.getByText('Keine Gemeinschaft passt zu Ihrer Suche', { exact: false }).waitFor();
  await checkA11y(page, 'the empty list');

  const english = await (await newContext(browser, phone)).newPage();
  await english.addInitScript(() => localStorage.setItem('knotenpunkt.locale', 'en'));
  await english.goto(`${server.url}/raeume/gemeinschaften/repair-cafe-lindenbrueck`);
  await english.getByRole('heading', { level: 1, name: 'Repair-Café Lindenbrück' }).waitFor();
  await english.getByRole('heading', { level: 2, name: 'Discussions' }).waitFor();
  await checkA11y(english, 'the Repair-Café in English');
});
