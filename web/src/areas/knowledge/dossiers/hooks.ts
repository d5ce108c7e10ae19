import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import { dossierKeys } from './queries.ts';
import type { Dossier } from './types.ts';

export function useDossier(id: string | undefined) {
  return useQuery({
    queryKey: dossierKeys.all('one', id),
    queryFn: () => api<Dossier>(`/dossiers/${id}`),
    enabled: Boolean(id),
  });
}

/** Puts a changed dossier (as the server answered it) in the cache and refreshes the lists. */
export function useDossierChanged() {
  const qc = useQueryClient();
  return (d: Dossier) => {
    qc.setQueryData(dossierKeys.all('one', d.id), d);
    void qc.invalidateQueries({ queryKey: dossierKeys.all(), predicate: (q) => q.queryKey[1] !== 'one' });
  };
}
