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
const cafe = 'Unser neues Stadtteilcafé „Lindenblatt“ öffnet am Montag';
/** A title with payloads that fit its 160 characters; the body and the comment carry the whole corpus. */
const hostileTitle = 'Flohmarkt <img src=x onerror="window.__xss=2"> <script>window.__xss=1</script>';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Parses a feed as XML in the browser: fails on anything not well-formed; answers its titles. */
async function feedTitles(page: Page, url: string, type: string): Promise<string[]> {
  const res = await page.request.get(url);
  assert.equal(res.status(), 200, url);
  assert.equal(res.headers()['content-type'], type);
  const xml = await res.text();
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0)
      throw new Error('the feed is not well-formed XML');
    return [...doc.querySelectorAll('entry > title, item > title')].map((t) => t.textContent ?? '');
  }, xml);
}

test('a visitor reads the news on a phone and finds the feeds, with public posts only', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/wissen/neuigkeiten`);
  await expectPage(page, 'Neuigkeiten', 'news list');
  const list = page.getByRole('region', { name: 'Beiträge' });
  await list.getByRole('link', { name: cafe }).waitFor();
  assert.equal(await list.getByRole('link', { name: /Weihnachtsbasar/ }).count(), 0, 'members only');
  assert.equal(await list.getByRole('link', { name: /Kursleitungen/ }).count(), 0, 'signed in only');
  assert.equal(await list.getByRole('link', { name: /Repair-Café/ }).count(), 0, 'a draft');
  const rss = page.getByRole('link', { name: 'RSS' });
  const atom = page.getByRole('link', { name: 'Atom' });
  await page.getByText('Abonnieren / Herunterladen:').first().waitFor();
  assert.equal(await page.locator('head link[rel=alternate][type="application/rss+xml"]').count(), 1);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await shot(page, 'knowledge-news-list-390');

  for (const [link, type] of [
    [rss, 'application/rss+xml; charset=utf-8'],
    [atom, 'application/atom+xml; charset=utf-8'],
  ] as const) {
    const titles = await feedTitles(page, `${server.url}${await link.getAttribute('href')}`, type);
    assert.ok(titles.includes(cafe), `the café is in the feed: ${titles.join(' | ')}`);
    assert.ok(!titles.some((t) => /Weihnachtsbasar|Kursleitungen|Repair-Café/.test(t)), titles.join(' | '));
  }

  await list.getByRole('link', { name: cafe }).click();
  await expectPage(page, cafe, 'news post as a visitor');
  await page.getByRole('heading', { level: 2, name: '4 Kommentare' }).waitFor();
  await page.getByText('Ich backe gern einmal im Monat einen Kuchen.').waitFor();
  await page.getByRole('link', { name: 'Melden Sie sich an, um zu kommentieren.' }).waitFor();
  await page.getByRole('link', { name: 'Mehr von Nachbarschaftszentrum Lindenhof' }).click();
  await expectPage(page, 'Neuigkeiten: Nachbarschaftszentrum Lindenhof', 'one organisation’s news');
  const orgFeed = await page.getByRole('link', { name: 'Atom' }).getAttribute('href');
  assert.match(orgFeed ?? '', /\/api\/v1\/news\/organisations\/[0-9a-f-]{36}\/feed\.atom$/);

  // a members-only post does not exist for a visitor
  const members = await server.db
    .selectFrom('news_post')
    .select('id')
    .where('visibility', '=', 'members')
    .executeTakeFirstOrThrow();
  assert.equal((await page.request.get(`${server.url}/api/v1/news/${members.id}`)).status(), 404);
  await page.goto(`${server.url}/wissen/neuigkeiten/${members.id}`);
  await page.getByRole('alert').waitFor();
  await checkA11y(page, 'a post one may not see');
});

test('Petra writes and publishes a post on her phone; Jonas hears of it and comments; nothing hostile runs', async () => {
  const petra = await (await newContext(browser, phone)).newPage();
  const petraSeen = await armXssTrap(petra);
  await signInWithPassword(petra, server, petraEmail);
  await petra.goto(`${server.url}/wissen/neuigkeiten?organisation=nachbarschaftszentrum-lindenhof`);
  await expectPage(petra, 'Neuigkeiten: Nachbarschaftszentrum Lindenhof', 'organisation news as staff');
  // her organisation's draft is listed for her
  await petra.getByRole('link', { name: 'Repair-Café: Unser Rückblick auf das Jahr' }).waitFor();
  await petra.getByText('Entwurf', { exact: true }).first().waitFor();

  await petra.getByRole('link', { name: 'Neuen Beitrag schreiben' }).click();
  await expectPage(petra, 'Neuen Beitrag schreiben', 'write a post');
  // nothing typed: the server's message says which field
  await petra.getByRole('button', { name: 'Veröffentlichen' }).click();
  await petra.locator('.form-error').waitFor();
  await petra.getByLabel('Überschrift').fill(hostileTitle);
  await petra.getByLabel('Text').fill(`Am Samstag ist Flohmarkt im Hof.\n\n${xssText}`);
  await petra.getByRole('button', { name: 'Vorschau' }).click();
  await petra.locator('.markdown-preview').getByText('Am Samstag ist Flohmarkt im Hof.').waitFor();
  await assertNoXss(petra, petraSeen, 'the preview of a hostile post');
  await petra.getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await petra.getByLabel('Wer darf den Beitrag lesen?').selectOption('public');
  await checkA11y(petra, 'the filled form');
  await petra.getByRole('button', { name: 'Veröffentlichen' }).click();
  await petra.getByRole('status').getByText('Der Beitrag ist veröffentlicht.').waitFor();
  await expectPage(petra, hostileTitle, 'the new post');
  await petra.getByText('Am Samstag ist Flohmarkt im Hof.').waitFor();
  await assertNoXss(petra, petraSeen, 'the new post');
  await shot(petra, 'knowledge-news-post-390');
  const postUrl = petra.url();
  const postId = postUrl.split('/').pop()!;

  // Jonas follows the centre (demo town): he is told, and comments
  const told = await server.db
    .selectFrom('notification as n')
    .innerJoin('account as a', 'a.id', 'n.account_id')
    .select(['n.link'])
    .where('a.email', '=', jonasEmail)
    .where('n.kind', '=', 'news.published')
    .where('n.link', '=', `/wissen/neuigkeiten/${postId}`)
    .execute();
  assert.equal(told.length, 1, 'the follower is notified');

  const jonas = await (await newContext(browser, phone)).newPage();
  const jonasSeen = await armXssTrap(jonas);
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/wissen/neuigkeiten`);
  await jonas.getByRole('region', { name: 'Beiträge' }).getByRole('link', { name: hostileTitle }).waitFor();
  await assertNoXss(jonas, jonasSeen, 'the list with a hostile post');
  await checkA11y(jonas, 'the list with a hostile post');
  await jonas.getByRole('region', { name: 'Beiträge' }).getByRole('link', { name: hostileTitle }).click();
  await expectPage(jonas, hostileTitle, 'the post as a reader');
  await jonas.getByRole('button', { name: 'Sie folgen – beenden' }).waitFor();
  await jonas.getByRole('heading', { level: 2, name: '0 Kommentare' }).waitFor();
  const comment = jonas.getByLabel('Ihr Kommentar');
  await comment.fill(`Ich komme mit einem Stand!\n\n${xssText}`);
  await jonas.getByRole('button', { name: 'Kommentar senden' }).click();
  await jonas.getByRole('status').getByText('Ihr Kommentar ist veröffentlicht.').waitFor();
  await jonas.getByRole('heading', { level: 2, name: '1 Kommentar' }).waitFor();
  const mine = jonas.locator('li.news-comment', { hasText: 'Ich komme mit einem Stand!' });
  await mine.waitFor();
  assert.equal(await comment.inputValue(), '', 'the form is empty again');
  await assertNoXss(jonas, jonasSeen, 'the post with a hostile comment');
  await checkA11y(jonas, 'the post with a comment');

  // he changes it
  await mine.getByRole('button', { name: 'Kommentar von Jonas Berger ändern' }).click();
  await jonas.getByLabel('Kommentar ändern').fill(`Ich komme mit einem Stand für Bücher.\n\n${xssText}`);
  await jonas.getByRole('button', { name: 'Speichern' }).click();
  await jonas.getByRole('status').getByText('Der Kommentar ist geändert.').waitFor();
  await jonas
    .locator('li.news-comment', { hasText: 'Ich komme mit einem Stand für Bücher.' })
    .getByText('bearbeitet')
    .waitFor();
  await assertNoXss(jonas, jonasSeen, 'the changed comment');
  await shot(jonas, 'knowledge-news-comment-390');

  // Petra sees the comment, removes it behind a confirmation, then takes the post back
  await petra.goto(postUrl);
  await expectPage(petra, hostileTitle, 'the post with a comment, as staff');
  await petra.getByText('Ich komme mit einem Stand für Bücher.').waitFor();
  await assertNoXss(petra, petraSeen, 'the hostile comment, seen by staff');
  await petra.getByRole('button', { name: 'Löschen: Kommentar von Jonas Berger' }).click();
  await petra.getByRole('alertdialog').getByRole('button', { name: 'Kommentar löschen' }).click();
  await petra.getByRole('status').getByText('Der Kommentar ist gelöscht.').waitFor();
  await petra.getByText('Noch keine Kommentare.').waitFor();

  await petra.getByRole('button', { name: 'Zurückziehen (wieder Entwurf)' }).click();
  await petra
    .getByRole('status')
    .getByText('Der Beitrag ist zurückgezogen und wieder ein Entwurf.')
    .waitFor();
  await petra.getByText(/^Entwurf: Nur die Mitarbeitenden/).waitFor();
  assert.equal(
    (await jonas.request.get(`${server.url}/api/v1/news/${postId}`)).status(),
    404,
    'a draft again',
  );
  await checkA11y(petra, 'a draft, as staff');
  await petra.getByRole('button', { name: 'Beitrag löschen' }).click();
  const dialog = petra.getByRole('alertdialog');
  await dialog.getByText(/wird mit allen Kommentaren gelöscht/).waitFor();
  await checkA11y(petra, 'the delete confirmation');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await petra.getByRole('status').getByText('Der Beitrag ist gelöscht.').waitFor();
  await expectPage(petra, 'Neuigkeiten: Nachbarschaftszentrum Lindenhof', 'back at the list');
  assert.equal(await petra.getByRole('link', { name: hostileTitle }).count(), 0);
  await assertNoXss(petra, petraSeen, 'the list after deleting');
});
