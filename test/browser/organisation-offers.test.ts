import assert from 'node:assert/strict';
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
  signInWithPassword,
  startServer,
  type TestServer,
} from './helpers.ts';

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

/** An organisation of the demo town with the number of its published opportunities and active resources. */
async function organisation(name: string) {
  const org = await server.db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name'])
    .where('network_id', '=', server.networkId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  const resources = await server.db
    .selectFrom('resource')
    .select('title')
    .where('network_id', '=', server.networkId)
    .where('organisation_id', '=', org.id)
    .where('active', '=', true)
    .execute();
  return { ...org, resources: resources.map((r) => r.title) };
}

test('an organisation’s page lists what it offers and where to take part, with empty states', async () => {
  const nbz = await organisation('Nachbarschaftszentrum Lindenhof');
  assert.ok(nbz.resources.length > 0, 'the demo centre lends rooms');
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/organisationen/${nbz.slug}`);
  await expectPage(page, nbz.name, 'organisation page (visitor)');
  const share = page.getByRole('region', { name: 'Zum Teilen und Ausleihen' });
  await share.getByRole('link', { name: nbz.resources[0]! }).waitFor();
  const join = page.getByRole('region', { name: 'Mitmachen' });
  await join.getByRole('link').first().waitFor();
  assert.ok((await join.getByRole('listitem').count()) >= 1, 'its opportunities');
  // the Tauschring is for members of the network: a visitor does not get an empty box for it
  assert.equal(await page.getByRole('region', { name: 'Im Tauschring' }).count(), 0);
  await checkA11y(page, 'organisation page with its offers');
  await shot(page, 'organisation-offers-phone');

  // the link leads to the thing itself
  await share.getByRole('link', { name: nbz.resources[0]! }).click();
  await expectPage(page, nbz.resources[0]!, 'resource from the organisation page');
  await context.close();

  // signed in: the Tauschring section too; an organisation with nothing says so
  const member = await newContext(browser, phone);
  const p = await member.newPage();
  await signInWithPassword(p, server, petraEmail);
  const empty = await server.db
    .selectFrom('organisation as o')
    .select(['o.slug', 'o.name'])
    .where('o.network_id', '=', server.networkId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('resource as r').select('r.id').whereRef('r.organisation_id', '=', 'o.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('opportunity_organisation as oo')
            .select('oo.opportunity_id')
            .whereRef('oo.organisation_id', '=', 'o.id'),
        ),
      ),
    )
    // the Tauschring's posts too: the Pflegedienst has none of the above but asks for a room there
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('exchange_post as e').select('e.id').whereRef('e.organisation_id', '=', 'o.id'))),
    )
    .orderBy('o.name')
    .executeTakeFirstOrThrow();
  await p.goto(`${server.url}/organisationen/${empty.slug}`);
  await expectPage(p, empty.name, 'organisation without offers');
  await p.getByText(`${empty.name} bietet noch nichts zum Teilen oder Ausleihen an.`).waitFor();
  await p.getByText(`${empty.name} sucht gerade keine Freiwilligen.`, { exact: false }).waitFor();
  await p.getByText(`${empty.name} hat im Tauschring gerade nichts eingestellt.`).waitFor();
  await checkA11y(p, 'organisation page without offers');
  await member.close();
});
