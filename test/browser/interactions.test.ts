import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

let server: TestServer;
let browser: Browser;
const aylinEmail = 'aylin.demir@caritas-lindenbrueck.example';
const jonasEmail = 'jonas@example.org';
const margareteEmail = 'margarete.m@example.org';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const accountId = async (email: string) =>
  (await server.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;

/** Logs an interaction as the signed-in person of `page`, through the API the way the app calls it. */
async function logWith(page: Page, personId: string, kind: string) {
  const status = await page.evaluate(
    async ({ personId, kind }) => {
      const session = await (await fetch('/api/v1/session')).json();
      const res = await fetch('/api/v1/interactions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          area: 'support',
          kind,
          mode: 'offline',
          with: { type: 'person', id: personId },
        }),
      });
      return res.status;
    },
    { personId, kind },
  );
  assert.equal(status, 201);
}

test('Aylin logs visits with Jonas and Frau M.: he confirms from his notification, she declines, Aylin takes hers back', async () => {
  const aylinContext = await newContext(browser, desktop);
  const aylin = await aylinContext.newPage();
  await signInWithPassword(aylin, server, aylinEmail);
  await logWith(aylin, await accountId(jonasEmail), 'Beratungsgespräch');
  await logWith(aylin, await accountId(margareteEmail), 'Hausbesuch');

  // Jonas, on his phone: the notification leads to the page where he answers
  const jonasContext = await newContext(browser, phone);
  const jonas = await jonasContext.newPage();
  await signInWithPassword(jonas, server, jonasEmail);
  await jonas.goto(`${server.url}/benachrichtigungen`);
  const note = jonas
    .getByRole('listitem')
    .filter({ hasText: 'Aylin Demir hat „Beratungsgespräch“ mit Ihnen eingetragen' });
  await note.getByRole('link', { name: 'Ansehen' }).click();
  await expectPage(jonas, 'Begegnungen', 'interactions, one to answer');
  await shot(jonas, 'interactions-pending-390');
  const asked = jonas.getByRole('listitem', {
    name: 'Aylin Demir hat „Beratungsgespräch“ mit Ihnen eingetragen',
  });
  await asked.getByText('Unterstützungskreise · vor Ort').waitFor();
  // by keyboard
  await asked.getByRole('button', { name: 'Bestätigen' }).focus();
  await jonas.keyboard.press('Enter');
  await jonas.getByText('Nichts wartet auf eine Antwort.').waitFor();
  const confirmed = jonas.getByRole('listitem', { name: '„Beratungsgespräch“ mit Aylin Demir' });
  await confirmed.getByText('Von Aylin Demir eingetragen, von Ihnen bestätigt').waitFor();
  await checkA11y(jonas, 'interactions, confirmed');
  await shot(jonas, 'interactions-confirmed-390');

  // Frau M. declines: gone for both of them
  const margareteContext = await newContext(browser, phone);
  const margarete = await margareteContext.newPage();
  await signInWithPassword(margarete, server, margareteEmail);
  await margarete.goto(`${server.url}/begegnungen`);
  await expectPage(margarete, 'Begegnungen', 'interactions of Frau M.');
  await margarete
    .getByRole('listitem', { name: 'Aylin Demir hat „Hausbesuch“ mit Ihnen eingetragen' })
    .getByRole('button', { name: 'Ablehnen' })
    .click();
  await margarete.getByText('Nichts wartet auf eine Antwort.').waitFor();
  assert.equal(
    await margarete.getByRole('listitem', { name: /Hausbesuch/ }).count(),
    0,
    'declined: not kept anywhere',
  );

  // Aylin, from her profile: the confirmed one is there, Frau M.'s is gone; she takes hers back
  await aylin.goto(`${server.url}/profil`);
  await aylin.getByRole('link', { name: 'Zu meinen Begegnungen' }).click();
  await expectPage(aylin, 'Begegnungen', 'interactions of Aylin');
  await aylin.getByText('Nichts wartet auf eine Antwort.').waitFor();
  assert.equal(await aylin.getByRole('listitem', { name: /Hausbesuch/ }).count(), 0);
  const mine = aylin.getByRole('listitem', { name: '„Beratungsgespräch“ mit Jonas Berger' });
  await mine.getByText('Von Ihnen eingetragen').waitFor();
  await mine.getByRole('button', { name: 'Entfernen' }).click();
  const dialog = aylin.getByRole('alertdialog', { name: 'Begegnung entfernen?' });
  await dialog.getByText('auch Jonas Berger sieht sie nicht mehr').waitFor();
  await checkA11y(aylin, 'remove dialog');
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  await mine.waitFor({ state: 'detached' });
  const left = await server.db
    .selectFrom('interaction')
    .select('id')
    .where('source_type', '=', 'manual')
    .execute();
  assert.equal(left.length, 0, 'nothing Aylin logged by hand is left');
  await aylinContext.close();
  await jonasContext.close();
  await margareteContext.close();
});
