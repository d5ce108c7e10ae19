import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api } from '../../app/api.ts';
import type { District } from '../../app/types.ts';
import { sharingKeys } from './queries.ts';
import { type Resource, resourceKinds } from './types.ts';

export function kindOptions(t: TFunction) {
  return resourceKinds.map((k) => ({ value: k, label: t(`sharing.kind.${k}`) }));
}

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export function useResource(id: string | undefined) {
  return useQuery({
    queryKey: sharingKeys.resource(id),
    queryFn: () => api<Resource>(`/resources/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function districtName(districts: District[] | undefined, id: string | null): string | null {
  if (!id) return null;
  return districts?.find((d) => d.id === id)?.name ?? null;
}
