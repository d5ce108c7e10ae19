import type { TFunction } from 'i18next';
import { organisationKinds, roles, sectors } from '../../app/types.ts';

export const sectorOptions = (t: TFunction) => sectors.map((s) => ({ value: s, label: t(`sector.${s}`) }));
export const kindOptions = (t: TFunction) =>
  organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }));
export const roleOptions = (t: TFunction) => roles.map((r) => ({ value: r, label: t(`role.${r}`) }));
