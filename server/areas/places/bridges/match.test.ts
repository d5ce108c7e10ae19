import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bridgeThemes } from '../../../db/schema.ts';
import { nodeKey, TieGraph } from './distance.ts';
import {
  bridgeCandidates,
  type Candidate,
  choose,
  type Need,
  type Offer,
  type Party,
  weigh,
} from './match.ts';
import { themesIn } from './themes.ts';

const org = (id: string, name: string, sector: Party['sector'], districtId: string | null): Party => ({
  type: 'organisation',
  id,
  name,
  sector,
  districtId,
});
const bakery = org('o1', 'Bäckerei', 'business', 'bahnhof');
const club = org('o2', 'Jugendtreff', 'civil_society', 'weidenau');
const centre = org('o3', 'Nachbarschaftszentrum', 'civil_society', 'lindenhof');
const shop = org('o4', 'Fahrradladen', 'business', 'bahnhof');
const choir: Party = {
  type: 'community',
  id: 'c1',
  name: 'Chor am Markt',
  sector: 'community',
  districtId: null,
};
const band: Party = {
  type: 'community',
  id: 'c2',
  name: 'Band im Keller',
  sector: 'community',
  districtId: null,
};
const k = (p: Party) => nodeKey(p.type, p.id);

const offer = (p: Party, id: string, title: string, f: Partial<Offer> = {}): Offer => ({
  party: k(p),
  type: 'resource',
  id,
  title,
  themes: weigh({ strong: [title], weak: [], kinds: [] }),
  idle: false,
  ...f,
});
const need = (p: Party, id: string, title: string, f: Partial<Need> = {}): Need => ({
  party: k(p),
  type: 'exchange_want',
  id,
  title,
  themes: weigh({ strong: [title], weak: [] }),
  ...f,
});

const room = offer(bakery, 'r1', 'Hinterzimmer', {
  themes: weigh({ strong: ['Hinterzimmer'], weak: [], kinds: ['space'] }),
});
const drill = offer(centre, 'r2', 'Akku-Bohrschrauber');
const baking = need(club, 'w1', 'Raum für den Backnachmittag gesucht');
const workbench = need(shop, 'w2', 'Werkbank gesucht');

function run(o: {
  ties?: [Party, Party][];
  shared?: [Party, Party][];
  offers?: Offer[];
  needs?: Need[];
  parties?: Party[];
}) {
  return bridgeCandidates({
    parties: o.parties ?? [bakery, club, centre, shop],
    graph: new TieGraph((o.ties ?? []).map(([x, y]) => [k(x), k(y)] as const)),
    shareMembers: new Set((o.shared ?? []).flatMap(([x, y]) => [`${k(x)}|${k(y)}`, `${k(y)}|${k(x)}`])),
    offers: o.offers ?? [room, drill],
    needs: o.needs ?? [baking, workbench],
    themes: bridgeThemes,
  });
}
const pairs = (cs: Candidate[]) => cs.map((c) => [c.a.name, c.b.name].sort().join(' ↔ '));

describe('themes: the words that say what a thing is about', () => {
  test('found in compounds and in German and English, folded', () => {
    assert.deepEqual(themesIn('Hinterzimmer der Bäckerei Yilmaz'), ['space', 'food']);
    assert.deepEqual(themesIn('Backnachmittag für die F-Jugend'), ['food', 'children']);
    assert.deepEqual(themesIn('We need a VENUE for our choir'), ['space']);
    assert.deepEqual(themesIn('Übersetzen und Dolmetschen'), ['language']);
  });

  test('a word that must start a word is not found inside another', () => {
    assert.deepEqual(themesIn('Business-Frühstück'), ['food'], 'no bus in Business');
    assert.deepEqual(themesIn('Come back to the hall'), ['space'], 'no baking in back, a hall');
    assert.deepEqual(themesIn('Mit dem Bus zum Ausflug'), ['transport']);
    assert.deepEqual(themesIn('Wir arbeiten gemeinsam'), [], 'no einsam in gemeinsam');
    assert.deepEqual(themesIn('Interessen'), [], 'no essen in Interessen');
  });

  test('strong where the title or the kind says it, weak where only the text does', () => {
    const w = weigh({ strong: ['Kleinbus'], weak: ['Für Ausflüge und zum Kuchen holen'], kinds: ['space'] });
    assert.deepEqual([...w].sort(), [
      ['food', 1],
      ['space', 2],
      ['transport', 2],
    ]);
  });
});

describe('bridge candidates: far apart, and one has what the other seeks', () => {
  test('the bakery’s room fits the youth club’s baking afternoon; the drill fits the workbench', () => {
    const cs = run({});
    assert.deepEqual(pairs(cs), ['Bäckerei ↔ Jugendtreff', 'Fahrradladen ↔ Nachbarschaftszentrum']);
    const c = cs[0]!;
    assert.equal(c.theme, 'space');
    assert.equal(c.offer.title, 'Hinterzimmer');
    assert.equal(c.need.title, 'Raum für den Backnachmittag gesucht');
    assert.equal(c[c.giver].name, 'Bäckerei', 'the giver is the side with the offer');
    assert.equal(c.differentSector, true);
    assert.equal(c.differentDistrict, true);
    assert.equal(c.steps, null, 'not joined at all');
    assert.equal(c.score, 4);
  });

  test('no suggestion for two within two steps; three steps apart is far enough', () => {
    assert.deepEqual(pairs(run({ ties: [[bakery, club]] })), ['Fahrradladen ↔ Nachbarschaftszentrum']);
    assert.deepEqual(
      pairs(
        run({
          ties: [
            [bakery, centre],
            [centre, club],
          ],
        }),
      ),
      ['Fahrradladen ↔ Nachbarschaftszentrum'],
      'bakery – centre – club: two steps',
    );
    const three = run({
      ties: [
        [bakery, shop],
        [shop, centre],
        [centre, club],
      ],
    });
    assert.deepEqual(pairs(three), ['Bäckerei ↔ Jugendtreff']);
    assert.equal(three[0]!.steps, 3);
  });

  test('a shared member is a tie of its own: no suggestion', () => {
    assert.deepEqual(pairs(run({ shared: [[bakery, club]] })), ['Fahrradladen ↔ Nachbarschaftszentrum']);
  });

  test('same sector and same district is not far apart; either difference is', () => {
    const sameBoth = org('o2', 'Jugendtreff', 'business', 'bahnhof');
    assert.deepEqual(pairs(run({ parties: [bakery, sameBoth] })), []);
    const otherDistrict = org('o2', 'Jugendtreff', 'business', 'weidenau');
    assert.deepEqual(pairs(run({ parties: [bakery, otherDistrict] })), ['Bäckerei ↔ Jugendtreff']);
    const noDistrict = org('o2', 'Jugendtreff', 'business', null);
    assert.deepEqual(
      pairs(run({ parties: [bakery, noDistrict] })),
      [],
      'an unknown district is no difference',
    );
  });

  test('nothing in common, or only what both say in passing, is no match', () => {
    const garden = need(club, 'w3', 'Hilfe im Garten');
    assert.deepEqual(pairs(run({ needs: [garden] })), []);
    const weakRoom = offer(bakery, 'r3', 'Kaffeemaschine', {
      themes: weigh({ strong: [], weak: ['Im Raum hinten'] }),
    });
    const weakNeed = need(club, 'w4', 'Hilfe', {
      themes: weigh({ strong: [], weak: ['ein Raum wäre schön'] }),
    });
    assert.deepEqual(pairs(run({ offers: [weakRoom], needs: [weakNeed] })), [], 'weak × weak');
    assert.deepEqual(
      pairs(run({ offers: [weakRoom], needs: [baking] })),
      ['Bäckerei ↔ Jugendtreff'],
      'weak × strong',
    );
  });

  test('the best match of a pair is kept: an idle resource before a busy one', () => {
    const oven = offer(bakery, 'r4', 'Backofen', { idle: true });
    const cs = run({ offers: [room, oven], needs: [baking], parties: [bakery, club] });
    assert.deepEqual(pairs(cs), ['Bäckerei ↔ Jugendtreff']);
    assert.equal(cs[0]!.offer.title, 'Backofen');
    assert.equal(cs[0]!.theme, 'food');
    assert.equal(cs[0]!.score, 5);
  });

  test('pairs rank by score, then an idle offer, then no path at all before a long one, then names', () => {
    const hall = offer(centre, 'r5', 'Saal', { idle: true });
    const tafel = org('o5', 'Tafel', 'social_service', 'nord');
    const cs = run({
      parties: [bakery, club, centre, tafel],
      offers: [room, hall],
      needs: [baking, need(tafel, 'w5', 'Raum für die Ausgabe')],
      ties: [
        [bakery, tafel],
        [tafel, shop],
        [shop, club],
      ],
    });
    assert.deepEqual(pairs(cs), [
      'Jugendtreff ↔ Nachbarschaftszentrum',
      'Nachbarschaftszentrum ↔ Tafel',
      'Bäckerei ↔ Jugendtreff',
    ]);
    assert.deepEqual(
      cs.map((c) => [c.score, c.steps]),
      [
        [5, null],
        [5, null],
        [4, 3],
      ],
    );
  });

  test('communities: with an organisation, never with each other; a community meeting in a place seeks one', () => {
    const placeSought: Need = {
      party: k(choir),
      type: 'community',
      id: choir.id,
      title: choir.name,
      themes: new Map([['space', 1]]),
    };
    const cs = run({
      parties: [bakery, choir, band],
      needs: [placeSought],
      offers: [room, offer(band, 'r9', 'Proberaum')],
    });
    assert.deepEqual(pairs(cs), ['Bäckerei ↔ Chor am Markt']);
    assert.equal(cs[0]!.a.type, 'organisation', 'side a is always the organisation');
    assert.equal(cs[0]!.giver, 'a');
  });

  test('the same town gives the same suggestions, in whatever order it is read', () => {
    const input = {
      ties: [[bakery, shop] as [Party, Party]],
      offers: [room, drill],
      needs: [baking, workbench],
    };
    const once = run(input);
    const again = run({
      ...input,
      parties: [shop, centre, club, bakery],
      offers: [drill, room],
      needs: [workbench, baking],
    });
    assert.deepEqual(again, once);
  });

  test('choose: best first, at most so many waiting per party and per run', () => {
    const tafel = org('o5', 'Tafel', 'social_service', 'nord');
    const school = org('o6', 'Schule', 'education', 'sued');
    const cs = run({
      parties: [bakery, club, centre, tafel, school],
      offers: [room],
      needs: [
        baking,
        need(centre, 'w6', 'Raum gesucht'),
        need(tafel, 'w7', 'Saal gesucht'),
        need(school, 'w8', 'Raum'),
      ],
    });
    assert.equal(cs.length, 4, 'the bakery fits all four');
    const waiting = new Map([[k(club), 1]]);
    const chosen = choose(cs, waiting, 1, 10);
    assert.equal(chosen.length, 1, 'the bakery may have one waiting');
    assert.notEqual(chosen[0]!.b.name, 'Jugendtreff', 'the club has one waiting already');
    assert.equal(waiting.get(k(bakery)), 1, 'counted');
    assert.equal(choose(cs, new Map(), 3, 2).length, 2, 'at most two a run');
    assert.equal(choose(cs, new Map(), 3, 10).length, 3, 'at most three for the bakery');
  });
});
