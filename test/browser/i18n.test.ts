import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { catalogue, catalogueFiles } from './catalogue.ts';

const web = path.resolve(import.meta.dirname, '../../web/src');
type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const de = keys(catalogue('de') as Tree);
const en = keys(catalogue('en') as Tree);

test('English has exactly the strings German has', () => {
  assert.deepEqual(
    en.filter((k) => !de.includes(k)),
    [],
  );
  assert.deepEqual(
    de.filter((k) => !en.includes(k)),
    [],
  );
});

test('every literal translation key used in the web client exists', () => {
  const known = new Set(de.map((k) => k.replace(/_(one|other)$/, '')));
  const missing: string[] = [];
  for (const file of sources(web)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!known.has(m[1]!)) missing.push(`${path.relative(web, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

// Leichte Sprache (plain German): docs/LEICHTE-SPRACHE.md

const deTexts = new Map(Object.entries(flat(catalogue('de') as Tree)).map(([k, v]) => [k, v] as const));
const plainFiles = catalogueFiles('ls').map(({ file, texts }) => ({ file, texts: flat(texts as Tree) }));

function flat(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flat(v, `${prefix}${k}.`)),
    ),
  );
}

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]))].sort();

/**
 * The pages that have a plain version: each German text of theirs needs one in Leichte Sprache, so a
 * text added to such a page later is not silently German. Add a page here with its keys' prefixes.
 */
const plainPages: Record<string, string[]> = {
  'sign-in (features/auth/SignInPage.tsx, LinkRedeemPage.tsx, RegisterPage.tsx)': [
    'signIn.',
    'linkRedeem.',
    'register.',
  ],
  'invitation (features/auth/InvitationPage.tsx)': ['invitation.'],
  'circle invitation (areas/support/JoinPage.tsx)': [
    'circles.join.',
    'circles.invitedRole.',
    'circles.done.joined',
  ],
  'consent (areas/support/ConsentSection.tsx, CreateCirclePage.tsx)': [
    'circles.consent.',
    'circles.scope.',
    'circles.scopeHint.',
    'circles.create.',
    'circles.done.consentWithdrawn',
  ],
  'front page (features/home/FrontPage.tsx, EntryPoints.tsx)': ['front.'],
  'Wissen (areas/knowledge/KnowledgeHomePage.tsx)': ['knowledge.home.'],
  '"Ich suche Hilfe" (features/help: FindHelpPage, NeedPage, AskPage, EnquiryPage)': [
    'help.nav',
    'help.find.',
    'help.needs.',
    'help.need.',
    'help.ask.',
    'help.signIn.',
    'help.enquiry.',
  ],
};

test('every Leichte Sprache text has a German one, with the same {{variables}}', () => {
  const problems: string[] = [];
  for (const { file, texts } of plainFiles) {
    for (const [key, text] of Object.entries(texts)) {
      const german = deTexts.get(key);
      if (german === undefined) problems.push(`${file}: ${key} is not a German text`);
      else if (variables(german).join() !== variables(text).join())
        problems.push(
          `${file}: ${key} has {{${variables(text).join(', ')}}}, German {{${variables(german).join(', ')}}}`,
        );
    }
  }
  assert.deepEqual(problems, []);
});

test('every ls.json is joined into the catalogue', () => {
  const imported = new Set(
    sources(web).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from |import\()'(\.[^']*\/ls\.json)'/g)].map((m) =>
        path.relative(web, path.resolve(path.dirname(file), m[1]!)),
      ),
    ),
  );
  assert.deepEqual(
    plainFiles.map((f) => f.file).filter((f) => !imported.has(f)),
    [],
  );
});

test('the pages with a plain version have every text in Leichte Sprache', () => {
  const plain = new Set(plainFiles.flatMap((f) => Object.keys(f.texts)));
  const missing = Object.entries(plainPages).flatMap(([page, prefixes]) =>
    [...deTexts.keys()]
      .filter((k) => prefixes.some((p) => k.startsWith(p)) && !plain.has(k))
      .map((k) => `${page}: ${k}`),
  );
  assert.deepEqual(missing, []);
});

/**
 * What a machine can check of the rules (the rest is the review checklist in docs/LEICHTE-SPRACHE.md):
 * short sentences, no semicolons or parentheses, no abbreviations, no gender slashes, numbers as digits.
 * A sentence ends at . ! ? or : or a line break (each sentence of a plain text starts on its own line).
 */
test('Leichte Sprache texts keep the rules that can be counted', () => {
  const maxWords = 15;
  const abbreviation = /\b(z\. ?B|d\. ?h|u\. ?a|usw|bzw|ggf|ca|evtl|inkl|Nr|Tel|Str|bspw|etc|o\. ?Ä)\./;
  const numberWord =
    /\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|dreißig|hundert|tausend)\b/i;
  const problems: string[] = [];
  for (const { file, texts } of plainFiles) {
    for (const [key, text] of Object.entries(texts)) {
      const at = `${file}: ${key}`;
      if (/[;()]/.test(text)) problems.push(`${at}: a semicolon or parenthesis`);
      if (abbreviation.test(text)) problems.push(`${at}: an abbreviation (${abbreviation.exec(text)?.[0]})`);
      if (/\p{L}\/\p{L}/u.test(text)) problems.push(`${at}: a slash between words (write both forms)`);
      if (numberWord.test(text)) problems.push(`${at}: a number as a word (${numberWord.exec(text)?.[0]})`);
      for (const sentence of text.split(/\n|(?<=[.!?:])\s+/)) {
        const words = sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]|\{\{/u.test(w));
        if (words.length > maxWords) problems.push(`${at}: ${words.length} words in „${sentence}“`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
