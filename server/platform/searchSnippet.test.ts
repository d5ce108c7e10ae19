import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { namedWords, namesAny, snippetOf, snippetWords } from './searchSnippet.ts';

const words = (n: number, w = 'wort') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

describe('search snippet', () => {
  test('a word is named as the web client marks it: itself, inside a compound, or a long one but for its ending', () => {
    const re = namesAny(['Begleitung', 'begleiten', 'Arzt', 'Rat']);
    const names = (w: string) => namedWords(w, re)[0] === true;
    assert.ok(names('begleitung'));
    assert.ok(names('arztbegleitung'), 'inside a compound');
    assert.ok(names('begleitet'), 'a seven-letter term but for its last two letters');
    assert.ok(names('arzt'));
    assert.ok(names('hausarzt'), 'a term of four letters inside a longer word');
    assert.ok(names('rat'));
    assert.ok(!names('rathaus'), 'a term of three letters only as a whole word');
    assert.ok(!names('beglaubigt'));
    assert.ok(names('Arztbegleitung,'), 'a word with its punctuation');
    assert.ok(names('ARZT-Begleitung'), 'in any case');
    assert.deepEqual(namedWords('Die Räume  sind frei', namesAny(['raume'])), [false, true, false, false]);
    assert.deepEqual(namedWords('Straße', namesAny(['strasse'])), [true]);
    // a letter outside the first plane (two UTF-16 units) before a word makes it part of a longer one;
    // a lone low surrogate is no letter, whatever stands before it
    assert.deepEqual(namedWords('a\udcb6rat', namesAny(['Rat'])), [true]);
    assert.deepEqual(namedWords('𝒶rat x-rat 𝒶begleitet', namesAny(['Rat', 'begleiten'])), [
      false,
      true,
      false,
    ]);
  });

  test('names exactly the words a regular expression of the web client’s rule names', () => {
    // the rule as one expression over the folded text (how it was written before the indexOf search)
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .toLowerCase();
    const oracle = (text: string, terms: string[]) => {
      const folded = [...new Set(terms.map(fold))].filter((w) => w.length >= 3);
      const inside = folded.filter((w) => w.length >= 4);
      const whole = folded.filter((w) => w.length < 4);
      const stems = folded.filter((w) => w.length >= 7).map((w) => w.slice(0, -2));
      const parts = [
        ...(inside.length > 0 ? [`(?:${inside.join('|')})`] : []),
        ...(whole.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${whole.join('|')})(?![\\p{L}\\p{N}])`] : []),
        ...(stems.length > 0 ? [`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})`] : []),
      ];
      const t = fold(text);
      const starts = [...t.matchAll(/\S+/gu)].map((m) => m.index);
      const hit = starts.map(() => false);
      if (parts.length === 0) return hit;
      for (const m of t.matchAll(new RegExp(parts.join('|'), 'gu'))) {
        let w = 0;
        while (w + 1 < starts.length && (starts[w + 1] as number) <= m.index) w++;
        hit[w] = true;
      }
      return hit;
    };
    const letters = [
      'a',
      'e',
      'h',
      'i',
      'l',
      'r',
      't',
      'ä',
      'ü',
      'ß',
      'É',
      '1',
      '-',
      ',',
      '𝒶',
      '中',
      ' ',
      '  ',
      '\n',
    ];
    const text = fc.array(fc.constantFrom(...letters), { maxLength: 60 }).map((cs) => cs.join(''));
    const term = fc.array(fc.constantFrom('a', 'e', 'h', 'i', 'l', 'r', 't', 'ä', 'ß'), {
      minLength: 2,
      maxLength: 9,
    });
    fc.assert(
      fc.property(
        text,
        fc.array(
          term.map((cs) => cs.join('')),
          { minLength: 1, maxLength: 4 },
        ),
        (t, terms) => {
          assert.deepEqual(namedWords(t, namesAny(terms)), oracle(t, terms));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('the stretch that names the words, opened a little before them, with … where cut', () => {
    const text = `${words(50)} Hilfe beim Einkaufen ${words(50, 'rest')}`;
    const s = snippetOf(text, namesAny(['Einkauf', 'einkaufen']));
    assert.match(s, /^… wort4[5-9] .* Einkaufen .* …$/);
    assert.equal(s.replace(/^… | …$/g, '').split(' ').length, snippetWords.max);
    assert.ok(s.indexOf('Einkaufen') < s.length / 2, 'the words come early in it');
  });

  test('the stretch with the most of the words wins over the first one', () => {
    const text = `Garten ${words(60)} Garten Rasen Hecke ${words(60, 'x')}`;
    const s = snippetOf(text, namesAny(['Garten', 'Rasen', 'Hecke']));
    assert.match(s, /Garten Rasen Hecke/);
  });

  test('a text that names none of the words gives its start; a short text is whole', () => {
    assert.equal(snippetOf(words(100), namesAny(['Hilfe'])), `${words(snippetWords.start)} …`);
    assert.equal(snippetOf('  Hilfe beim\n Umzug.  ', namesAny(['Hilfe'])), 'Hilfe beim Umzug.');
    assert.equal(snippetOf('', namesAny(['Hilfe'])), '');
  });

  test('a start cut from a longer text loses its last, maybe partial, word and ends in …', () => {
    assert.equal(snippetOf('Hilfe beim Umz', namesAny(['Hilfe']), true), 'Hilfe beim …');
  });
});
