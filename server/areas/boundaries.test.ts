import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The folder rules of CONTRIBUTING.md, checked on every import of the server and the web client:
 *
 * - an area (`areas/<area>/`) imports the foundation, its own files, and of another area only that
 *   area's `index.ts` (what it offers the others) or `area.ts` (its manifest);
 * - the foundation imports of an area only its `area.ts` and `index.ts`, and only in the places that
 *   put the areas together (`compositionRoots`);
 * - the areas depend on each other without a cycle.
 *
 * A failure names the importing file, the import and the rule it breaks.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Tree {
  /** e.g. 'server' */
  root: string;
  /** where the areas are, relative to the repository */
  areas: string;
  /** foundation files that put the areas together and may import their index.ts */
  compositionRoots: string[];
}

export const trees: Tree[] = [
  {
    root: 'server',
    areas: 'server/areas',
    compositionRoots: ['server/areas/index.ts'],
  },
  {
    root: 'web/src',
    areas: 'web/src/areas',
    compositionRoots: ['web/src/areas/index.ts'],
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const importPattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every relative import of a file, resolved to a path relative to the repository. */
export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(importPattern)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)),
  );
}

/** The area a path belongs to, or null for the foundation (and anything outside the tree). */
function areaOf(tree: Tree, file: string): string | null {
  if (!file.startsWith(`${tree.areas}/`)) return null;
  const rest = file.slice(tree.areas.length + 1);
  return rest.includes('/') ? rest.split('/')[0]! : null;
}

const isFace = (tree: Tree, file: string, area: string) =>
  file === `${tree.areas}/${area}/index.ts` ||
  file === `${tree.areas}/${area}/area.ts` ||
  file === `${tree.areas}/${area}/index.tsx`;

export interface Finding {
  file: string;
  imports: string;
  rule: string;
}

export function check(tree: Tree): { findings: Finding[]; edges: Map<string, Set<string>> } {
  const findings: Finding[] = [];
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(tree.root)) {
    const from = areaOf(tree, file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(`${tree.root}/`)) continue; // tests reach test/helpers; not a layer
      const to = areaOf(tree, target);
      if (to === null || to === from) continue;
      if (from !== null) {
        if (!isFace(tree, target, to))
          findings.push({
            file,
            imports: target,
            rule: `area "${from}" may import of area "${to}" only ${tree.areas}/${to}/index.ts or area.ts`,
          });
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      } else if (!tree.compositionRoots.includes(file) && target !== `${tree.areas}/${to}/area.ts`) {
        findings.push({
          file,
          imports: target,
          rule: `the foundation may import of an area only its area.ts (and ${tree.compositionRoots.join(', ')} its index.ts)`,
        });
      } else if (!isFace(tree, target, to)) {
        findings.push({
          file,
          imports: target,
          rule: `the foundation may import of area "${to}" only its area.ts or index.ts`,
        });
      }
    }
  }
  return { findings, edges };
}

/** A cycle in the area graph as 'a → b → a', or null. */
export function findCycle(edges: Map<string, Set<string>>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n].join(' → ');
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('boundaries between the areas', () => {
  for (const tree of trees) {
    test(`${tree.root}: areas import each other only through index.ts, the foundation through area.ts`, () => {
      const { findings } = check(tree);
      assert.deepEqual(
        findings.map((f) => `${f.file} imports ${f.imports}: ${f.rule}`),
        [],
      );
    });

    test(`${tree.root}: no cycle between areas`, () => {
      assert.equal(findCycle(check(tree).edges), null);
    });
  }

  test('the check sees a forbidden import and a cycle', () => {
    assert.equal(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['c'])],
          ['c', new Set(['a'])],
        ]),
      ),
      'a → b → c → a',
    );
    assert.equal(findCycle(new Map([['a', new Set(['b'])]])), null);
  });
});
