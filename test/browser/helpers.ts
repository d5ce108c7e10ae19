import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type AppDeps, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openPglite } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB } from '../../server/db/schema.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { demoLogins, demoPassword, seedDemoTown } from '../../server/seed/demo.ts';

export { demoPassword };
export const adminEmail = demoLogins[0]!.email;
export const petraEmail = demoLogins[1]!.email;

const root = path.resolve(import.meta.dirname, '../..');
const axePath = path.join(root, 'node_modules/axe-core/axe.min.js');
export const shotsDir = '/tmp/shots';

export const phone = { width: 390, height: 844 };
export const smallPhone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 900 };

export interface TestServer {
  url: string;
  db: Kysely<DB>;
  networkId: string;
  close(): Promise<void>;
}

/**
 * The real server, in this process, on a free port, over a fresh PGlite data directory seeded with
 * the demo town — the same steps as `npm start`, so the browser sees what a user would. It counts as
 * having a mail server (never reached: no jobs run, the mails wait in the outbox, where tests read
 * their links); `{ mail: false }` starts one without, as `npm start` is without SMTP_URL. It has no
 * geocoder on the internet; `env` adds to the environment it reads (a fake GEOCODER_URL …).
 */
export async function startServer(
  opts: { mail?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kp-browser-'));
  const database = await openPglite(dataDir);
  await migrateToLatest(database.db);
  const { network } = await ensureNetwork(database.db, {
    slug: 'lindenbrueck',
    name: 'Lindenbrück vernetzt',
  });
  await seedDemoTown(database.db, network.id);
  const config = loadConfig({
    SEED: 'demo',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RUN_JOBS: '0',
    PORT: '0',
    ...(opts.mail === false ? {} : { SMTP_URL: 'smtp://mail.invalid:25' }),
    GEOCODER_URL: 'off',
    ...opts.env,
  });
  const deps: AppDeps = { db: database, config, network };
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  return {
    url: `http://127.0.0.1:${address.port}`,
    db: database.db,
    networkId: network.id,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number } = phone,
): Promise<BrowserContext> {
  // bypassCSP only so axe-core can be injected; the app itself runs under the server's CSP rules
  const context = await browser.newContext({
    viewport,
    locale: 'de-DE',
    reducedMotion: 'reduce',
    bypassCSP: true,
  });
  context.setDefaultTimeout(10_000);
  // tests never fetch map tiles or anything else outside the server under test
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page as it is now; any violation fails the test. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: unknown[] };
    return result.violations;
  });
  const list = violations as AxeViolation[];
  const report = list
    .map(
      (v) =>
        `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(list.length, 0, `axe violations on ${label} (${page.url()}):\n${report}`);
}

/** Waits for the page's h1 to read `title`, then checks accessibility. */
export async function expectPage(page: Page, title: string | RegExp, label: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await checkA11y(page, label);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** The secret after '#' in the newest email to `to` whose body contains `marker` (from the outbox table). */
export async function tokenFromOutbox(server: TestServer, to: string, marker: string): Promise<string> {
  const mail = await server.db
    .selectFrom('outbox_email')
    .select(['body_text'])
    .where('network_id', '=', server.networkId)
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  assert.ok(mail, `no email to ${to}`);
  const match = mail.body_text.match(new RegExp(`${marker}#([A-Za-z0-9_-]+)`));
  assert.ok(match?.[1], `no ${marker} link in the email to ${to}:\n${mail.body_text}`);
  return match[1];
}

/** Signs in with a one-time link from the email, as people without a password do. */
export async function signInByLink(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/anmelden`);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Link schicken' }) });
  await form.locator('input[name=email]').fill(email);
  await form.getByRole('button', { name: 'Link schicken' }).click();
  await page
    .getByRole('status')
    .getByText(/ist der Link jetzt unterwegs/)
    .waitFor();
  const token = await tokenFromOutbox(server, email, '/anmelden/link');
  await page.goto(`${server.url}/anmelden/link#${token}`);
  await page.getByRole('link', { name: /^(Mein Profil|My profile)$/ }).waitFor();
}

export async function signInWithPassword(
  page: Page,
  server: TestServer,
  email: string,
  password = demoPassword,
): Promise<void> {
  await page.goto(`${server.url}/anmelden`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  const form = page.locator('form', { has: page.locator('input[name=password]') });
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(password);
  await form.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('link', { name: /^(Mein Profil|My profile)$/ }).waitFor();
}

/**
 * The main navigation, ready to click: on a phone it sits behind the header's menu button, which is
 * opened first (the desktop shows it as a bar). `name` is the navigation's label in the page's language.
 */
export async function mainNav(page: Page, name = 'Hauptnavigation'): Promise<Locator> {
  const button = page.locator('button[aria-controls="main-menu"]');
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true')
    await button.click();
  const nav = page.getByRole('navigation', { name });
  await nav.waitFor();
  return nav;
}

/** The message a form shows at one field: the field is marked invalid and points to the message. */
export async function fieldMessage(page: Page, field: Locator): Promise<string> {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const texts = await Promise.all(
    ids.map(async (id) => (await page.locator(`[id="${id}"]`).textContent()) ?? ''),
  );
  const message = texts.find((t) => t.includes('⚠'));
  assert.ok(message, `the field has a message (${texts.join(' | ')})`);
  return message;
}
