import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** `npm start` builds the web client only when web/dist is missing or older than its sources. */
const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web/dist/index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = [
  path.join(root, 'web/src'),
  path.join(root, 'web/index.html'),
  path.join(root, 'web/vite.config.ts'),
];
const sourceTime = Math.max(
  ...sources.filter(existsSync).map((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs)),
);
if (!existsSync(dist) || statSync(dist).mtimeMs < sourceTime) {
  process.stdout.write('Building the web client (once; about 20 s) …\n');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
