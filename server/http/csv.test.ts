import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvLine } from './csv.ts';

describe('csvLine', () => {
  test('a cell a spreadsheet would run as a formula starts with an apostrophe', () => {
    const style = { separator: ';', quote: 'needed' } as const;
    assert.equal(csvLine(style, ['=SUM(A1)', '+1', '-2', '@x', 'Saldo']), "'=SUM(A1);'+1;'-2;'@x;Saldo");
  });

  test('quoted only where needed: separators, quotes and line breaks; numbers as they are', () => {
    const style = { separator: ';', quote: 'needed' } as const;
    assert.equal(csvLine(style, ['a;b', 'say "hi"', 'x\ny', -90, 0]), '"a;b";"say ""hi""";"x\ny";-90;0');
  });

  test('quoted always: every text cell, quotes doubled', () => {
    const style = { separator: ',', quote: 'always' } as const;
    assert.equal(csvLine(style, ['Jonas', '', 'a "b"', '=1']), '"Jonas","","a ""b""","\'=1"');
  });
});
