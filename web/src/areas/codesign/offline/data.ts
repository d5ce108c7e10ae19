import type { Static } from '@fastify/type-provider-typebox';
import { useQuery } from '@tanstack/react-query';
import type {
  AssistedView,
  ClaimCodeView,
  KitView,
  MeetingView,
  TallyList,
  TallyView,
} from '../../../../../server/areas/codesign/offline/routes/schema.ts';
import { api } from '../../../app/api.ts';
import type { Page } from '../../../app/types.ts';

/** Offline participation: the shapes of its answers (from the server's schemas), its cache keys and queries. */
export type Assisted = Static<typeof AssistedView>;
export type ClaimCode = Static<typeof ClaimCodeView>;
export type Meeting = Static<typeof MeetingView>;
export type Tally = Static<typeof TallyView>;
export type Tallies = Static<typeof TallyList>;
export type Kit = Static<typeof KitView>;

export const offlineKeys = {
  assisted: (...rest: readonly unknown[]) => ['codesign', 'offline', 'assisted', ...rest] as const,
  meeting: (...rest: readonly unknown[]) => ['codesign', 'offline', 'meeting', ...rest] as const,
  tallies: (...rest: readonly unknown[]) => ['codesign', 'offline', 'tallies', ...rest] as const,
  kit: (...rest: readonly unknown[]) => ['codesign', 'offline', 'kit', ...rest] as const,
};

export const ageBands = ['under_18', '18_29', '30_49', '50_64', '65_79', '80_plus'] as const;
export const stakes = ['service_user', 'relative', 'volunteer', 'staff', 'resident', 'other'] as const;
export const consents = ['in_person', 'paper', 'phone'] as const;

export const projectPath = (projectId: string) => `/mitgestalten/projekte/${encodeURIComponent(projectId)}`;
export const toolPath = (projectId: string, toolId: string) =>
  `${projectPath(projectId)}/werkzeuge/${encodeURIComponent(toolId)}`;
export const assistedPath = (projectId: string) => `${projectPath(projectId)}/mit-unterstuetzung`;
export const paperPath = (projectId: string, toolId: string) => `${toolPath(projectId, toolId)}/papier`;
export const tallyPath = (projectId: string, toolId: string) => `${toolPath(projectId, toolId)}/auszaehlung`;
export const claimPath = '/mitgestalten/uebernehmen';

/** A page of the project's people with recorded consent (facilitators only; others get an error). */
export function useAssisted(
  projectId: string,
  o: { usable?: boolean; offset?: number; enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: offlineKeys.assisted(projectId, o.usable ?? false, o.offset ?? 0),
    queryFn: () =>
      api<Page<Assisted>>(`/codesign/projects/${encodeURIComponent(projectId)}/assisted`, {
        query: { usable: o.usable ? 'true' : undefined, limit: o.usable ? 100 : 20, offset: o.offset ?? 0 },
      }),
    enabled: o.enabled ?? true,
    retry: false,
  });
}

export function useKit(toolId: string) {
  return useQuery({
    queryKey: offlineKeys.kit(toolId),
    queryFn: () => api<Kit>(`/codesign/tools/${encodeURIComponent(toolId)}/kit`),
  });
}

export function useDistrictList() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/districts'),
    select: (d) => d.items,
    retry: false,
    staleTime: 5 * 60_000,
  });
}
