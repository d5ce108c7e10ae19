import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  checkA11y,
  expectPage,
  launchBrowser,
  newContext,
  petraEmail,
  phone,
  shot,
  shotsDir,
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

/**
 * An organisation's admin on a phone, with federation on: the admin page explains following in one
 * sentence, says the organisation follows nobody yet, refuses a handle that is none with a clear
 * message, lists a follow and ends it only after a confirmation. Following a real server is tested
 * through the routes (server/routes/api/federation/organisation.test.ts).
 */

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startServer({ env: { FEDERATION: '1', PUBLIC_URL: 'https://lindenbrueck.example' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const nbz = { slug: 'nachbarschaftszentrum-lindenhof', name: 'Nachbarschaftszentrum Lindenhof' };

test('an organisation’s admin sees whom it follows elsewhere, and unfollows after saying yes', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/organisationen/${nbz.slug}/verwaltung`);
  await expectPage(page, `${nbz.name} verwalten`, 'organisation admin page');
  const section = page.getByRole('region', { name: 'Föderation: anderen Gruppen folgen' });
  await section.getByText(`@${nbz.slug}@lindenbrueck.example`).waitFor();
  await section.getByText(/Ihre Organisation folgt noch niemandem auf anderen Servern/).waitFor();

  await section.getByLabel('Adresse der Gruppe').fill('kein handle');
  await section.getByRole('button', { name: 'Folgen' }).click();
  await section.getByText(/Bitte die Adresse der Gruppe als @name@server angeben/).waitFor();
  assert.equal(
    await server.db
      .selectFrom('ap_following')
      .select('actor_id')
      .execute()
      .then((r) => r.length),
    0,
  );
  await checkA11y(page, 'organisation federation, empty, with an error');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await section.screenshot({ path: path.join(shotsDir, 'organisation-federation-empty-390.png') });

  // a follow accepted by the other side (following a real server: the route test)
  const org = await server.db
    .selectFrom('organisation')
    .select('id')
    .where('slug', '=', nbz.slug)
    .executeTakeFirstOrThrow();
  const remote = await server.db
    .insertInto('remote_actor')
    .values({
      network_id: server.networkId,
      uri: 'https://nachbarstadt.example/ap/actors/repaircafe',
      domain: 'nachbarstadt.example',
      handle: '@repaircafe@nachbarstadt.example',
      name: 'Repair-Café Nachbarstadt',
      inbox: 'https://nachbarstadt.example/ap/actors/repaircafe/inbox',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db
    .insertInto('ap_following')
    .values({
      network_id: server.networkId,
      actor_id: org.id,
      remote_actor_id: remote.id,
      follow_uri: `https://lindenbrueck.example/ap/actors/${org.id}#follows/1`,
      status: 'accepted',
    })
    .execute();
  await page.reload();
  await section.getByText('Repair-Café Nachbarstadt').waitFor();
  await section.getByText(/@repaircafe@nachbarstadt\.example · bestätigt/).waitFor();
  await checkA11y(page, 'organisation federation with a follow');
  await shot(page, 'organisation-federation-390');
  await section.screenshot({ path: path.join(shotsDir, 'organisation-federation-follow-390.png') });

  await section.getByRole('button', { name: 'Nicht mehr folgen: Repair-Café Nachbarstadt' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Repair-Café Nachbarstadt nicht mehr folgen?' });
  await dialog.getByText(/Die andere Seite wird benachrichtigt/).waitFor();
  await dialog.getByRole('button', { name: 'Nicht mehr folgen' }).click();
  await page.getByRole('status').getByText('Sie folgen Repair-Café Nachbarstadt nicht mehr.').waitFor();
  await section.getByText(/Ihre Organisation folgt noch niemandem/).waitFor();
  assert.deepEqual(await server.db.selectFrom('ap_following').select('actor_id').execute(), []);
  const audit = await server.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'federation.unfollowed')
    .execute();
  assert.equal(audit.length, 1);
  await context.close();
});
