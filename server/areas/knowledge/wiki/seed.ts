import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { createPage, savePage } from './commands/savePage.ts';

const day = 86_400_000;

interface DemoPage {
  by: string;
  org?: string;
  title: string;
  visibility: 'public' | 'signed_in' | 'members';
  owner?: string;
  /** days since someone last said "still correct" */
  reviewedDaysAgo: number;
  reviewIntervalDays?: number;
  body: string;
  revisions: { by: string; summary: string; body: string }[];
}

const pages: DemoPage[] = [
  {
    by: 'aylin',
    title: 'Pflegegrad beantragen',
    visibility: 'public',
    reviewedDaysAgo: 30,
    body: `Wer Hilfe im Alltag braucht, kann bei der Pflegekasse einen Pflegegrad beantragen. Die Pflegekasse sitzt bei der Krankenkasse.

## So geht es
1. Bei der Pflegekasse anrufen oder formlos schreiben: „Ich beantrage Leistungen der Pflegeversicherung.“
2. Der Medizinische Dienst meldet sich und kommt zur Begutachtung nach Hause.
3. Innerhalb von 25 Arbeitstagen kommt der Bescheid.

Zur Begutachtung hilft ein Pflegetagebuch. Mit Pflegegrad 1 oder höher gibt es den [[Entlastungsbetrag]].`,
    revisions: [
      {
        by: 'mehmet',
        summary: 'Tipp zur Begutachtung ergänzt',
        body: `Wer Hilfe im Alltag braucht, kann bei der Pflegekasse einen Pflegegrad beantragen. Die Pflegekasse sitzt bei der Krankenkasse.

## So geht es
1. Bei der Pflegekasse anrufen oder formlos schreiben: „Ich beantrage Leistungen der Pflegeversicherung.“ Das Datum des Anrufs zählt als Antragsdatum.
2. Der Medizinische Dienst meldet sich und kommt zur Begutachtung nach Hause.
3. Innerhalb von 25 Arbeitstagen kommt der Bescheid.

Zur Begutachtung hilft ein Pflegetagebuch der letzten zwei Wochen. Eine Angehörige oder ein Angehöriger sollte dabei sein.

Mit Pflegegrad 1 oder höher gibt es den [[Entlastungsbetrag]]. Beratung dazu: [[Wegweiser Pflege]].`,
      },
    ],
  },
  {
    by: 'mehmet',
    title: 'Entlastungsbetrag',
    visibility: 'public',
    reviewedDaysAgo: 60,
    body: `Alle mit einem Pflegegrad bekommen von der Pflegekasse monatlich einen Entlastungsbetrag für Hilfe im Alltag.

Bezahlt werden zum Beispiel:
- Hilfe im Haushalt durch anerkannte Dienste
- Betreuungsgruppen und Tagespflege
- Begleitung zum Einkaufen

Was in einem Jahr nicht genutzt wird, kann bis zum 30. Juni des nächsten Jahres noch verwendet werden.`,
    revisions: [
      {
        by: 'aylin',
        summary: 'Link zum Antrag',
        body: `Alle mit einem Pflegegrad bekommen von der Pflegekasse monatlich einen Entlastungsbetrag für Hilfe im Alltag. Wie man einen Pflegegrad bekommt: [[Pflegegrad beantragen]].

Bezahlt werden zum Beispiel:
- Hilfe im Haushalt durch anerkannte Dienste
- Betreuungsgruppen und Tagespflege
- Begleitung zum Einkaufen

Was in einem Jahr nicht genutzt wird, kann bis zum 30. Juni des nächsten Jahres noch verwendet werden.`,
      },
    ],
  },
  {
    by: 'aylin',
    title: 'Wegweiser Pflege',
    visibility: 'public',
    owner: 'aylin',
    // stale: last checked 200 days ago, every 180 days
    reviewedDaysAgo: 200,
    body: `Wo bekomme ich in Lindenbrück Rat und Hilfe, wenn ein Mensch pflegebedürftig wird?

## Erste Schritte
- [[Pflegegrad beantragen]]
- [[Entlastungsbetrag]] nutzen

## Beratung vor Ort
- Caritas-Beratungsstelle, Pflegeberatung dienstags 9–12 Uhr
- Diakonie-Sozialstation, Hausbesuche nach Absprache`,
    revisions: [
      {
        by: 'mehmet',
        summary: 'Sprechzeiten der Sozialstation',
        body: `Wo bekomme ich in Lindenbrück Rat und Hilfe, wenn ein Mensch pflegebedürftig wird?

## Erste Schritte
- [[Pflegegrad beantragen]]
- [[Entlastungsbetrag]] nutzen
- [[Verhinderungspflege]], wenn pflegende Angehörige eine Pause brauchen

## Beratung vor Ort
- Caritas-Beratungsstelle, Pflegeberatung dienstags 9–12 Uhr
- Diakonie-Sozialstation, Sprechstunde donnerstags 14–16 Uhr und Hausbesuche nach Absprache`,
      },
      {
        by: 'aylin',
        summary: 'Pflegestützpunkt ergänzt',
        body: `Wo bekomme ich in Lindenbrück Rat und Hilfe, wenn ein Mensch pflegebedürftig wird?

## Erste Schritte
- [[Pflegegrad beantragen]]
- [[Entlastungsbetrag]] nutzen
- [[Verhinderungspflege]], wenn pflegende Angehörige eine Pause brauchen

## Beratung vor Ort
- Caritas-Beratungsstelle, Pflegeberatung dienstags 9–12 Uhr
- Diakonie-Sozialstation, Sprechstunde donnerstags 14–16 Uhr und Hausbesuche nach Absprache
- Pflegestützpunkt im Rathaus, Zimmer 104 (barrierefrei über den Seiteneingang)`,
      },
    ],
  },
  {
    by: 'stefan',
    org: 'caritas',
    title: 'Ablauf Pflegeberatung im Team',
    visibility: 'members',
    owner: 'aylin',
    reviewedDaysAgo: 20,
    reviewIntervalDays: 90,
    body: `Nur für das Team der Beratungsstelle.

- Erstgespräch am Telefon, Rückruf innerhalb von zwei Werktagen
- Hausbesuch zu zweit, wenn es um Demenz geht
- Unterlagen nach dem Gespräch im Fachverfahren ablegen

Für Ratsuchende verweisen wir auf den [[Wegweiser Pflege]].`,
    revisions: [
      {
        by: 'aylin',
        summary: 'Vertretung im Urlaub',
        body: `Nur für das Team der Beratungsstelle.

- Erstgespräch am Telefon, Rückruf innerhalb von zwei Werktagen
- Hausbesuch zu zweit, wenn es um Demenz geht
- Unterlagen nach dem Gespräch im Fachverfahren ablegen
- Im Urlaub übernimmt Markus die offenen Fälle; Übergabe am letzten Arbeitstag

Für Ratsuchende verweisen wir auf den [[Wegweiser Pflege]].`,
      },
    ],
  },
];

/**
 * The wiki of the demo town: the network's "Wegweiser Pflege", which Aylin's team at the Caritas keeps
 * current (stale now: its check is overdue), with linked pages on the care grade and the relief
 * amount, one link still to be written ("Verhinderungspflege"), and the Caritas team's members-only
 * page — each with two or three revisions.
 */
export async function seedWiki(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  const ids: Record<string, string> = {};
  let revisions = 0;
  for (const p of pages) {
    const id = await createPage(
      tx,
      ctx(p.by),
      {
        title: p.title,
        body: p.body,
        summary: '',
        organisationId: p.org ? org(p.org) : null,
        visibility: p.visibility,
        ownerId: person(p.owner ?? p.by),
        reviewIntervalDays: p.reviewIntervalDays ?? 180,
      },
      { reviewedAt: new Date(c.now - p.reviewedDaysAgo * day) },
    );
    revisions++;
    let base = 1;
    for (const r of p.revisions) {
      base = await savePage(tx, ctx(r.by), id, base, { title: p.title, body: r.body, summary: r.summary });
      revisions++;
    }
    ids[p.title] = id;
  }
  return {
    wikiPages: Object.keys(ids).length,
    wikiRevisions: revisions,
    wegweiserPflege: ids['Wegweiser Pflege'],
  };
}
