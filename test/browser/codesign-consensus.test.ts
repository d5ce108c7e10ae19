import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
import {
  checkA11y,
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
let path: string;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
const jonasEmail = 'jonas@example.org';
/** a title with payloads that fit its 160 characters; the other fields carry the whole corpus */
const hostileTitle = 'Abends offen <img src=x onerror="window.__xss=2"> <script>window.__xss=1</script>';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const id = async (email: string) =>
    (await server.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
  const caritas = await server.db
    .selectFrom('membership')
    .select('organisation_id')
    .where('account_id', '=', await id(aylinEmail))
    .executeTakeFirstOrThrow();
  const project = await makeProject({ db: server.db, networkId: server.networkId } as unknown as TestApp, {
    lead: caritas.organisation_id,
    title: 'Sprechstunde gemeinsam entscheiden',
    joining: 'open',
    tools: [{ kind: 'consensus' }],
    participants: [await id(jonasEmail)],
  });
  path = `/mitgestalten/projekte/${project.id}/werkzeuge/${project.tools.consensus}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a facilitator proposes, Jonas votes and changes his vote on a phone, the facilitator writes the outcome', async () => {
  const aylin = await (await newContext(browser, phone)).newPage();
  const aylinSeen = await armXssTrap(aylin);
  await signInWithPassword(aylin, server, aylinEmail);
  await aylin.goto(`${server.url}${path}`);
  await aylin.getByText('Es gibt noch keine Vorschläge. Machen Sie den ersten Vorschlag').waitFor();
  await checkA11y(aylin, 'an empty consensus tool');
  await aylin.getByText('Neuen Vorschlag machen').click();
  // nothing typed: the server says which field
  await aylin.getByLabel('Titel').fill('');
  await aylin.getByRole('button', { name: 'Vorschlag zur Abstimmung stellen' }).click();
  await aylin.locator('.form-error').waitFor();
  await aylin.getByLabel('Titel').fill(hostileTitle);
  await aylin
    .getByLabel('Was genau wird vorgeschlagen?')
    .fill(`Die Sprechstunde ist auch dienstags von 17 bis 19 Uhr.\n\n${xssText}`);
  await checkA11y(aylin, 'the new proposal form');
  await aylin.getByRole('button', { name: 'Vorschlag zur Abstimmung stellen' }).click();
  await aylin.getByRole('heading', { level: 3, name: hostileTitle }).waitFor();
  await aylin.getByText('Die Sprechstunde ist auch dienstags von 17 bis 19 Uhr.', { exact: false }).waitFor();
  await assertNoXss(aylin, aylinSeen, 'a hostile proposal');

  const jonas = await (await newContext(browser, phone)).newPage();
  const jonasSeen = await armXssTrap(jonas);
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}${path}`);
  await jonas.getByRole('heading', { level: 3, name: hostileTitle }).waitFor();
  const agree = jonas.getByRole('button', { name: /Ich stimme zu/ });
  const abstain = jonas.getByRole('button', { name: /Ich enthalte mich/ });
  const disagree = jonas.getByRole('button', { name: /Ich bin dagegen/ });
  const block = jonas.getByRole('button', { name: /Ich blockiere — das darf so nicht beschlossen werden/ });
  for (const b of [agree, abstain, disagree, block]) {
    await b.waitFor();
    const box = await b.boundingBox();
    assert.ok(
      box && box.height >= 44 && box.width >= 300,
      `a big button on a phone (${JSON.stringify(box)})`,
    );
  }
  await checkA11y(jonas, 'the four stance buttons');
  await jonas.getByLabel('Begründung (freiwillig)').fill(`Passt mir gut.\n${xssText}`);
  await agree.click();
  await jonas.getByText('Ihre Haltung jetzt: Ich stimme zu.', { exact: false }).waitFor();
  assert.equal(await agree.getAttribute('aria-pressed'), 'true');
  const chart = jonas.getByRole('figure', { name: 'Stand der Abstimmung: 1 Stimme' });
  await chart.waitFor();
  await chart.getByText('1 Stimme (100 %)').waitFor();

  // he changes his mind: still one vote, now a block with his name and reason
  await jonas.getByLabel('Begründung (freiwillig)').fill(`Ohne Dolmetscherin geht das nicht.\n${xssText}`);
  await block.click();
  await jonas.getByText('Ihre Haltung jetzt: Ich blockiere', { exact: false }).waitFor();
  await chart.getByText('1 Stimme (100 %)').waitFor();
  assert.equal(await agree.getAttribute('aria-pressed'), 'false');
  const blocks = jonas.getByRole('region', { name: 'Wer blockiert und warum' });
  await blocks.getByText('Jonas Berger').waitFor();
  await blocks.getByText('Ohne Dolmetscherin geht das nicht.', { exact: false }).waitFor();
  const width = await jonas.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(jonas, 'a proposal with a block');
  await shot(jonas, 'codesign-consensus-vote-390');
  await assertNoXss(jonas, jonasSeen, 'a stance with a hostile reason');

  // the facilitator sees the block live, ends the voting and writes the outcome
  await aylin.reload();
  await aylin.getByRole('region', { name: 'Wer blockiert und warum' }).getByText('Jonas Berger').waitFor();
  await aylin.getByRole('button', { name: /^Abstimmung jetzt beenden/ }).click();
  await aylin.getByRole('alertdialog').getByRole('button', { name: 'Ja, jetzt beenden' }).click();
  await aylin.getByRole('heading', { name: 'Ergebnis festhalten' }).waitFor();
  await aylin.getByLabel('Geändert — wird neu vorgeschlagen').check();
  await aylin.getByLabel('Was wurde entschieden?').fill(`Wir planen neu, mit Dolmetscherin.\n${xssText}`);
  const today = await aylin.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await aylin.getByLabel('Überprüfen am (freiwillig)').fill(today);
  await aylin.getByRole('button', { name: 'Ergebnis speichern' }).click();
  await aylin
    .getByRole('heading', { level: 4, name: 'Ergebnis: Geändert — wird neu vorgeschlagen' })
    .waitFor();
  await aylin.getByText('Überprüfung fällig seit', { exact: false }).waitFor();
  await aylin.getByLabel('Was hat die Gruppe festgestellt?').fill(`Gut angenommen.\n${xssText}`);
  await aylin.getByRole('button', { name: 'Überprüfung als erledigt speichern' }).click();
  await aylin.getByText('Überprüft am', { exact: false }).waitFor();
  await checkA11y(aylin, 'a proposal with its outcome');
  await shot(aylin, 'codesign-consensus-outcome-390');
  await assertNoXss(aylin, aylinSeen, 'a hostile outcome');

  // Jonas can no longer vote, and sees the outcome
  await jonas.reload();
  await jonas
    .getByRole('heading', { level: 4, name: 'Ergebnis: Geändert — wird neu vorgeschlagen' })
    .waitFor();
  assert.equal(await jonas.getByRole('button', { name: /Ich stimme zu/ }).count(), 0);
  await assertNoXss(jonas, jonasSeen, 'the outcome');
});
