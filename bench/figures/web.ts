import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { nextIp } from '../runner/load.ts';
import { root } from '../runner/options.ts';
import { cleanups } from '../runner/scratch.ts';

/** web.initial_js_gzip and web.time_to_interactive: what the home page costs a visitor. */

/** Time from navigation start until the home page's main heading is visible, median of 3 cold loads. */
async function timeToInteractive(url: string): Promise<number | null> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  cleanups.push(() => browser.close());
  try {
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': nextIp() } });
      const page = await context.newPage();
      await page.goto(`${url}/`, { waitUntil: 'commit', timeout: 15_000 });
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 15_000 });
      const ms = await page.evaluate(() => performance.now());
      await context.close();
      if (i > 0) samples.push(ms); // the first load warms the server's file cache
    }
    samples.sort((a, b) => a - b);
    return samples[1] ?? null;
  } finally {
    await browser.close();
  }
}

export async function webFigures(url: string) {
  const dist = path.join(root, 'web', 'dist');
  const indexHtml = path.join(dist, 'index.html');
  if (!existsSync(indexHtml)) return null;
  // initial JavaScript: the module scripts and modulepreloads that index.html references
  const html = readFileSync(indexHtml, 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]!);
  let gz = 0;
  for (const ref of refs) {
    const file = path.join(dist, ref.replace(/^\//, ''));
    if (existsSync(file)) gz += gzipSync(readFileSync(file)).length;
  }
  let tti: number | null = null;
  let ttiError: string | undefined;
  try {
    tti = await timeToInteractive(url);
  } catch (err) {
    ttiError = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
  return { gzKb: gz / 1024, files: refs.size, tti, ttiError };
}
