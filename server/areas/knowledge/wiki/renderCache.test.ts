import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedHtml, rememberHtml, renderCacheSize, renderKey } from './renderCache.ts';

test('an entry is found by its page, revision and link destinations, and only with its own text', () => {
  const key = renderKey('p1', 3, ['/wissen/wiki/a', null]);
  assert.notEqual(
    key,
    renderKey('p1', 3, ['/wissen/wiki/a', '/wissen/wiki/b']),
    'a link that leads elsewhere',
  );
  assert.notEqual(key, renderKey('p1', 4, ['/wissen/wiki/a', null]), 'another revision');
  rememberHtml(key, 'Text [[A]] [[B]]', '<p>html</p>');
  assert.equal(cachedHtml(key, 'Text [[A]] [[B]]'), '<p>html</p>');
  assert.equal(cachedHtml(key, 'Another text of the same id'), undefined);
  assert.equal(
    cachedHtml(renderKey('p1', 3, ['/wissen/wiki/a', '/wissen/wiki/b']), 'Text [[A]] [[B]]'),
    undefined,
  );
});

test('the cache stays bounded, the least recently used going first', () => {
  const first = renderKey('first', 1, []);
  rememberHtml(first, 'first', '<p>first</p>');
  for (let i = 0; i < 2000; i++) {
    rememberHtml(renderKey(`p${i}`, 1, []), `text ${i}`, `<p>${i}</p>`);
    // the first stays in use
    assert.equal(cachedHtml(first, 'first'), '<p>first</p>');
  }
  assert.ok(renderCacheSize() <= 500, `${renderCacheSize()} entries`);
  assert.equal(cachedHtml(renderKey('p0', 1, []), 'text 0'), undefined, 'an old one was dropped');
  assert.equal(cachedHtml(renderKey('p1999', 1, []), 'text 1999'), '<p>1999</p>');
  // a huge text is rendered every time rather than pushing out everything else
  const huge = 'x'.repeat(600_000);
  rememberHtml(renderKey('huge', 1, []), huge, huge);
  assert.equal(cachedHtml(renderKey('huge', 1, []), huge), undefined);
  assert.equal(cachedHtml(first, 'first'), '<p>first</p>');
});
