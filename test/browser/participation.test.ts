import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  checkA11y,
  desktop,
  expectPage,
  launchBrowser,
  mainNav,
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
const jonasEmail = 'jonas@example.org';
/** The seeded mini task of the Nachbarschaftszentrum that starts within the hour (check-in open). */
const task = 'Aushang für den Kleiderkeller übersetzen';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await server.db
    .updateTable('network')
    .set({
      settings: JSON.stringify({
        mapCenter: [51.3, 9.48],
        mapZoom: 13,
        tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
        tileAttribution: '© Testkarte',
      }),
    })
    .where('id', '=', server.networkId)
    .execute();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const subnav = (page: Page) => page.getByRole('navigation', { name: 'Bereiche von Mitmachen' });

test('Jonas finds a mini task on his phone, signs up and checks in; Petra confirms; Jonas downloads his certificate', async () => {
  const jonas = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(jonas, server, jonasEmail);
  await (await mainNav(jonas)).getByRole('link', { name: 'Mitmachen' }).click();
  await jonas
    .getByRole('status')
    .getByText(/\d+ Gelegenheiten gefunden/)
    .waitFor();
  await expectPage(jonas, 'Mitmachen', 'list');
  // his confirmed hours reach the regular rung, so the next step is a co-design role
  const next = jonas.getByRole('region', { name: 'Ihr nächster Schritt' });
  await next.getByText('Danke für Ihren Einsatz! Bisher geschafft:').waitFor();
  await next.getByText('Wenn Sie mögen, als Nächstes:').waitFor();
  await next.locator('.level-badge', { hasText: 'Mitgestalten' }).first().waitFor();
  assert.ok((await next.getByRole('link').count()) >= 1, 'a co-design opportunity is suggested');
  await shot(jonas, 'participation-list-390');
  const width = await jonas.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);

  // filter: mini tasks only
  const filters = jonas.getByRole('search');
  await filters.getByLabel('Stufe').selectOption({ label: 'Mini-Einsatz' });
  await filters.getByRole('button', { name: 'Anzeigen' }).click();
  await jonas.waitForURL(/stufe=mini/);
  const results = jonas.getByRole('region', { name: 'Gelegenheiten', exact: true });
  // three published mini tasks (the fourth is closed); the count says when the filtered list is in
  await results.getByRole('status').getByText('3 Gelegenheiten gefunden').waitFor();
  await results.getByRole('link', { name: task }).waitFor();
  await results.getByRole('link', { name: 'Texte der Engagement-Börse gegenlesen' }).waitFor();
  assert.equal(
    await results.getByRole('link', { name: 'Samstagsschicht in der offenen Fahrradwerkstatt' }).count(),
    0,
  );
  assert.equal(
    await results.getByRole('link', { name: /Umfrage zum Nachbarschaftsfrühstück/ }).count(),
    0,
    'closed',
  );
  await checkA11y(jonas, 'list filtered to mini tasks');

  // the task: one date, two places; take one and check in
  await results.getByRole('link', { name: task }).click();
  await expectPage(jonas, task, 'opportunity');
  const shift = jonas.locator('li.shift-card').first();
  await shift.getByText('2 von 2 Plätzen frei').waitFor();
  await shift.getByRole('button', { name: 'Platz sichern' }).click();
  await jonas.getByRole('status').getByText('Ihr Platz ist gesichert').waitFor();
  await shift.getByText('1 von 2 Plätzen frei').waitFor();
  await shift.getByText('Angemeldet', { exact: true }).waitFor();
  await checkA11y(jonas, 'opportunity after signing up');
  await shift.getByRole('button', { name: 'Einchecken' }).click();
  await jonas
    .getByRole('status')
    .getByText(/Eingecheckt\. Die Stunden sind eingetragen/)
    .waitFor();
  await shift.getByText('Eingecheckt', { exact: true }).waitFor();
  await shot(jonas, 'participation-opportunity-390');

  // my shifts and my hours show it
  await subnav(jonas).getByRole('link', { name: 'Meine Einsätze' }).click();
  await expectPage(jonas, 'Meine Einsätze', 'my shifts');
  await jonas
    .locator('li.shift-card', { hasText: 'Samstagsschicht in der offenen Fahrradwerkstatt' })
    .waitFor();
  await jonas.getByRole('checkbox', { name: 'Auch vergangene zeigen' }).check();
  await jonas.locator('li.shift-card', { hasText: task }).getByText('Eingecheckt', { exact: true }).waitFor();
  await subnav(jonas).getByRole('link', { name: 'Stunden' }).click();
  await expectPage(jonas, 'Meine Stunden', 'hours');
  await jonas.getByText('Bestätigt insgesamt: 3 Std. 45 Min.').waitFor();
  const entry = jonas.locator('li.hours-card', { hasText: task });
  await entry.getByText('Wartet auf Bestätigung').waitFor();
  await entry.getByText('45 Minuten').waitFor();
  await shot(jonas, 'participation-hours-390');

  // Petra, coordinator of the Nachbarschaftszentrum, confirms the hours on a desktop
  const petra = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(petra, server, petraEmail);
  await petra.goto(`${server.url}/mitmachen/koordination`);
  await expectPage(petra, 'Koordination', 'coordination');
  const pending = petra.locator('li.hours-card', { hasText: task });
  await pending.getByRole('button', { name: 'Bestätigen: Jonas Berger' }).waitFor();
  await petra.getByRole('table').waitFor();
  await shot(petra, 'participation-coordination-1280');
  await pending.getByLabel('Notiz an Jonas Berger (freiwillig)').fill('Danke für die schnelle Übersetzung!');
  await pending.getByRole('button', { name: 'Bestätigen: Jonas Berger' }).click();
  await pending.waitFor({ state: 'detached' });
  await petra.getByLabel('Zeigen').first().selectOption({ label: 'Bestätigt' });
  await petra
    .locator('li.hours-card', { hasText: task })
    .getByText('Danke für die schnelle Übersetzung!')
    .waitFor();
  await checkA11y(petra, 'coordination after confirming');

  // the roster of the shift shows Jonas checked in
  await petra.getByRole('link', { name: task }).click();
  await expectPage(petra, task, 'opportunity as coordinator');
  await petra.getByRole('link', { name: 'Teilnehmerliste' }).first().click();
  await expectPage(petra, `Teilnehmerliste: ${task}`, 'roster');
  await petra.locator('li.roster-card', { hasText: 'Jonas Berger' }).getByText('Eingecheckt').waitFor();
  const csv = await petra.request.get(
    `${server.url}${await petra.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')}`,
  );
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Jonas Berger.*checked_in/);

  // Jonas: the hours are confirmed, the certificate counts them
  await jonas.reload();
  await expectPage(jonas, 'Meine Stunden', 'hours after confirmation');
  await jonas.getByText('Bestätigt insgesamt: 4 Std. 30 Min.').waitFor();
  await jonas.locator('li.hours-card', { hasText: task }).getByText('Bestätigt', { exact: true }).waitFor();
  const [download] = await Promise.all([
    jonas.waitForEvent('download'),
    jonas.getByRole('link', { name: 'Nachweis als PDF herunterladen' }).click(),
  ]);
  const pdf = await readFile((await download.path()) ?? '');
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(download.suggestedFilename(), /^ehrenamtsnachweis-\d{4}-\d{2}-\d{2}\.pdf$/);
  const href = await jonas.getByRole('link', { name: /Nachweis ansehen und drucken/ }).getAttribute('href');
  assert.equal(href, '/api/v1/hours/certificate.html');
  await jonas.goto(`${server.url}${href}`);
  const certWidth = await jonas.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(certWidth <= phone.width, `the certificate fits the phone (${certWidth}px)`);
  const certificate = (await jonas.locator('body').textContent()) ?? '';
  assert.match(certificate, /Jonas Berger/);
  assert.match(certificate, new RegExp(task));
  assert.match(certificate, /Fahrradwerkstatt-Initiative/);
  assert.match(certificate, /Nachbarschaftszentrum Lindenhof/);
  await checkA11y(jonas, 'certificate page');
  await shot(jonas, 'participation-certificate-390');
});

test('the map, the playbook with its revisions, and a coordinator creating and publishing a mini task', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/mitmachen/karte`);
  await expectPage(page, 'Karte der Gelegenheiten', 'map');
  const list = page.getByRole('region', { name: 'Gelegenheiten als Liste' });
  await list.getByRole('link', { name: 'Samstagsschicht in der offenen Fahrradwerkstatt' }).waitFor();
  assert.equal(await list.getByRole('link', { name: task }).count(), 0, 'online-only tasks have no place');
  await page
    .getByRole('button', { name: /Samstagsschicht in der offenen Fahrradwerkstatt \(Regelmäßig dabei\)/ })
    .waitFor();
  await shot(page, 'participation-map-390');

  await subnav(page).getByRole('link', { name: 'Praxiswissen' }).click();
  await expectPage(page, 'Praxiswissen', 'playbook');
  await page.getByRole('link', { name: 'Mini-Einsätze: Engagement in 30 Minuten' }).click();
  await expectPage(page, 'Mini-Einsätze: Engagement in 30 Minuten', 'playbook page');
  await page.getByRole('cell', { name: 'Studierende und junge Berufstätige' }).waitFor();
  await page.getByRole('link', { name: 'Versionen (2)' }).click();
  await expectPage(page, /^Versionen:/, 'playbook revisions');
  const diff = page.getByRole('list', { name: 'Zeilen des Textes mit Änderungen' });
  await diff.locator('li.diff-insert', { hasText: 'Übersetzungsaufgaben' }).waitFor();
  await shot(page, 'participation-playbook-diff-390');

  // coordination on a phone: hours to decide, the organisation's opportunities, counts per level
  await subnav(page).getByRole('link', { name: 'Koordination' }).click();
  await expectPage(page, 'Koordination', 'coordination on a phone');
  await page.getByRole('heading', { name: 'Zahlen je Stufe' }).waitFor();
  await page.getByRole('table').waitFor();
  // the demo town's cells are small: they say so instead of counting one or two people
  await page.getByRole('table').getByRole('cell', { name: 'weniger als 5', exact: true }).first().waitFor();
  assert.equal(
    (await page.getByRole('table').getByRole('cell', { name: 'nicht angezeigt' }).count()) > 0,
    true,
  );
  await page.getByText(/Wo weniger als 5 Freiwillige .* zeigen wir keine Zahlen/).waitFor();
  await page.getByRole('heading', { name: 'Zahlen je Stufe' }).scrollIntoViewIfNeeded();
  await shot(page, 'participation-stats-390');
  const coordWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(coordWidth <= phone.width, `coordination fits the phone (${coordWidth}px)`);

  // a new mini task: draft first, then a date, then published
  await page.goto(`${server.url}/mitmachen/neu`);
  await expectPage(page, 'Neue Gelegenheit', 'create');
  const form = page.locator('form.card');
  await form.getByLabel('Titel').fill('Einladungen zum Nachbarschaftsfrühstück falten');
  await form.getByLabel('Stufe').selectOption({ label: 'Mini-Einsatz' });
  await form.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  // a mini task needs its effort: the server says so at the field
  await form
    .getByLabel(/Zeitaufwand je Einsatz/)
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor();
  await checkA11y(page, 'create with an error');
  await form.getByLabel(/Zeitaufwand je Einsatz/).fill('60');
  await form.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expectPage(page, 'Einladungen zum Nachbarschaftsfrühstück falten', 'new draft');
  await page.getByText('Entwurf', { exact: true }).first().waitFor();
  const add = page.locator('form', { has: page.getByRole('heading', { name: 'Termin hinzufügen' }) });
  await add.getByLabel('von').fill('16:00');
  await add.getByLabel('bis').fill('17:00');
  await add.getByRole('spinbutton', { name: /Plätze/ }).fill('3');
  await add.getByRole('button', { name: 'Termin hinzufügen' }).click();
  await page.locator('li.shift-card').getByText('3 von 3 Plätzen frei').waitFor();
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await page.getByRole('button', { name: 'Beenden' }).waitFor();
  await checkA11y(page, 'published opportunity as coordinator');
  const found = await page.request.get(`${server.url}/api/v1/opportunities`, {
    params: { level: 'mini', q: 'Nachbarschaftsfrühstück falten' },
  });
  const body = (await found.json()) as { items: { title: string; status: string }[] };
  assert.ok(
    body.items.some(
      (o) => o.title === 'Einladungen zum Nachbarschaftsfrühstück falten' && o.status === 'published',
    ),
  );
});

test('joint opportunities need consent: Petra accepts the VHS’s invitation on her phone, invites a partner herself, and Tobias declines', async () => {
  const digital = 'Digitaltag für Ältere: Smartphone-Fragen beantworten';
  const page = await (await newContext(browser, phone)).newPage();
  await signInWithPassword(page, server, petraEmail);
  await page.goto(`${server.url}/mitmachen/koordination`);
  await expectPage(page, 'Koordination', 'coordination with an invitation');
  const invitations = page.getByRole('region', { name: 'Einladungen zur gemeinsamen Durchführung' });
  const card = invitations.locator('li', { hasText: digital });
  await card.getByText(/Volkshochschule Lindenbrück lädt Nachbarschaftszentrum Lindenhof ein/).waitFor();
  await checkA11y(page, 'coordination: invitation to run jointly');
  await shot(page, 'participation-invitation-390');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `the invitations fit the phone (${width}px)`);

  // before answering: the VHS runs it alone, and the Nachbarschaftszentrum sees no roster
  await card.getByRole('link', { name: digital }).click();
  await expectPage(page, digital, 'opportunity with an invitation');
  const runBy = page.locator('dt', { hasText: 'Organisiert von' }).locator('xpath=following-sibling::dd[1]');
  assert.equal((await runBy.textContent())?.trim(), 'Volkshochschule Lindenbrück');
  assert.equal(await page.getByRole('link', { name: 'Teilnehmerliste' }).count(), 0);
  const partners = page.getByRole('region', { name: 'Gemeinsam durchführen' });
  await partners.getByText(/Bis dahin sieht Ihre Organisation nur diese Seite/).waitFor();
  await checkA11y(page, 'opportunity: invited organisation');
  // accept with the keyboard
  await partners.getByRole('button', { name: `Zusagen: ${digital}` }).focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .getByText(`Zugesagt: Nachbarschaftszentrum Lindenhof führt „${digital}“ jetzt mit durch.`)
    .waitFor();
  await page.getByRole('link', { name: 'Teilnehmerliste' }).first().waitFor();
  assert.equal(
    (await runBy.textContent())?.trim(),
    'Volkshochschule Lindenbrück, Nachbarschaftszentrum Lindenhof (gemeinsam)',
  );
  await page.goto(`${server.url}/mitmachen/koordination`);
  await invitations.getByText('Keine offenen Einladungen.').waitFor();

  // Petra invites the Freiwilligenagentur to her homework help: invited, not running, until it answers
  const homework = 'Hausaufgabenhilfe für Grundschulkinder';
  const found = await page.request.get(`${server.url}/api/v1/opportunities`, { params: { q: homework } });
  const { items } = (await found.json()) as { items: { id: string; title: string }[] };
  const homeworkId = items.find((o) => o.title === homework)?.id;
  assert.ok(homeworkId);
  await page.goto(`${server.url}/mitmachen/${homeworkId}/bearbeiten`);
  await expectPage(page, `„${homework}“ bearbeiten`, 'edit with partners');
  await page.getByText(/Gemeinsam mit anderen Organisationen/).click();
  const fwa = page.getByRole('checkbox', { name: /Freiwilligenagentur Lindenbrück/ });
  await fwa.check();
  await page.getByRole('checkbox', { name: /Freiwilligenagentur Lindenbrück wird eingeladen/ }).waitFor();
  await checkA11y(page, 'editor with a partner to invite');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expectPage(page, homework, 'opportunity after inviting');
  const waiting = page.getByRole('region', { name: 'Gemeinsam durchführen' });
  await waiting.getByText('Eingeladen, noch ohne Antwort:').waitFor();
  await waiting
    .locator('li', { hasText: 'Freiwilligenagentur Lindenbrück' })
    .getByText('eingeladen')
    .waitFor();
  assert.equal((await runBy.textContent())?.trim(), 'Nachbarschaftszentrum Lindenhof');
  await page.goto(`${server.url}/mitmachen/${homeworkId}/bearbeiten`);
  await page.getByRole('checkbox', { name: /Freiwilligenagentur Lindenbrück eingeladen/ }).waitFor();
  await shot(page, 'participation-editor-invited-390');

  // Tobias (staff of the Freiwilligenagentur) is told and declines; Petra hears of it
  const tobias = await (await newContext(browser, desktop)).newPage();
  await signInWithPassword(tobias, server, 'tobias.richter@freiwillig-lindenbrueck.example');
  await tobias.goto(`${server.url}/benachrichtigungen`);
  const notice = tobias.getByText(
    `Nachbarschaftszentrum Lindenhof lädt Freiwilligenagentur Lindenbrück ein, „${homework}“ gemeinsam durchzuführen.`,
  );
  await notice.waitFor();
  await tobias.goto(`${server.url}/mitmachen/koordination`);
  const tobiasInvitations = tobias.getByRole('region', { name: 'Einladungen zur gemeinsamen Durchführung' });
  await tobiasInvitations.getByRole('button', { name: `Ablehnen: ${homework}` }).click();
  const dialog = tobias.getByRole('alertdialog', { name: 'Einladung ablehnen?' });
  await dialog.waitFor();
  await checkA11y(tobias, 'decline dialog');
  await dialog.getByRole('button', { name: 'Ablehnen' }).click();
  await tobias.getByRole('status').getByText(`Abgelehnt: „${homework}“.`).waitFor();
  await tobiasInvitations.getByText('Keine offenen Einladungen.').waitFor();
  const after = await tobias.request.get(`${server.url}/api/v1/opportunities/${homeworkId}`);
  assert.deepEqual(((await after.json()) as { invitedOrganisations: unknown[] }).invitedOrganisations, []);

  await page.goto(`${server.url}/benachrichtigungen`);
  await page
    .getByText(`Freiwilligenagentur Lindenbrück hat die Einladung zu „${homework}“ abgelehnt.`)
    .waitFor();
});
