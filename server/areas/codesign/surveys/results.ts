import { randomInt } from 'node:crypto';
import { protectCell } from '../../../platform/smallCells.ts';
import type { AnswerRow, QuestionRow } from './repositories/surveys.ts';

/**
 * A survey's results, computed from its answers: per question how many answered, per option (scale:
 * per value, date: per day) the count and its share, the scale's average, the free-text answers
 * without names (shuffled, and only from `minTexts` answers on: fewer could be told apart by their
 * writers), and — in a named survey only — the breakdown by the participants' groups, every cell of
 * 1–4 people hidden (platform/smallCells.ts).
 */
export const minTexts = 5;

export type Dimension = 'district' | 'ageBand' | 'stake';
export const dimensions: readonly Dimension[] = ['district', 'ageBand', 'stake'];

const percent = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 1000) / 10);

function shuffled<T>(list: T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Which option slots an answer counts in (single/multiple: its choices; scale: value − 1). */
function slots(q: QuestionRow, a: AnswerRow): number[] {
  if (q.kind === 'scale') return a.scale ? [a.scale - 1] : [];
  if (q.kind === 'single' || q.kind === 'multiple') return a.choices ?? [];
  return [];
}

function groupOf(a: AnswerRow, d: Dimension): { key: string | null; label: string | null } {
  if (d === 'district') return { key: a.district_id, label: a.district_name };
  if (d === 'ageBand') return { key: a.age_band, label: a.age_band };
  return { key: a.stake, label: a.stake };
}

export function surveyResults(questions: QuestionRow[], answers: AnswerRow[], named: boolean) {
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const a of answers) {
    const list = byQuestion.get(a.question_id) ?? [];
    list.push(a);
    byQuestion.set(a.question_id, list);
  }
  return questions.map((q) => {
    const list = byQuestion.get(q.id) ?? [];
    const n = list.length;
    let labels: string[] = [];
    if (q.kind === 'single' || q.kind === 'multiple') labels = q.options;
    if (q.kind === 'scale') labels = ['1', '2', '3', '4', '5'];
    const counts = labels.map(() => 0);
    for (const a of list)
      for (const s of slots(q, a)) if (s < counts.length) counts[s] = (counts[s] ?? 0) + 1;
    let options = labels.map((label, i) => ({
      label,
      count: counts[i] ?? 0,
      percent: percent(counts[i] ?? 0, n),
    }));
    if (q.kind === 'date') {
      const perDay = new Map<string, number>();
      for (const a of list) if (a.date_value) perDay.set(a.date_value, (perDay.get(a.date_value) ?? 0) + 1);
      options = [...perDay.entries()]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([label, count]) => ({ label, count, percent: percent(count, n) }));
    }
    const scaleSum = q.kind === 'scale' ? list.reduce((s, a) => s + (a.scale ?? 0), 0) : 0;
    const average = q.kind === 'scale' && n > 0 ? Math.round((scaleSum / n) * 100) / 100 : null;
    const texts =
      q.kind === 'text' && n >= minTexts
        ? shuffled(list.map((a) => a.text_value ?? '').filter(Boolean))
        : null;

    const breakdown =
      named && (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale')
        ? dimensions.map((dimension) => {
            const groups = new Map<string, { key: string | null; label: string | null; rows: AnswerRow[] }>();
            for (const a of list) {
              const g = groupOf(a, dimension);
              const id = g.key ?? '';
              const entry = groups.get(id) ?? { ...g, rows: [] };
              entry.rows.push(a);
              groups.set(id, entry);
            }
            return {
              dimension,
              groups: [...groups.values()]
                .sort((x, y) =>
                  x.key === null ? 1 : y.key === null ? -1 : (x.label ?? '').localeCompare(y.label ?? ''),
                )
                .map((g) => {
                  const people = g.rows.length;
                  const cell = protectCell(people, { people });
                  const perSlot = labels.map(() => 0);
                  for (const a of g.rows) for (const s of slots(q, a)) perSlot[s] = (perSlot[s] ?? 0) + 1;
                  return {
                    key: g.key,
                    label: g.label,
                    people: cell.people,
                    // a group too small shows nothing; in a group large enough, each option's cell is one of its own
                    counts: perSlot.map((c) => (cell.suppressed ? null : protectCell(c, { c }).c)),
                    suppressed: cell.suppressed,
                  };
                }),
            };
          })
        : null;

    return {
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
      answered: n,
      options,
      average,
      lowLabel: q.low_label,
      highLabel: q.high_label,
      texts,
      breakdown,
    };
  });
}
export type SurveyResults = ReturnType<typeof surveyResults>;
