import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { blankPng } from '../helpers/images.ts';
import {
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
import { armXssTrap, assertNoXss, xssPayloads, xssText } from './xss.ts';

let server: TestServer;
let browser: Browser;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
const mehmetEmail = 'mehmet.kaya@diakonie-lindenbrueck.example';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const noSideScroll = async (page: Page, where: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `${where}: no horizontal scrolling (${width}px)`);
};

/** Confirms the dialog a ConfirmButton opened. */
const confirm = async (page: Page, label: string) => {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await checkA11y(page, `confirm: ${label}`);
  await dialog.getByRole('button', { name: label, exact: true }).click();
};

test('Aylin finds the stale "Wegweiser Pflege" on her phone, writes the two pages it misses, links them and sees the backlinks', async () => {
  const aylin = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(aylin, server, aylinEmail);
  await aylin.goto(`${server.url}/wissen/wiki`);
  await expectPage(aylin, 'Wiki', 'list');
  const results = aylin.getByRole('region', { name: 'Seiten', exact: true });
  await results.getByRole('link', { name: 'Wegweiser Pflege' }).waitFor();
  // her team's members-only page is there for her
  await results.getByRole('link', { name: 'Ablauf Pflegeberatung im Team' }).waitFor();
  await checkA11y(aylin, 'wiki list');
  await noSideScroll(aylin, 'wiki list');
  await shot(aylin, 'wiki-list-390');

  // only what needs checking: the Wegweiser is overdue
  const filters = aylin.getByRole('search');
  await filters.getByLabel('Nur Seiten, die geprüft werden müssen').check();
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await aylin.waitForURL(/veraltet=1/);
  await results.getByText('1 Seite', { exact: true }).waitFor();
  const item = results.getByRole('listitem').filter({ hasText: 'Wegweiser Pflege' });
  await item.getByText('Möglicherweise veraltet').waitFor();
  await checkA11y(aylin, 'wiki list, stale only');

  await item.getByRole('link', { name: 'Wegweiser Pflege' }).click();
  await expectPage(aylin, 'Wegweiser Pflege', 'page');
  const fresh = aylin.getByRole('complementary', { name: 'Aktualität' });
  await fresh.getByText(/verantwortlich: Aylin Demir/).waitFor();
  await fresh.getByText('Möglicherweise veraltet').waitFor();
  // the link to the page nobody wrote yet is marked, and she is offered to write it
  await aylin.locator('.rich-text .wiki-link-missing', { hasText: 'Verhinderungspflege' }).waitFor();
  await aylin.getByRole('link', { name: 'Pflegegrad beantragen' }).first().waitFor();
  await checkA11y(aylin, 'wiki page');
  await noSideScroll(aylin, 'wiki page');
  await shot(aylin, 'wiki-page-390');
  await aylin.getByRole('link', { name: '„Verhinderungspflege“ schreiben' }).click();

  await expectPage(aylin, 'Neue Wiki-Seite', 'create');
  const form = aylin.locator('form').filter({ has: aylin.getByLabel('Titel der Seite') });
  assert.equal(await form.getByLabel('Titel der Seite').inputValue(), 'Verhinderungspflege');
  assert.equal(await form.getByLabel('In welchem Wiki').inputValue(), 'network');
  // a title too short is refused with a message at the field
  await form.getByLabel('Titel der Seite').fill('V');
  await form.getByRole('button', { name: 'Seite anlegen' }).click();
  await form.getByLabel('Titel der Seite').and(aylin.locator('[aria-invalid="true"]')).waitFor();
  await checkA11y(aylin, 'create, refused');
  await form.getByLabel('Titel der Seite').fill('Verhinderungspflege');
  await form
    .getByLabel('Text', { exact: true })
    .fill(
      'Wenn pflegende Angehörige Urlaub machen oder krank sind, zahlt die Pflegekasse eine Vertretung.\n\nFür ein paar Wochen im Heim: [[Kurzzeitpflege]]. Mehr im [[Wegweiser Pflege]].',
    );
  await form.getByRole('button', { name: 'Seite anlegen' }).click();
  await expectPage(aylin, 'Verhinderungspflege', 'new page');
  await aylin.getByRole('status').getByText('Seite „Verhinderungspflege“ angelegt.').waitFor();
  // the Wegweiser already linked here: its backlink shows at once
  const backlinks = aylin.getByRole('region', { name: 'Seiten, die hierher verlinken' });
  await backlinks.getByRole('link', { name: 'Wegweiser Pflege' }).waitFor();
  await aylin.getByRole('link', { name: '„Kurzzeitpflege“ schreiben' }).click();

  await expectPage(aylin, 'Neue Wiki-Seite', 'create the second');
  await form
    .getByLabel('Text', { exact: true })
    .fill('Eine Zeit lang im Pflegeheim, etwa nach dem Krankenhaus.');
  await form.getByRole('button', { name: 'Seite anlegen' }).click();
  await expectPage(aylin, 'Kurzzeitpflege', 'second page');
  await backlinks.getByRole('link', { name: 'Verhinderungspflege' }).waitFor();
  await checkA11y(aylin, 'page with backlink');

  // and the first page's link now leads here
  await backlinks.getByRole('link', { name: 'Verhinderungspflege' }).click();
  await expectPage(aylin, 'Verhinderungspflege', 'first page again');
  await aylin.locator('.rich-text a.wiki-link', { hasText: 'Kurzzeitpflege' }).click();
  await expectPage(aylin, 'Kurzzeitpflege', 'followed the link');
  await aylin.context().close();
});

test('a second save against an older revision keeps both texts side by side; the history shows the words and restores', async () => {
  const aylin = await (await newContext(browser, phone)).newPage();
  const mehmet = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(aylin, server, aylinEmail);
  await signInWithPassword(mehmet, server, mehmetEmail);
  const page = await server.db
    .selectFrom('wiki_page')
    .select('id')
    .where('title', '=', 'Entlastungsbetrag')
    .executeTakeFirstOrThrow();
  const editUrl = `${server.url}/wissen/wiki/${page.id}/bearbeiten`;
  await aylin.goto(editUrl);
  await expectPage(aylin, '„Entlastungsbetrag“ bearbeiten', 'edit');
  await checkA11y(aylin, 'edit');
  await noSideScroll(aylin, 'edit');
  await mehmet.goto(editUrl);
  await expectPage(mehmet, '„Entlastungsbetrag“ bearbeiten', 'edit as Mehmet');

  const body = (p: Page) => p.getByLabel('Text', { exact: true });
  await body(mehmet).fill(
    `${await body(mehmet).inputValue()}\n\nAuch Nachbarschaftshilfe kann abgerechnet werden, wenn sie anerkannt ist.`,
  );
  await mehmet.getByLabel(/Was haben Sie geändert/).fill('Nachbarschaftshilfe');
  await mehmet.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expectPage(mehmet, 'Entlastungsbetrag', 'saved by Mehmet');

  const mine = `${await body(aylin).inputValue()}\n\nBeratung dazu bei der Caritas, dienstags 9–12 Uhr.`;
  await body(aylin).fill(mine);
  await aylin.getByRole('button', { name: 'Speichern', exact: true }).click();
  const box = aylin.getByRole('region', { name: /Jemand hat die Seite inzwischen geändert/ });
  await box.getByText(/Mehmet Kaya/).waitFor();
  const theirs = aylin.getByLabel('Aktuelle Fassung (Version 3, nur lesen)');
  assert.match(await theirs.inputValue(), /Nachbarschaftshilfe kann abgerechnet werden/);
  assert.equal(await aylin.getByLabel('Ihre Fassung').inputValue(), mine, 'her text is all there');
  await checkA11y(aylin, 'edit conflict');
  await shot(aylin, 'wiki-conflict-390');
  // she carries Mehmet's sentence over into hers and saves on top of his revision
  await box.getByRole('button', { name: 'Mit meiner Fassung weiterarbeiten' }).click();
  await aylin
    .getByLabel('Ihre Fassung')
    .fill(`${await theirs.inputValue()}\n\nBeratung dazu bei der Caritas, dienstags 9–12 Uhr.`);
  await aylin.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expectPage(aylin, 'Entlastungsbetrag', 'saved after the conflict');
  await aylin.getByRole('status').getByText('„Entlastungsbetrag“ gespeichert (Version 4).').waitFor();
  await aylin.getByText('Nachbarschaftshilfe kann abgerechnet werden').waitFor();
  await aylin.getByText('Beratung dazu bei der Caritas').waitFor();

  // the history: who changed what, word by word
  await aylin.getByRole('link', { name: 'Versionen (4)' }).click();
  await expectPage(aylin, 'Versionen von „Entlastungsbetrag“', 'history');
  await aylin.locator('.wiki-diff ins', { hasText: 'Beratung dazu bei der Caritas' }).waitFor();
  await aylin.getByText('Nachbarschaftshilfe', { exact: true }).waitFor();
  await checkA11y(aylin, 'history');
  await noSideScroll(aylin, 'history');
  await shot(aylin, 'wiki-history-390');
  await aylin.getByRole('button', { name: 'Version 2 wiederherstellen' }).click();
  await confirm(aylin, 'Wiederherstellen');
  await aylin.getByRole('status').getByText('Version 2 wiederhergestellt – jetzt Version 5.').waitFor();
  await aylin.getByText('Wiederhergestellt aus Version 2').waitFor();
  const current = await server.db
    .selectFrom('wiki_revision')
    .select(['revision', 'restored_from', 'author_id'])
    .where('page_id', '=', page.id)
    .orderBy('revision', 'desc')
    .executeTakeFirstOrThrow();
  assert.deepEqual([current.revision, current.restored_from], [5, 2]);
  await aylin.context().close();
  await mehmet.context().close();
});

test('hostile text in every wiki field is shown as text, never run; archive takes the page away', async () => {
  const aylin = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(aylin);
  await signInWithPassword(aylin, server, aylinEmail);
  await aylin.goto(`${server.url}/wissen/wiki/neu`);
  await expectPage(aylin, 'Neue Wiki-Seite', 'create');
  const title = xssPayloads[1];
  await aylin
    .getByLabel('In welchem Wiki')
    .selectOption({ label: 'Wiki: Caritas-Beratungsstelle Lindenbrück' });
  await aylin.getByLabel('Titel der Seite').fill(title);
  await aylin.getByLabel('Text', { exact: true }).fill(xssText);
  await aylin.getByRole('button', { name: 'Vorschau' }).click();
  await aylin.locator('.markdown-preview').waitFor();
  await assertNoXss(aylin, seen, 'the preview');
  await aylin.getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await aylin.getByRole('button', { name: 'Seite anlegen' }).click();
  await expectPage(aylin, title, 'hostile page');
  await aylin.locator('.rich-text').getByText('<script>window.__xss=1</script>').first().waitFor();
  await assertNoXss(aylin, seen, 'the page');
  await checkA11y(aylin, 'hostile page');

  // the summary and an attachment's description
  await aylin.getByRole('link', { name: 'Bearbeiten' }).click();
  await aylin.getByLabel('Beschreibung der Datei').fill(xssPayloads[7]);
  await aylin
    .getByLabel('Datei', { exact: true })
    .setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: blankPng(40, 30) });
  await aylin.getByRole('button', { name: 'Hochladen' }).click();
  await aylin
    .getByRole('status')
    .getByText(/hochgeladen/)
    .waitFor();
  await aylin.getByRole('button', { name: `„${xssPayloads[7]}“ in den Text einfügen` }).click();
  await aylin.getByLabel(/Was haben Sie geändert/).fill(xssPayloads[6]);
  await checkA11y(aylin, 'edit with an attachment');
  await aylin.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expectPage(aylin, title, 'saved hostile page');
  const img = aylin.locator('.rich-text img');
  await img.waitFor();
  assert.equal(await img.getAttribute('alt'), xssPayloads[7]);
  assert.ok(
    await img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
  );
  await assertNoXss(aylin, seen, 'the page with its attachment');
  await aylin.getByRole('link', { name: 'Versionen (2)' }).click();
  await aylin.getByText(xssPayloads[6]).waitFor();
  await assertNoXss(aylin, seen, 'the history');
  await aylin.goto(`${server.url}/wissen/wiki?q=${encodeURIComponent('window')}`);
  await aylin.getByRole('link', { name: title }).waitFor();
  await assertNoXss(aylin, seen, 'the list');

  // archive, behind a confirmation: gone from the list
  await aylin.getByRole('link', { name: title }).click();
  await aylin.getByRole('button', { name: 'Archivieren' }).click();
  await confirm(aylin, 'Archivieren');
  await expectPage(aylin, 'Wiki', 'back at the list');
  await aylin.getByRole('status').getByText('Seite archiviert.').waitFor();
  await aylin.getByRole('region', { name: 'Seiten', exact: true }).getByRole('link').first().waitFor();
  assert.equal(await aylin.getByRole('link', { name: title }).count(), 0);
  await aylin.getByRole('link', { name: 'Archivierte Seiten' }).click();
  await aylin.getByRole('link', { name: title }).waitFor();
  await checkA11y(aylin, 'archive');
  await assertNoXss(aylin, seen, 'the archive');
  await aylin.context().close();
});
