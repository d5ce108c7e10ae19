import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
