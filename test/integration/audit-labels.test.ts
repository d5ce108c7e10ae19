import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectAuditActions } from '../../server/areas/codesign/projects/commands/projects.ts';
import { communityAuditActions } from '../../server/areas/places/communities/commands/communities.ts';
import { opportunityStatuses } from '../../server/db/schema.ts';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(rel);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [rel] : [];
  });
}

/**
 * Actions whose name the code builds: each template and the values it is built from. A new template
 * fails the test below until it is listed here (and its actions are worded).
 */
const templates: Record<string, readonly string[]> = {
  'opportunity.': opportunityStatuses,
  'opportunity.partner_': ['declined', 'invitation_withdrawn', 'removed', 'left'],
  'timebank.transfer_': ['confirmed', 'declined', 'cancelled'],
  'codesign.': projectAuditActions,
  'community.': communityAuditActions,
};

/** Every action the server writes to the audit log, and every entity type it names, from its source. */
function written() {
  const actions = new Set<string>();
  const types = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of sourceFiles('server')) {
    const src = readFileSync(path.join(root, file), 'utf8');
    for (const m of src.matchAll(/\baction:([^\n]*(?:\n(?!\s*[A-Za-z]+:)[^\n]*){0,3})/g)) {
      const value = m[1]!;
      for (const lit of value.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(lit[1]!);
      for (const tpl of value.matchAll(/`([a-z_]+\.[a-z_]*)\$\{/g)) {
        const values = templates[tpl[1]!];
        if (!values) unknownTemplates.push(`${file}: ${tpl[1]}…`);
        for (const v of values ?? []) actions.add(`${tpl[1]}${v}`);
      }
    }
    for (const m of src.matchAll(/\bentityType: '([a-z_]+)'/g)) types.add(m[1]!);
  }
  return { actions, types, unknownTemplates };
}

const labels = (locale: 'de' | 'en') =>
  JSON.parse(readFileSync(path.join(root, `web/src/features/admin/i18n/${locale}.json`), 'utf8')).audit as {
    actions: Record<string, Record<string, string>>;
    types: Record<string, string>;
  };

/**
 * The admin's audit log says in words what happened ('Angebot geändert', not 'resource.updated'):
 * every action the server writes, and every entity type it names, has a German and an English label.
 * Support circles' rows never reach the admin's log (they are the owner's access log), so theirs are
 * not needed here.
 */
test('every action and entity type of the audit log has a label in German and English', () => {
  const { actions, types, unknownTemplates } = written();
  assert.deepEqual(unknownTemplates, [], 'list how these action names are built in `templates`');
  assert.ok(actions.size > 60, `${actions.size} actions found`);
  for (const locale of ['de', 'en'] as const) {
    const l = labels(locale);
    const missing = [...actions]
      .filter((a) => !a.startsWith('circle.'))
      .filter((a) => {
        const [group, name] = a.split('.') as [string, string];
        return !l.actions[group]?.[name];
      });
    assert.deepEqual(missing, [], `${locale}: actions without a label (web/src/features/admin/i18n)`);
    const missingTypes = [...types].filter((x) => x !== 'circle' && !l.types[x]);
    assert.deepEqual(missingTypes, [], `${locale}: entity types without a label`);
  }
  const keys = (l: ReturnType<typeof labels>) =>
    [
      ...Object.entries(l.actions).flatMap(([g, a]) => Object.keys(a).map((n) => `${g}.${n}`)),
      ...Object.keys(l.types),
    ].sort();
  assert.deepEqual(keys(labels('en')), keys(labels('de')), 'German and English word the same things');
});
