import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/**
 * The stored-XSS corpus: what a hostile writer types into a text field (wiki, news, comments, posts,
 * reports, dossiers). Every payload, if it ever ran, would set `window.__xss`; `armXssTrap` makes a
 * page count that and any dialog, `assertNoXss` fails the test when either happened. Each payload
 * names its marker, so the test can also check the text arrived (shown as text, not dropped).
 */
export const xssPayloads = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"></svg>',
  '[klick](javascript:window.__xss=4)',
  '[klick](JaVaScRiPt:window.__xss=5)',
  '![bild](javascript:window.__xss=6)',
  '"><script>window.__xss=7</script>',
  "'><img src=x onerror=window.__xss=8>",
  '<a href="javascript:window.__xss=9">a</a>',
  '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTA8L3NjcmlwdD4=)',
  '<iframe src="javascript:window.__xss=11"></iframe>',
  '<details open ontoggle="window.__xss=12">',
  '[[<img src=x onerror=window.__xss=13>]]',
  '`<script>window.__xss=14</script>`',
  '<style>@import "javascript:window.__xss=15"</style>',
  '{{constructor.constructor("window.__xss=16")()}}',
] as const;

/** One text with every payload, each on its own line (for a single body field). */
export const xssText = xssPayloads.join('\n\n');

/** Call before the page loads anything: records any dialog and any payload that runs. */
export async function armXssTrap(page: Page): Promise<{ dialogs: string[] }> {
  const seen = { dialogs: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/** Fails when a payload ran on the page or a dialog opened. */
export async function assertNoXss(page: Page, seen: { dialogs: string[] }, where: string): Promise<void> {
  const ran = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
  assert.equal(ran, undefined, `a script ran on ${where} (payload ${String(ran)})`);
  assert.deepEqual(seen.dialogs, [], `a dialog opened on ${where}`);
}
