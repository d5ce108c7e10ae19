import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
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
let projectId: string;
const hostileTitle = 'Saal <img src=x onerror="window.__xss=2"> <script>window.__xss=1</script>';

const orgId = async (slugPart: string) =>
  (
    await server.db
      .selectFrom('organisation')
      .select('id')
      .where('network_id', '=', server.networkId)
      .where('slug', 'like', `%${slugPart}%`)
      .executeTakeFirstOrThrow()
  ).id;

/** A weekday (Wednesday) about six weeks ahead, as the date field takes it. */
function aheadWednesday() {
  const d = new Date(Date.now() + 40 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const stage = { db: server.db, networkId: server.networkId } as unknown as TestApp;
  projectId = (
    await makeProject(stage, {
      lead: await orgId('nachbarschaftszentrum'),
      partners: [await orgId('caritas')],
      title: 'Sprechstunde im Lindenhof gemeinsam planen',
      phases: ['decide', 'commit'],
    })
  ).id;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Petra commits a room and a shift on her phone; the project shows their status, Teilen and Mitmachen link back', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/mitgestalten/projekte/${projectId}/zusagen`);
  await expectPage(page, 'Zusagen', 'commitments, empty');
  await page.getByText('Noch keine Zusagen.').waitFor();

  // a room: a booking of the centre's hall, asked for right here
  await page.getByRole('button', { name: 'Neue Zusage' }).click();
  await page.getByRole('radio', { name: /Raum oder Ressource/ }).check();
  await page.getByRole('button', { name: 'Zusage speichern' }).click();
  await page.locator('.form-error').waitFor();
  await page.getByLabel(/^Titel/).fill(hostileTitle);
  await page
    .getByLabel('Welche beschlossene Maßnahme setzt das um?')
    .fill(`Sprechstunde im Saal.\n${xssText}`);
  await page
    .getByLabel('Raum oder Ding')
    .selectOption({ label: 'Saal im Nachbarschaftszentrum (Nachbarschaftszentrum Lindenhof)' });
  await page.getByLabel('Tag', { exact: true }).fill(aheadWednesday());
  await page.getByLabel('Von', { exact: true }).fill('10:00');
  await page.getByLabel('Bis', { exact: true }).fill('11:00');
  await checkA11y(page, 'the commitment form');
  await shot(page, 'codesign-commitments-form-390');
  await page.getByRole('button', { name: 'Zusage speichern' }).click();
  const room = page.locator('li.card', { hasText: 'Sprechstunde im Saal.' });
  await room.getByText('bestätigt').waitFor();
  await room.getByText(hostileTitle).waitFor();
  await assertNoXss(page, seen, 'the commitments list with a hostile title and measure');

  // a shift of an opportunity the centre runs
  const shift = await sql<{ title: string; opportunity_id: string; id: string }>`
    SELECT o.title, o.id AS opportunity_id, s.id FROM opportunity o
    JOIN opportunity_organisation x ON x.network_id = o.network_id AND x.opportunity_id = o.id AND x.status = 'accepted'
    JOIN organisation g ON g.network_id = x.network_id AND g.id = x.organisation_id AND g.slug LIKE '%nachbarschaftszentrum%'
    JOIN shift s ON s.network_id = o.network_id AND s.opportunity_id = o.id AND s.ends_at > now()
    WHERE o.network_id = ${server.networkId} AND o.status = 'published'
    ORDER BY s.starts_at LIMIT 1`.execute(server.db);
  const target = shift.rows[0];
  assert.ok(target, 'the demo town has a coming shift of the centre');
  await page.getByRole('button', { name: 'Neue Zusage' }).click();
  await page.getByRole('radio', { name: /^Schichten/ }).check();
  await page.getByLabel(/^Titel/).fill('Helferinnen für den ersten Termin');
  await page.getByLabel('Einsatz', { exact: true }).selectOption({ label: target.title });
  await page.getByRole('group', { name: 'Schichten' }).getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Zusage speichern' }).click();
  const shifts = page.locator('li.card', { hasText: 'Helferinnen für den ersten Termin' });
  await shifts.getByText(/\d+ von \d+ Plätzen belegt/).waitFor();
  await shifts.getByRole('link', { name: target.title }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Geplant (2)' }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(page, 'the commitments list');
  await shot(page, 'codesign-commitments-list-390');

  // done: the card moves to its group
  await shifts.getByRole('button', { name: 'Erledigt' }).click();
  await page.getByRole('heading', { level: 2, name: 'Erledigt (1)' }).waitFor();

  // the way back: the booking's page and the opportunity's page name the project
  const booking = await server.db
    .selectFrom('codesign_commitment')
    .select('booking_id')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'booking')
    .executeTakeFirstOrThrow();
  await page.goto(`${server.url}/teilen/buchungen/${booking.booking_id}`);
  await page.getByText('Zugesagt für das Mitgestalten-Projekt:').waitFor();
  await page.getByRole('link', { name: 'Sprechstunde im Lindenhof gemeinsam planen' }).waitFor();
  await checkA11y(page, 'the booking with its backlink');
  await page.goto(`${server.url}/mitmachen/${target.opportunity_id}`);
  await page.getByText('Zugesagt für das Mitgestalten-Projekt:').waitFor();
  await checkA11y(page, 'the opportunity with its backlink');
  await shot(page, 'codesign-commitments-backlink-390');
  await assertNoXss(page, seen, 'the pages that link back');
});

test('a visitor sees the commitments and their status, without the buttons', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(`${server.url}/mitgestalten/projekte/${projectId}/zusagen`);
  await expectPage(page, 'Zusagen', 'commitments as a visitor');
  await page.getByText('bestätigt').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Neue Zusage' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /fallen lassen/ }).count(), 0);
});
