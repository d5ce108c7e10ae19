import type { TFunction } from 'i18next';
import { resourceKinds } from './types.ts';

export function kindOptions(t: TFunction) {
  return resourceKinds.map((k) => ({ value: k, label: t(`sharing.kind.${k}`) }));
}

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
