import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import { useSession } from '../../../app/session.tsx';
import type { Project } from './types.ts';

/** Projects: the keys of every cached answer of the part, one root per resource. */
export const projectKeys = {
  projects: (...rest: readonly unknown[]) => ['codesign', 'projects', ...rest] as const,
  project: (...rest: readonly unknown[]) => ['codesign', 'project', ...rest] as const,
  timeline: (...rest: readonly unknown[]) => ['codesign', 'timeline', ...rest] as const,
  participants: (...rest: readonly unknown[]) => ['codesign', 'participants', ...rest] as const,
  tool: (...rest: readonly unknown[]) => ['codesign', 'tool', ...rest] as const,
};

export const codesignPath = '/mitgestalten';
export const projectPath = (id: string) => `${codesignPath}/projekte/${id}`;
export const managePath = (id: string) => `${codesignPath}/projekte/${id}/verwalten`;
export const toolPath = (projectId: string, toolId: string) =>
  `${codesignPath}/projekte/${projectId}/werkzeuge/${toolId}`;
export const joinLinkUrl = (secret: string) => `${window.location.origin}${codesignPath}/beitreten#${secret}`;

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.project(id),
    queryFn: () => api<Project>(`/codesign/projects/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** The organisations the person starts projects for: those they are staff or admin of. */
export function useOrganisingFor() {
  const { session } = useSession();
  return (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
}
