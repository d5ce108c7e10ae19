import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  adminEmail,
  checkA11y,
  expectPage,
  fieldMessage,
  launchBrowser,
  newContext,
  phone,
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

test('signing in with empty fields names every field that is missing, and focus goes to the first', async () => {
  const context = await newContext(browser, phone);
  const page = await context.newPage();
  await page.goto(`${server.url}/anmelden`);
  await expectPage(page, 'Anmelden', 'sign-in');
  const form = page.locator('form', { has: page.locator('input[name=password]') });
  const email = form.locator('input[name=email]');
  const password = form.locator('input[name=password]');

  await form.getByRole('button', { name: 'Anmelden' }).click();
  await form
    .getByRole('alert')
    .getByText('Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.')
    .waitFor();
  assert.match(await fieldMessage(page, email), /Bitte die E-Mail-Adresse eingeben\./);
  assert.match(await fieldMessage(page, password), /Bitte das Passwort eingeben\./);
  assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'focus on the first');
  await checkA11y(page, 'sign-in with both fields empty');

  await email.fill(adminEmail);
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await form.getByRole('alert').getByText('Bitte geben Sie Ihr Passwort ein.').waitFor();
  assert.match(await fieldMessage(page, password), /Bitte das Passwort eingeben\./);
  assert.equal(await email.getAttribute('aria-invalid'), null, 'the filled field is fine');

  await email.fill('');
  await password.fill('irgendwas');
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await form.getByRole('alert').getByText('Bitte geben Sie Ihre E-Mail-Adresse ein.').waitFor();
  await context.close();
});
