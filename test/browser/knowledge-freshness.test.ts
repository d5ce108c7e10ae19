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

/**
 * Wissen, freshness, as people use it on a phone: the "Wegweiser Pflege" page of Caritas, kept by
 * Aylin, was last checked long ago; Frau M. reads it and says something is no longer correct; Aylin
 * hears of it, reads the note, changes the interval and confirms the page; the network's coordinator
 * sees what is stale before and after. The reader's note carries the stored-XSS corpus.
 */
let server: TestServer;
let browser: Browser;
let pageId: string;
let reportTitle: string;
const day = 86_400_000;
const reader = 'margarete.m@example.org';
const owner = 'aylin.demir@caritas-lindenbrueck.example';

async function accountId(email: string) {
  return (
    await server.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  ).id;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const aylin = await accountId(owner);
  const caritas = await server.db
    .selectFrom('membership')
    .select('organisation_id')
    .where('account_id', '=', aylin)
    .executeTakeFirstOrThrow();
  // the wiki and the map are built beside this part: their rows are written here directly
  await server.db
    .deleteFrom('wiki_page')
    .where('network_id', '=', server.networkId)
    .where('title', '=', 'Wegweiser Pflege')
    .execute();
  pageId = (
    await server.db
      .insertInto('wiki_page')
      .values({
        network_id: server.networkId,
        organisation_id: caritas.organisation_id,
        slug: 'wegweiser-pflege-test',
        title: 'Wegweiser Pflege',
        owner_id: aylin,
        review_interval_days: 180,
        reviewed_at: new Date(Date.now() - 200 * day),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  reportTitle = 'Gehweg am Bahnhof ohne Absenkung';
  await server.db
    .insertInto('map_report')
    .values({
      network_id: server.networkId,
      kind: 'defect',
      category: 'accessibility',
      title: reportTitle,
      lat: 51.34,
      lng: 12.38,
      author_id: await accountId(reader),
      owner_id: await accountId(reader),
      review_interval_days: 90,
      reviewed_at: new Date(Date.now() - 400 * day),
    })
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(email: string): Promise<{ page: Page; seen: { dialogs: string[] } }> {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, email);
  return { page, seen };
}

const noSideways = async (page: Page, where: string) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling on ${where} (${width}px)`);
};

test('a reader reports, the owner confirms, the coordinator sees what is stale', async () => {
  // the coordinator's list: the most overdue first, a table that stands on a phone
  const { page: coordinator } = await signedIn(adminEmail);
  await coordinator.goto(`${server.url}/wissen/aktualitaet`);
  await expectPage(coordinator, 'Aktualität im Wissen', 'freshness list (coordinator)');
  const table = coordinator.getByRole('table', { name: 'Inhalte, die geprüft werden sollten' });
  // the demo town has stale things of its own: find ours by name, and the most overdue above
  const rowOf = (title: string) =>
    table.getByRole('row').filter({ has: coordinator.getByRole('link', { name: title, exact: true }) });
  await rowOf(reportTitle).waitFor();
  const wegweiser = rowOf('Wegweiser Pflege');
  await wegweiser.getByText('Aylin Demir').waitFor();
  await wegweiser.getByText('seit 20 Tagen überfällig').waitFor();
  const order = await table.getByRole('row').allInnerTexts();
  const at = (title: string) => order.findIndex((r) => r.includes(title));
  assert.ok(at(reportTitle) < at('Wegweiser Pflege'), 'the most overdue first');
  await noSideways(coordinator, 'the list');
  await shot(coordinator, 'knowledge-freshness-list-390');

  // Frau M. reads the page's freshness and says it is out of date (the XSS corpus as her note)
  const { page: m, seen: mSeen } = await signedIn(reader);
  await m.goto(`${server.url}/wissen/aktualitaet/wiki_page/${pageId}`);
  await expectPage(m, 'Noch aktuell? „Wegweiser Pflege“', 'freshness check (reader)');
  const note = m.getByRole('complementary', { name: 'Aktualität' });
  await note.getByText('Möglicherweise veraltet').waitFor();
  assert.equal(await note.getByRole('button', { name: 'Ist noch aktuell' }).count(), 0);
  await note.getByRole('button', { name: 'Das stimmt nicht mehr' }).click();
  // sending nothing says what to do at the field
  await note.getByRole('button', { name: 'Hinweis senden' }).click();
  const field = note.getByLabel('Was stimmt nicht mehr?');
  await m.locator('.field-error').first().waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await field.fill(xssText);
  await note.getByRole('button', { name: 'Hinweis senden' }).click();
  await m
    .getByRole('status')
    .getByText('Danke! Ihr Hinweis ist bei der verantwortlichen Person angekommen.')
    .waitFor();
  await note.getByText('Sie haben gemeldet, dass hier etwas nicht mehr stimmt.').waitFor();
  // focus moves to what replaced the form, so a screen reader goes on from there
  await m.waitForFunction(() => document.activeElement?.classList.contains('freshness-reported'));
  await note.getByText('Eine Person hat gemeldet, dass hier etwas nicht mehr stimmt.').waitFor();
  await checkA11y(m, 'freshness check after a report');
  await assertNoXss(m, mSeen, 'the check page (reader)');
  await noSideways(m, 'the check page');
  await shot(m, 'knowledge-freshness-reported-390');

  // Aylin: the note is in her notifications and on her list; she reads it, changes the interval, confirms
  const { page: aylin, seen: aylinSeen } = await signedIn(owner);
  await aylin.goto(`${server.url}/benachrichtigungen`);
  await aylin
    .getByText(/meldet, dass in „Wegweiser Pflege“ etwas nicht mehr stimmt/)
    .first()
    .waitFor();
  await aylin.goto(`${server.url}/wissen/aktualitaet`);
  await expectPage(aylin, 'Aktualität im Wissen', 'freshness list (owner)');
  await aylin.getByRole('link', { name: 'Wegweiser Pflege', exact: true }).click();
  await expectPage(aylin, 'Noch aktuell? „Wegweiser Pflege“', 'freshness check (owner)');
  const hers = aylin.getByRole('complementary', { name: 'Aktualität' });
  const notes = hers.getByRole('list', { name: /Ein Hinweis/ });
  await notes.getByText('<script>window.__xss=1</script>', { exact: false }).waitFor();
  await notes.getByText(/von Margarete/).waitFor();
  await assertNoXss(aylin, aylinSeen, 'the check page (owner, with the note)');
  await hers.getByText('Verantwortung und Prüfabstand ändern').click();
  await hers.getByLabel('Prüfen').selectOption({ label: 'alle 3 Monate' });
  await hers.getByRole('button', { name: 'Änderung speichern' }).click();
  await aylin.getByRole('status').getByText('Geprüft wird jetzt alle 3 Monate.').waitFor();
  await checkA11y(aylin, 'freshness check (owner, form open)');
  await shot(aylin, 'knowledge-freshness-owner-390');
  await hers.getByRole('button', { name: 'Ist noch aktuell' }).click();
  await aylin.getByRole('status').getByText('Danke! „Wegweiser Pflege“ ist als aktuell bestätigt.').waitFor();
  await hers.getByText('Möglicherweise veraltet').waitFor({ state: 'detached' });
  assert.equal(await hers.getByRole('list', { name: /Hinweis/ }).count(), 0, 'the note is dealt with');
  await checkA11y(aylin, 'freshness check (owner, confirmed)');
  await aylin.goto(`${server.url}/wissen/aktualitaet`);
  await aylin.getByText('Alles aktuell: Gerade muss nichts geprüft werden.').waitFor();
  await checkA11y(aylin, 'freshness list (empty)');

  // the page is off the coordinator's list, the map entry still on it; Frau M. heard that her note
  // was dealt with
  await coordinator.reload();
  await rowOf(reportTitle).waitFor();
  await rowOf('Wegweiser Pflege').waitFor({ state: 'detached' });
  assert.equal(await coordinator.getByRole('link', { name: 'Wegweiser Pflege', exact: true }).count(), 0);
  await m.goto(`${server.url}/benachrichtigungen`);
  await m.getByText('„Wegweiser Pflege“ wurde geprüft. Danke für Ihren Hinweis!').first().waitFor();
  await assertNoXss(m, mSeen, 'notifications (reader)');
});
