import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  adminEmail,
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
const paulEmail = 'paul.zimmermann@example.org';
/** a title with payloads of the corpus that fit its 160 characters */
const hostileTitle = 'Spieleabend "><script>window.__xss=7</script> <img src=x onerror=window.__xss=8>';

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

test('on her phone Amira starts a thread, Paul answers with a quote and a mention, Amira marks the solution', async () => {
  const amira = await (await newContext(browser, phone)).newPage();
  const amiraXss = await armXssTrap(amira);
  await signInWithPassword(amira, server, amiraEmail);
  await amira.goto(`${server.url}/wissen/diskussionen`);
  await amira
    .getByRole('status')
    .getByText(/\d+ Diskussionen/)
    .waitFor();
  await expectPage(amira, 'Diskussionen', 'thread list');
  await amira.getByRole('link', { name: 'Uns fehlt ein Jugendraum in Weidenau' }).waitFor();
  assert.equal(
    await amira.getByRole('link', { name: /Tischtennis im Stadtpark/ }).count(),
    0,
    'a new account’s thread waiting for review is not listed for others',
  );
  // filter: solved
  const filters = amira.getByRole('search');
  await filters.getByLabel('Stand').selectOption({ label: 'Gelöst' });
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await amira.waitForURL(/stand=geloest/);
  await amira.getByRole('status').getByText('1 Diskussion').waitFor();
  await amira.getByRole('link', { name: /Wie kommen Ältere ohne Auto/ }).waitFor();
  await checkA11y(amira, 'thread list filtered to solved');
  await shot(amira, 'discussions-list-390');
  await noScroll(amira, 'the list');

  // a new thread, with the XSS corpus in its title and body
  await amira.getByRole('link', { name: 'Neue Diskussion beginnen' }).click();
  await expectPage(amira, 'Neue Diskussion', 'new thread form');
  await amira.getByLabel('Titel').fill(hostileTitle);
  await amira.getByLabel('Thema').selectOption({ label: 'Kultur & Freizeit' });
  await amira.getByLabel('Stadtteil').selectOption({ label: 'Weidenau' });
  await amira.getByLabel('Ihr Beitrag').fill(`Wer spielt mit? Jeden Freitag im Zentrum.\n\n${xssText}`);
  await amira.getByRole('button', { name: 'Diskussion beginnen' }).click();
  await amira.waitForURL(/\/wissen\/diskussionen\/[0-9a-f-]{36}/);
  await expectPage(amira, hostileTitle, 'new thread');
  await amira.getByText('window.__xss=1').first().waitFor();
  await assertNoXss(amira, amiraXss, 'the new thread');
  const threadUrl = amira.url();
  // the theme was wrong: she changes it
  await amira.getByRole('button', { name: 'Titel und Thema ändern' }).click();
  await amira.getByLabel('Thema').selectOption({ label: 'Jugend' });
  await checkA11y(amira, 'thread edit form');
  await amira.getByRole('button', { name: 'Änderung speichern' }).click();
  await amira.getByText('Titel und Thema gespeichert.').waitFor();
  await amira.locator('.discussion-meta').getByText('Jugend', { exact: true }).waitFor();
  await amira.getByRole('button', { name: 'Folgen', exact: false, pressed: true }).waitFor();

  // Paul answers: he quotes the opening post and mentions Amira
  const paul = await (await newContext(browser, phone)).newPage();
  const paulXss = await armXssTrap(paul);
  await signInWithPassword(paul, server, paulEmail);
  await paul.goto(threadUrl);
  await expectPage(paul, hostileTitle, 'thread for a reader');
  await paul.getByRole('button', { name: 'Beitrag #1 zitieren' }).click();
  await paul.getByText('Sie zitieren Beitrag #1 von Amira Haddad.').waitFor();
  const answer = paul.getByLabel('Ihre Antwort');
  assert.match(await answer.inputValue(), /^> Wer spielt mit\?/);
  await answer.press('End');
  await answer.pressSequentially('Ich bin dabei und bringe Carcassonne mit. ');
  await paul.getByRole('button', { name: '@ Person erwähnen' }).click();
  await paul.getByLabel('Name').fill('Amira');
  await paul.getByRole('button', { name: 'Amira Haddad erwähnen' }).click();
  assert.match(await answer.inputValue(), /@Amira Haddad $/);
  await checkA11y(paul, 'reply form with quote');
  await paul.getByRole('button', { name: 'Antwort senden' }).click();
  await paul.getByText('Antwort gesendet. Sie folgen dieser Diskussion.').waitFor();
  const reply = paul.locator('#beitrag-2');
  await reply.getByRole('link', { name: 'Antwort auf Beitrag #1 von Amira Haddad' }).waitFor();
  await assertNoXss(paul, paulXss, 'the thread with a quoted hostile post');
  const mentioned = await server.db
    .selectFrom('notification as n')
    .innerJoin('account as a', 'a.id', 'n.account_id')
    .select(['n.kind', 'n.params'])
    .where('a.email', '=', amiraEmail)
    .where('n.kind', 'in', ['discussion.mentioned', 'discussion.reply'])
    .execute();
  assert.deepEqual(
    mentioned.filter((n) => n.params.thread === hostileTitle).map((n) => n.kind),
    ['discussion.mentioned'],
    'mentioned once, and not told twice of the same reply',
  );

  // Paul edits his answer: marked "bearbeitet"
  await reply.getByRole('button', { name: 'Beitrag #2 bearbeiten' }).click();
  const edit = reply.getByLabel('Beitrag #2 bearbeiten');
  await edit.fill(`${await edit.inputValue()}\nFreitag passt mir gut.`);
  await reply.getByRole('button', { name: 'Änderung speichern' }).click();
  await reply.getByText('bearbeitet').waitFor();

  // Amira marks it as the solution
  await amira.reload();
  const solutionButton = amira.locator('#beitrag-2').getByRole('button', { name: 'Als Lösung markieren' });
  await solutionButton.click();
  await amira.getByText('Als Lösung markiert.').waitFor();
  await amira.locator('#beitrag-2').getByRole('button', { name: 'Lösung aufheben', pressed: true }).waitFor();
  await amira
    .locator('#beitrag-2')
    .getByText(/^✓ Lösung$/)
    .waitFor();
  await amira
    .getByText(/^✓ gelöst$/)
    .first()
    .waitFor();
  await checkA11y(amira, 'thread with a solution');
  await assertNoXss(amira, amiraXss, 'the thread with a solution');
  await shot(amira, 'discussions-thread-390');
  await noScroll(amira, 'the thread');
});

test('the coordinator approves a new account’s first thread in the review queue', async () => {
  const miriam = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(miriam, server, adminEmail);
  await miriam.goto(`${server.url}/wissen/diskussionen/pruefen`);
  await expectPage(miriam, 'Erste Beiträge prüfen', 'review queue');
  const item = miriam.getByRole('article', { name: /Tischtennis im Stadtpark/ });
  await item.getByRole('button', { name: 'Beitrag von Dennis Vogt freigeben' }).click();
  await miriam.getByRole('alertdialog').getByRole('button', { name: 'Freigeben' }).click();
  await miriam.getByText('Beitrag freigegeben.').waitFor();
  await miriam.getByText('Nichts zu prüfen. Alle Beiträge sind freigegeben.').waitFor();
  await checkA11y(miriam, 'empty review queue');

  const anyone = await (await newContext(browser, phone)).newPage();
  await anyone.goto(`${server.url}/wissen/diskussionen?thema=culture`);
  await anyone.getByRole('link', { name: /Tischtennis im Stadtpark/ }).waitFor();
  await checkA11y(anyone, 'thread list for a visitor');
  // a visitor reads the youth room thread: the quote links to the post it answers, no way to write
  await anyone.goto(`${server.url}/wissen/diskussionen?thema=youth`);
  await anyone.getByRole('link', { name: 'Uns fehlt ein Jugendraum in Weidenau' }).click();
  await expectPage(anyone, 'Uns fehlt ein Jugendraum in Weidenau', 'thread for a visitor');
  await anyone.getByRole('link', { name: 'Antwort auf Beitrag #2 von Sevgi Öztürk' }).waitFor();
  await anyone.getByRole('link', { name: 'Melden Sie sich an, um zu antworten.' }).waitFor();
  assert.equal(await anyone.getByRole('button', { name: /zitieren/ }).count(), 0);
});
