import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excerpt, renderMarkdown } from './markdown.ts';

test('an excerpt is the text without markup, cut at a word; asked again, the same', () => {
  const text = `Der **Aufzug** an der [Haltestelle](https://example.org) ist kaputt. ${'Noch mehr Text. '.repeat(40)}`;
  const first = excerpt(text, 60);
  assert.equal(first, 'Der Aufzug an der Haltestelle ist kaputt. Noch mehr Text.…');
  assert.equal(excerpt(text, 60), first);
  // the length is part of what was kept: another length, another excerpt
  assert.equal(excerpt(text, 30), 'Der Aufzug an der…');
  assert.equal(excerpt('*kurz*'), 'kurz');
  assert.equal(excerpt('*kurz* '), 'kurz');
});

test('rendered HTML asked again is the same, sanitised; wiki links are rendered for each reader', () => {
  const text = `Hallo <script>alert(1)</script> **Welt** [[Seite]] ${'und mehr. '.repeat(20)}`;
  const first = renderMarkdown(text);
  assert.ok(!first.includes('<script'));
  assert.match(first, /<strong>Welt<\/strong>/);
  assert.match(first, /\[\[Seite\]\]/);
  assert.equal(renderMarkdown(text), first);
  // with links resolved for a reader, never the kept text without them
  const linked = renderMarkdown(text, { wikiLink: () => '/wissen/wiki/seite' });
  assert.match(linked, /<a class="wiki-link" href="\/wissen\/wiki\/seite">Seite<\/a>/);
  assert.match(renderMarkdown(text, { wikiLink: () => null }), /wiki-link-missing/);
  assert.equal(renderMarkdown(text), first);
});
