import type { TFunction } from 'i18next';
import type { Dimension } from './types.ts';

/** A group's name in the reader's words: a stake or age band from the texts, a language by Intl, a district by the server's label. */
export function groupLabel(
  t: TFunction,
  language: string,
  dimension: Dimension,
  value: string | null,
  label: string | null = null,
): string {
  if (value === null) return t('codesignAccountability.reach.notStated');
  if (dimension === 'district') return label ?? value;
  if (dimension === 'language') {
    try {
      return new Intl.DisplayNames([language], { type: 'language' }).of(value) ?? value;
    } catch {
      return value;
    }
  }
  return t(`codesignAccountability.groups.${dimension}.${value}`);
}

/** 0.253 → "25 %" */
export const percent = (share: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
