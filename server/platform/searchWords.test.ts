import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  expandQuery,
  fold,
  maxQueryWords,
  synonymGroups,
  synonymWeight,
  umlautSpelling,
  wordsOf,
} from './searchWords.ts';

const termsOf = (q: string) => expandQuery(q).map((w) => w.terms.map((t) => t.folded));

describe('search words', () => {
  test('folding takes umlauts, accents, ß and case away', () => {
    assert.equal(fold('Einkäufe'), 'einkaufe');
    assert.equal(fold('STRASSE'), fold('Straße'));
    assert.equal(fold('Café Çay Şeker'), 'cafe cay seker');
  });

  test('ae, oe and ue typed for umlauts are also looked for as umlauts', () => {
    assert.equal(umlautSpelling('einkaeufe'), 'einkäufe');
    assert.equal(umlautSpelling('moebel'), 'möbel');
    assert.equal(umlautSpelling('gemuese'), 'gemüse');
    assert.equal(umlautSpelling('feuer'), null);
    assert.equal(umlautSpelling('quelle'), null);
    assert.equal(umlautSpelling('garten'), null);
    const [w] = expandQuery('Einkaeufe');
    assert.deepEqual(
      w?.terms.filter((t) => t.weight === 1).map((t) => t.word),
      ['einkaeufe', 'einkäufe'],
    );
    assert.ok(
      w?.terms.some((t) => t.folded === 'besorgungen'),
      'and its group through the umlaut spelling',
    );
  });

  test('a query is cut into words, filler words dropped unless nothing else is left', () => {
    assert.deepEqual(wordsOf('Ich suche jemanden für die Einkäufe!'), ['einkäufe']);
    assert.deepEqual(wordsOf('Fahrrad-Reparatur, bitte'), ['fahrrad', 'reparatur']);
    assert.deepEqual(wordsOf('die'), ['die']);
    assert.deepEqual(wordsOf('"; DROP TABLE x; --'), ['drop', 'table']);
    assert.deepEqual(wordsOf('Hilfe hilfe HILFE'), ['hilfe']);
    assert.equal(wordsOf('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10').length, maxQueryWords);
  });

  test('a word looks for the everyday words that mean the same, its own form weighing most', () => {
    const [einkauf] = expandQuery('Einkauf');
    assert.ok(einkauf);
    assert.deepEqual(einkauf.terms[0], { shown: 'einkauf', word: 'einkauf', folded: 'einkauf', weight: 1 });
    assert.ok(
      einkauf.terms.some((t) => t.shown === 'Besorgungen'),
      'synonyms are shown as the list writes them',
    );
    const others = einkauf.terms.slice(1);
    assert.ok(others.some((t) => t.folded === 'besorgungen'));
    assert.ok(others.every((t) => t.weight === synonymWeight));
    assert.ok(termsOf('Arztbesuch')[0]?.includes('begleitung'));
    assert.ok(termsOf('Smartphone')[0]?.includes('handy'));
    assert.ok(termsOf('shopping')[0]?.includes('einkauf'), 'English words lead to the German ones');
  });

  test('inflected forms and compounds of a group word find the group', () => {
    assert.ok(termsOf('Besuche')[0]?.includes('gesprach'));
    assert.ok(termsOf('Computerhilfe')[0]?.includes('handy'), 'starts with a group word');
    assert.ok(termsOf('Computerhilfe')[0]?.includes('unterstutzung'), 'ends with one');
    assert.ok(termsOf('Einkaufsbegleitung')[0]?.includes('besorgungen'));
    assert.ok(termsOf('Einkaufsbegleitung')[0]?.includes('arztbesuch'));
  });

  test('short words do not pull in longer ones, and unknown words stay alone', () => {
    assert.deepEqual(termsOf('Rathaus'), [['rathaus']]);
    assert.deepEqual(termsOf('Zebra'), [['zebra']]);
  });

  test('every synonym is a single word of letters, and no word stands in two groups', () => {
    const seen = new Map<string, number>();
    synonymGroups.forEach((g, i) => {
      for (const w of g) {
        assert.match(w, /^[\p{L}\p{N}]+$/u, w);
        assert.ok(!seen.has(fold(w)) || seen.get(fold(w)) === i, `${w} in two groups`);
        seen.set(fold(w), i);
      }
    });
  });
});
