import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
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
import { armXssTrap, assertNoXss, xssPayloads } from './xss.ts';

let server: TestServer;
let browser: Browser;
const jonasEmail = 'jonas@example.org';
/** A thread whose title carries a hostile writer's markup; the list must show it as text. */
const hostileTitle = `Parken ${xssPayloads.slice(0, 3).join(' ')}`.slice(0, 160);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Jonas chooses a weekly digest on his phone, sees what he follows and stops following one; the unsubscribe link turns it off', async () => {
  const db = server.db;
  const jonas = await db
    .selectFrom('account')
    .select('id')
    .where('email', '=', jonasEmail)
    .executeTakeFirstOrThrow();
  const district = await db
    .selectFrom('district')
    .select(['id', 'name'])
    .orderBy('name')
    .executeTakeFirstOrThrow();
  const thread = await db
    .insertInto('discussion_thread')
    .values({
      network_id: server.networkId,
      title: hostileTitle,
      theme: 'mobility',
      district_id: district.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const threadTwo = await db
    .insertInto('discussion_thread')
    .values({ network_id: server.networkId, title: 'Bank am Teich fehlt', theme: 'environment' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('knowledge_follow').where('account_id', '=', jonas.id).execute();
  for (const [type, id] of [
    ['district', district.id],
    ['discussion_thread', thread.id],
    ['discussion_thread', threadTwo.id],
  ] as const)
    await db
      .insertInto('knowledge_follow')
      .values({ network_id: server.networkId, account_id: jonas.id, target_type: type, target_id: id })
      .execute();

  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, jonasEmail);
  await page.goto(`${server.url}/wissen/folgen`);
  await expectPage(page, 'Was ich verfolge', 'follows');
  const list = page.getByRole('region', { name: /Dem folgen Sie/ });
  await list.getByRole('link', { name: 'Bank am Teich fehlt' }).waitFor();
  await list.getByRole('link', { name: district.name }).waitFor();
  await list.getByText(hostileTitle).waitFor();
  await assertNoXss(page, seen, 'the list of follows');

  // weekly, on Wednesdays
  const digest = page.getByRole('region', { name: 'Zusammenfassung per E-Mail' });
  assert.equal(await digest.getByLabel('Keine Zusammenfassung').isChecked(), true, 'off until he chooses');
  await digest.getByLabel('Einmal pro Woche').check();
  await digest.getByLabel('An welchem Tag?').selectOption({ label: 'Mittwoch' });
  await digest.getByRole('button', { name: 'Auswahl speichern' }).click();
  await page
    .getByRole('status')
    .getByText('Gespeichert: Sie bekommen jeden Mittwoch gegen 07:00 Uhr')
    .waitFor();
  const setting = await db
    .selectFrom('knowledge_digest_setting')
    .select(['frequency', 'weekday', 'unsubscribe_token'])
    .where('account_id', '=', jonas.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([setting.frequency, setting.weekday], ['weekly', 3]);
  await checkA11y(page, 'follows after saving');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await shot(page, 'knowledge-digests-follows-390');

  // stop following one, after saying yes
  await list.getByRole('button', { name: 'Nicht mehr folgen: Bank am Teich fehlt' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Nicht mehr folgen?' });
  await dialog.getByText('Sie folgen „Bank am Teich fehlt“ dann nicht mehr').waitFor();
  await checkA11y(page, 'unfollow dialog');
  await dialog.getByRole('button', { name: 'Nicht mehr folgen' }).click();
  await page.getByRole('status').getByText('Sie folgen „Bank am Teich fehlt“ nicht mehr.').waitFor();
  await list.getByRole('link', { name: 'Bank am Teich fehlt' }).waitFor({ state: 'detached' });
  assert.equal(await list.getByRole('listitem').count(), 2);
  const left = await db
    .selectFrom('knowledge_follow')
    .select('target_id')
    .where('account_id', '=', jonas.id)
    .execute();
  assert.deepEqual(left.map((f) => f.target_id).sort(), [district.id, thread.id].sort());
  await assertNoXss(page, seen, 'the list of follows after unfollowing');

  // the digest's unsubscribe link, opened without a session: opening changes nothing, the button does
  const stranger = await (await newContext(browser, phone)).newPage();
  await stranger.goto(`${server.url}/wissen/abbestellen?token=${setting.unsubscribe_token}`);
  await expectPage(stranger, 'Zusammenfassung abbestellen', 'unsubscribe');
  const still = await db
    .selectFrom('knowledge_digest_setting')
    .select('frequency')
    .where('account_id', '=', jonas.id)
    .executeTakeFirstOrThrow();
  assert.equal(still.frequency, 'weekly', 'opening the link changes nothing');
  await shot(stranger, 'knowledge-digests-unsubscribe-390');
  await stranger.getByRole('button', { name: 'Ja, abbestellen' }).click();
  await stranger.getByText('Sie bekommen keine Zusammenfassung mehr.').waitFor();
  await checkA11y(stranger, 'unsubscribed');
  const off = await db
    .selectFrom('knowledge_digest_setting')
    .select('frequency')
    .where('account_id', '=', jonas.id)
    .executeTakeFirstOrThrow();
  assert.equal(off.frequency, 'off');

  // a link without its token says what to do instead
  await stranger.goto(`${server.url}/wissen/abbestellen`);
  await expectPage(stranger, 'Zusammenfassung abbestellen', 'unsubscribe without token');
  await stranger.getByText('Dieser Link ist unvollständig.').waitFor();
});
