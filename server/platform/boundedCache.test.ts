import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedCache } from './boundedCache.ts';

test('keeps at most its entries, the least recently used going first', () => {
  const c = new BoundedCache<string>(2, 1000, (v) => v.length);
  c.set('a', '1');
  c.set('b', '2');
  assert.equal(c.get('a'), '1'); // a is now the most recently used
  c.set('c', '3');
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), '1');
  assert.equal(c.get('c'), '3');
  assert.deepEqual(c.size, { entries: 2, chars: 4 });
});

test('keeps at most its characters, keys included, and never one over an eighth of them', () => {
  const c = new BoundedCache<string>(100, 80, (v) => v.length);
  c.set('k1', 'x'.repeat(8)); // 10 characters
  c.set('k2', 'y'.repeat(8));
  assert.equal(c.size.chars, 20);
  c.set('big', 'z'.repeat(8)); // 11: over 80 / 8, not kept
  assert.equal(c.get('big'), undefined);
  for (let i = 3; i <= 9; i++) c.set(`k${i}`, 'w'.repeat(8));
  assert.ok(c.size.chars <= 80);
  assert.equal(c.get('k1'), undefined, 'the oldest went first');
  assert.equal(c.get('k9'), 'w'.repeat(8));
});

test('getOrMake makes a value once and then answers from memory; set replaces, delete forgets', () => {
  const c = new BoundedCache<string>(10, 1000, (v) => v.length);
  let made = 0;
  const make = () => {
    made++;
    return 'v';
  };
  assert.equal(c.getOrMake('k', make), 'v');
  assert.equal(c.getOrMake('k', make), 'v');
  assert.equal(made, 1);
  c.set('k', 'longer');
  assert.deepEqual(c.size, { entries: 1, chars: 7 });
  c.delete('k');
  assert.deepEqual(c.size, { entries: 0, chars: 0 });
});
