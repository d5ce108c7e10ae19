import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
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
let toolId: string;
const aylin = 'aylin.demir@caritas-lindenbrueck.example';
const jonas = 'jonas@example.org';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const caritas = await server.db
    .selectFrom('organisation')
    .select('id')
    .where('slug', '=', 'caritas-beratungsstelle')
    .executeTakeFirstOrThrow();
  const p = await makeProject({ db: server.db, networkId: server.networkId } as TestApp, {
    lead: caritas.id,
    title: 'Offene Sprechstunde: Ihre Meinung',
    tools: [{ kind: 'survey' }],
  });
  toolId = p.tools.survey;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const url = () => `${server.url}/mitgestalten/umfragen/${toolId}`;

test('Aylin builds a survey with every kind of question, hostile text included', async () => {
  const page = await (await newContext(browser, desktop)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, aylin);
  await page.goto(url());
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText('Noch keine Fragen. Fügen Sie die erste Frage hinzu.').waitFor();
  await checkA11y(page, 'empty survey builder');

  const questions = [
    {
      kind: 'single',
      prompt: 'Wie oft waren Sie in der Sprechstunde?',
      options: ['Einmal', 'Öfter'],
      required: true,
    },
    { kind: 'multiple', prompt: `Was hilft? ${xssPayloads[1]}`, options: [...xssPayloads] },
    {
      kind: 'scale',
      prompt: 'Wie lange mussten Sie warten?',
      low: 'viel zu lange',
      high: 'gar nicht',
      required: true,
    },
    { kind: 'text', prompt: `Was sollen wir ändern? ${xssPayloads[0]}`, help: xssText },
    { kind: 'date', prompt: 'Wann waren Sie zuletzt da?' },
  ] as const;
  for (const [i, q] of questions.entries()) {
    await page.getByRole('button', { name: 'Frage hinzufügen' }).click();
    const box = page.getByRole('group', { name: `Frage ${i + 1}`, exact: true });
    await box.getByLabel('Art der Frage').selectOption(q.kind);
    await box.getByLabel('Frage', { exact: true }).fill(q.prompt);
    if ('help' in q) await box.getByLabel('Hinweis zur Frage (freiwillig)').fill(q.help);
    if ('options' in q) await box.getByLabel('Antworten zum Ankreuzen').fill(q.options.join('\n'));
    if ('low' in q) {
      await box.getByLabel('Wort für 1 (unteres Ende)').fill(q.low);
      await box.getByLabel('Wort für 5 (oberes Ende)').fill(q.high);
    }
    if ('required' in q) await box.getByLabel('Muss beantwortet werden').check();
  }
  // move the date question up one place, then back: the order is the survey's
  await page.getByRole('button', { name: 'Nach oben: Frage 5' }).click();
  await page.getByRole('button', { name: 'Nach unten: Frage 4' }).click();
  await page.getByRole('button', { name: 'Fragen speichern' }).click();
  await page.getByText('Fragen gespeichert.').first().waitFor();
  await checkA11y(page, 'survey builder with five questions');

  await page.getByRole('button', { name: 'Fragen', exact: true }).click();
  await page.locator('.survey-prompt', { hasText: questions[3].prompt }).waitFor();
  assert.equal(await page.locator('.survey-question').count(), 5);
  await assertNoXss(page, seen, 'the survey as its builder sees it');
  await shot(page, 'codesign-survey-builder');
});

test('Jonas answers on a 390 px phone, once, anonymously', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, jonas);
  await page.goto(url());
  await page
    .getByText('Ihre Antworten sind anonym: niemand sieht, was Sie angekreuzt haben.')
    .first()
    .waitFor();
  await page.getByText('0 von 5 Fragen beantwortet').waitFor();
  await expectPage(page, /Werkzeug survey/, 'survey answer form on a phone');
  await assertNoXss(page, seen, 'the answer form');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const wide = await page.evaluate(
    (w) =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`),
    phone.width,
  );
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px): ${wide.join(' ')}`);
  // big touch targets: every choice is at least 44 px high
  const heights = await page
    .locator('.survey-choice')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.ok(heights.length >= 2 + 16 + 5 && heights.every((h) => h >= 44), heights.join());

  // sending without the required answers says which ones
  await page.getByRole('button', { name: 'Antworten abschicken' }).click();
  await page.getByRole('alert').first().waitFor();
  assert.ok((await page.locator('.survey-question.invalid').count()) >= 2);

  await page
    .getByRole('group', { name: /Frage 1 von 5/ })
    .getByLabel('Öfter', { exact: true })
    .check();
  await page
    .getByRole('group', { name: /Frage 2 von 5/ })
    .getByLabel(xssPayloads[0], { exact: true })
    .check();
  await page
    .getByRole('group', { name: /Frage 3 von 5/ })
    .getByLabel('4', { exact: true })
    .check();
  await page
    .getByRole('group', { name: /Frage 4 von 5/ })
    .locator('textarea')
    .fill(xssText);
  await page
    .getByRole('group', { name: /Frage 5 von 5/ })
    .locator('input[type=date]')
    .fill('2026-11-20');
  await page.getByText('5 von 5 Fragen beantwortet').waitFor();
  await shot(page, 'codesign-survey-answer-390');
  await page.getByRole('button', { name: 'Antworten abschicken' }).click();
  await page.getByText('Ihre Antworten sind gespeichert. Jede Person antwortet nur einmal.').waitFor();
  await checkA11y(page, 'survey answered');
  await assertNoXss(page, seen, 'after answering');

  // the answer rows carry nothing of Jonas
  const rows = await server.db
    .selectFrom('codesign_survey_response')
    .selectAll()
    .where('tool_id', '=', toolId)
    .execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.contribution_id, null);
});

test('Aylin sees the results as charts and tables; free text once five wrote', async () => {
  // four more people answered on paper (straight into the tables: the page is what is tested here)
  const questions = await server.db
    .selectFrom('codesign_survey_question')
    .select(['id', 'kind'])
    .where('tool_id', '=', toolId)
    .orderBy('position')
    .execute();
  for (let i = 0; i < 4; i++) {
    const r = await server.db
      .insertInto('codesign_survey_response')
      .values({ network_id: server.networkId, tool_id: toolId, contribution_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.db
      .insertInto('codesign_survey_answer')
      .values(
        questions.map((q) => ({
          network_id: server.networkId,
          response_id: r.id,
          question_id: q.id,
          choices: q.kind === 'single' || q.kind === 'multiple' ? [i % 2] : null,
          scale: q.kind === 'scale' ? 1 + i : null,
          text_value: q.kind === 'text' ? `Mehr Stühle im Flur ${i} ${xssPayloads[i + 2]}` : null,
          date_value: q.kind === 'date' ? `2026-11-2${i}` : null,
        })),
      )
      .execute();
  }
  // closed (a running anonymous survey shows results at every fifth answer only; these came past that)
  await server.db
    .updateTable('codesign_tool')
    .set({ closes_at: new Date(Date.now() - 1000) })
    .where('id', '=', toolId)
    .execute();
  const page = await (await newContext(browser, phone)).newPage();
  const seen = await armXssTrap(page);
  await signInWithPassword(page, server, aylin);
  await page.goto(url());
  await page.getByRole('button', { name: 'Ergebnisse' }).click();
  await page.getByText('5 Personen haben geantwortet.').waitFor();
  const first = page.getByRole('region', { name: /Wie oft waren Sie in der Sprechstunde/ });
  await first.getByText('3 Personen (60 %)').waitFor();
  await first.getByText('Als Tabelle zeigen').click();
  await first.getByRole('table').waitFor();
  await page.getByText(/Durchschnitt: 2,8 von 5/).waitFor();
  await page.getByText('Mehr Stühle im Flur 0', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Ergebnisse als Tabelle herunterladen (CSV)' }).waitFor();
  assert.equal((await page.locator('.survey-bar').count()) > 0, true, 'bars');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `no horizontal scrolling (${width}px)`);
  await checkA11y(page, 'survey results');
  await assertNoXss(page, seen, 'the results');
  await shot(page, 'codesign-survey-results-390');

  // the builder now only shows the questions, with the warning
  await page.getByRole('button', { name: 'Fragen bearbeiten' }).click();
  await page.getByText(/Schon 5 Personen haben geantwortet/).waitFor();
  await checkA11y(page, 'survey builder, locked');
  await server.db.updateTable('codesign_tool').set({ closes_at: null }).where('id', '=', toolId).execute();
});

test('a visitor who is not signed in is asked to sign in, and sees no results while it runs', async () => {
  const page = await (await newContext(browser, phone)).newPage();
  await page.goto(url());
  await page.getByRole('link', { name: 'Bitte melden Sie sich an, um zu antworten.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ergebnisse' }).count(), 0);
  await checkA11y(page, 'survey for a visitor');
});
