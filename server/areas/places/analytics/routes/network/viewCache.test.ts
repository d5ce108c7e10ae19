import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cachedView,
  etagSent,
  type KeptView,
  keptView,
  matchesEtag,
  rememberView,
  takesGzip,
  viewCacheSize,
  viewKey,
} from './viewCache.ts';

const kept = (json: string): KeptView => ({ json, gzip: Buffer.alloc(0), etag: '"x"' });
const key = (snapshotId: string, more: Partial<Parameters<typeof viewKey>[0]> = {}) =>
  viewKey({
    networkId: 'n',
    snapshotId,
    kind: 'view',
    period: '12m',
    area: 'all',
    pending: false,
    districts: [],
    ...more,
  });

test('an answer is found by its snapshot, view, pending state and districts only', () => {
  rememberView(key('s1'), kept('{"a":1}'));
  assert.equal(cachedView(key('s1'))?.json, '{"a":1}');
  assert.equal(cachedView(key('s2')), undefined, 'another snapshot');
  assert.equal(cachedView(key('s1', { period: '3m' })), undefined, 'another period');
  assert.equal(cachedView(key('s1', { area: 'sharing' })), undefined, 'another area');
  assert.equal(cachedView(key('s1', { pending: true })), undefined, 'a snapshot waiting');
  assert.equal(cachedView(key('s1', { districts: [{ id: 'd', name: 'Mitte' }] })), undefined, 'districts');
  assert.equal(cachedView(key('s1', { networkId: 'other' })), undefined, 'another network');
});

test('the cache stays bounded, the least recently used going first', () => {
  rememberView(key('first'), kept('first'));
  for (let i = 0; i < 200; i++) {
    rememberView(key(`s${i}`), kept(`answer ${i}`));
    assert.equal(cachedView(key('first'))?.json, 'first', 'the one in use stays');
  }
  assert.ok(viewCacheSize().entries <= 48, `${viewCacheSize().entries} entries`);
  assert.equal(cachedView(key('s0')), undefined, 'an old one was dropped');
  assert.equal(cachedView(key('s199'))?.json, 'answer 199');
  // a huge answer is built every time rather than pushing out everything else
  rememberView(key('huge'), kept('x'.repeat(9_000_000)));
  assert.equal(cachedView(key('huge')), undefined);
  assert.equal(cachedView(key('first'))?.json, 'first');
  // many large ones: the characters stay under the bound
  for (let i = 0; i < 10; i++) rememberView(key(`big${i}`), kept('y'.repeat(7_000_000)));
  assert.ok(viewCacheSize().chars <= 32_000_000, `${viewCacheSize().chars} characters`);
});

test('gzip is sent to those who take it', () => {
  assert.equal(takesGzip('gzip, deflate, br'), true);
  assert.equal(takesGzip('br;q=1.0, GZIP;q=0.5'), true);
  assert.equal(takesGzip('gzip;q=0'), false);
  assert.equal(takesGzip('deflate'), false);
  assert.equal(takesGzip(undefined), false);
});

test('an ETag names the answer and its gzip apart; If-None-Match is read as RFC 9110 says', async () => {
  const a = await keptView('{"a":1}');
  const b = await keptView('{"a":2}');
  assert.notEqual(a.etag, b.etag);
  assert.equal((await keptView('{"a":1}')).etag, a.etag);
  assert.match(a.etag, /^"[A-Za-z0-9_-]+"$/);
  const zipped = etagSent(a, true);
  assert.notEqual(zipped, etagSent(a, false));
  assert.ok(matchesEtag(a.etag, a.etag));
  assert.ok(matchesEtag(`"other", W/${zipped}`, zipped));
  assert.ok(matchesEtag('*', a.etag));
  assert.ok(!matchesEtag(undefined, a.etag));
  assert.ok(!matchesEtag(b.etag, a.etag));
  assert.ok(!matchesEtag(zipped, a.etag), 'the gzipped answer is not the plain one');
});
