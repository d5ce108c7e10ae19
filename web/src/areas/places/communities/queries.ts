import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { District } from '../../../app/types.ts';
import type { Community } from './types.ts';

/** Communities: the keys of every cached answer of the part, one root per resource. */
export const communityKeys = {
  all: ['communities'] as const,
  list: (...rest: readonly unknown[]) => ['communities', 'list', ...rest] as const,
  one: (slug: string, ...rest: readonly unknown[]) => ['communities', 'one', slug, ...rest] as const,
  members: (id: string, ...rest: readonly unknown[]) => ['communities', 'members', id, ...rest] as const,
  requests: (id: string, ...rest: readonly unknown[]) => ['communities', 'requests', id, ...rest] as const,
  threads: (id: string, ...rest: readonly unknown[]) => ['communities', 'threads', id, ...rest] as const,
};

export const communitiesPath = '/raeume/gemeinschaften';
export const communityPath = (slug: string) => `${communitiesPath}/${encodeURIComponent(slug)}`;
export const managePath = (slug: string) => `${communityPath(slug)}/verwalten`;
/** A thread of a community is Wissen's: read and answered on its page. */
export const threadPath = (id: string) => `/wissen/diskussionen/${encodeURIComponent(id)}`;

export function useCommunity(slug: string | undefined) {
  return useQuery({
    queryKey: communityKeys.one(slug ?? ''),
    queryFn: () => api<Community>(`/places/communities/${encodeURIComponent(slug ?? '')}`),
    enabled: Boolean(slug),
  });
}

/** The districts of the town, for the filter and the form. */
export function useDistricts() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: District[] }>('/districts'),
    staleTime: 5 * 60_000,
  });
}
