import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  checkA11y,
  launchBrowser,
  newContext,
  phone,
  shot,
  shotsDir,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * What arrived by ActivityPub, on a phone, in the demo town with federation on: a remote event in the
 * calendar and a remote post under the news, each saying where it is from, linking to the original
 * (an ordinary link, rel="noopener nofollow ugc") and with a report button for people signed in; no
 * axe violation. The rows are put in as the inbox keeps them (no second server needed here; the
 * exchange itself is test/integration/activitypub/two-instances.test.ts).
 */

let server: TestServer;
let browser: Browser;
const origin = 'https://nachbarstadt.example';

before(async () => {
  server = await startServer({ env: { FEDERATION: '1' } });
  browser = await launchBrowser();
  const actor = await server.db
    .insertInto('remote_actor')
    .values({
      network_id: server.networkId,
      uri: `${origin}/ap/actors/repair`,
      domain: 'nachbarstadt.example',
      handle: '@repair@nachbarstadt.example',
      name: 'Repair-Café Nachbarstadt',
      inbox: `${origin}/ap/actors/repair/inbox`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const startsAt = new Date(Date.now() + 86_400_000);
  startsAt.setUTCHours(15, 0, 0, 0);
  await server.db
    .insertInto('remote_event')
    .values({
      network_id: server.networkId,
      remote_actor_id: actor.id,
      uri: `${origin}/ap/events/7`,
      url: `${origin}/raeume/kalender/7`,
      title: 'Reparatur-Nachmittag in Nachbarstadt',
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 3 * 3_600_000),
      venue: 'Gemeindehaus Nachbarstadt',
    })
    .execute();
  await server.db
    .insertInto('remote_post')
    .values({
      network_id: server.networkId,
      remote_actor_id: actor.id,
      uri: `${origin}/ap/posts/3`,
      url: `${origin}/wissen/neuigkeiten/3`,
      title: '40 Geräte in einem Nachmittag repariert',
      summary: 'Danke an alle, die geholfen haben.',
      published_at: new Date(),
    })
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const fits = async (page: Page) => {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
};

test('Jonas sees an event and a post from the next town on his phone, marked and linked there', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, 'jonas@example.org');

  await page.goto(`${server.url}/raeume/kalender`);
  const title = page.getByRole('link', { name: /Reparatur-Nachmittag in Nachbarstadt/ });
  await title.waitFor();
  assert.equal(await title.getAttribute('href'), `${origin}/raeume/kalender/7`);
  assert.equal(await title.getAttribute('rel'), 'noopener nofollow ugc');
  assert.equal(await title.getAttribute('target'), null, 'an ordinary link, not a new window');
  const card = page.locator('li.event-entry', { has: title });
  await card
    .getByText('Aus einem anderen Ort: Repair-Café Nachbarstadt (@repair@nachbarstadt.example)')
    .waitFor();
  await card.getByRole('button', { name: 'Melden' }).waitFor();
  await title.scrollIntoViewIfNeeded();
  await fits(page);
  await checkA11y(page, 'calendar with a remote event');
  // the phone's screen around the entry (the whole list is many screens long)
  await page.evaluate(() => window.scrollBy(0, -200));
  await page.screenshot({ path: path.join(shotsDir, 'places-calendar-remote-390.png') });

  await page.goto(`${server.url}/wissen/neuigkeiten`);
  await page.getByRole('heading', { level: 2, name: 'Aus anderen Orten' }).waitFor();
  const post = page.getByRole('link', { name: /40 Geräte in einem Nachmittag repariert/ });
  assert.equal(await post.getAttribute('href'), `${origin}/wissen/neuigkeiten/3`);
  assert.equal(await post.getAttribute('rel'), 'noopener nofollow ugc');
  await page
    .getByText('Aus einem anderen Ort: Repair-Café Nachbarstadt (@repair@nachbarstadt.example)')
    .waitFor();
  await fits(page);
  await checkA11y(page, 'news with posts from elsewhere');
  await shot(page, 'news-remote-390');
  await context.close();
});
