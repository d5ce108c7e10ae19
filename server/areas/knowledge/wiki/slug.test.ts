import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.ts';

test('slugs transliterate German letters and keep only letters, digits and single hyphens', () => {
  assert.equal(slugify('Wegweiser Pflege'), 'wegweiser-pflege');
  assert.equal(slugify('Straßenfest im Süden'), 'strassenfest-im-sueden');
  assert.equal(slugify('Ärger mit Öl & Übergrößen'), 'aerger-mit-oel-uebergroessen');
  assert.equal(slugify('  Café – Crème brûlée!  '), 'cafe-creme-brulee');
  assert.equal(slugify('§§§'), 'seite');
  const long = slugify('Pflege '.repeat(40));
  assert.ok(long.length <= 120 && !long.endsWith('-'), long);
  assert.match(long, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});
