import type { TFunction } from 'i18next';

/** The name of an account as people say it (the pool is named in the user's language). */
export function accountName(t: TFunction, a: { ownerType: string; name: string | null }): string {
  return a.ownerType === 'pool' ? t('timebank.pool') : (a.name ?? '–');
}

/**
 * What a transfer was for: its memo, or for a care-circle credit (which carries none, so that nobody
 * outside the circle reads what the help was) a neutral name in the reader's language.
 */
export function transferMemo(t: TFunction, memo: string, sourceType: string | null | undefined): string {
  if (memo) return memo;
  return sourceType === 'need' ? t('timebank.needCredit') : '';
}
