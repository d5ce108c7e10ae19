import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { containsPattern } from './like.ts';

test('what a person typed is found literally: %, _ and \\ match only themselves', async () => {
  const db = new PGlite();
  try {
    const matches = async (value: string, typed: string) =>
      (await db.query<{ m: boolean }>('SELECT $1 ILIKE $2 AS m', [value, containsPattern(typed)])).rows[0]!.m;
    assert.equal(await matches('Rabatt 50% im Laden', '50%'), true);
    assert.equal(await matches('Rabatt 500 im Laden', '50%'), false, '% is no wildcard');
    assert.equal(await matches('raum_1', 'M_1'), true);
    assert.equal(await matches('raumX1', 'm_1'), false, '_ is no wildcard');
    assert.equal(await matches('C:\\Daten', ':\\D'), true);
    assert.equal(await matches('C:Daten', ':\\D'), false, 'a backslash escapes nothing');
    assert.equal(await matches('Nachbarschaftshilfe', 'SCHAFT'), true, 'anywhere, any case');
  } finally {
    await db.close();
  }
});
