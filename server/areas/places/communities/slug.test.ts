import assert from 'node:assert/strict';
import { test } from 'node:test';
import { communitySlug, slugChoice } from './slug.ts';

const pattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

test('a community’s slug is its name in plain letters, as the column’s CHECK takes it', () => {
  assert.equal(communitySlug('Repair-Café Lindenbrück'), 'repair-cafe-lindenbrueck');
  assert.equal(communitySlug('Frauenfrühstück Am Bahnhof'), 'frauenfruehstueck-am-bahnhof');
  assert.equal(communitySlug('  Straße & Gärten!  '), 'strasse-gaerten');
  assert.equal(communitySlug('🙂🙂🙂'), 'gemeinschaft');
  assert.equal(communitySlug('Neu!'), 'neu-gemeinschaft', 'not the address of the page that makes one');
  const long = communitySlug('Eltern von Kindern mit Behinderung '.repeat(5));
  assert.ok(long.length <= 72 && pattern.test(long), long);
  assert.ok(pattern.test(slugChoice(long, 999)) && slugChoice(long, 999).length <= 80);
  assert.equal(slugChoice('repair-cafe', 1), 'repair-cafe');
  assert.equal(slugChoice('repair-cafe', 2), 'repair-cafe-2');
});
