import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Organisation, Page } from '../../app/types.ts';

const pageSize = 100; // the API's largest page

/**
 * Every organisation of the network, for the pickers that name one (a partner of an opportunity,
 * where hours were given, a time-bank counterpart). The API pages at 100, so this reads page after
 * page: a town has hundreds of organisations, and the 101st must be choosable too.
 */
export function useAllOrganisations() {
  return useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: async () => {
      const items: Organisation[] = [];
      for (let offset = 0; ; offset += pageSize) {
        const page = await api<Page<Organisation>>('/organisations', { query: { limit: pageSize, offset } });
        items.push(...page.items);
        if (page.items.length < pageSize || items.length >= page.total) break;
      }
      return { items };
    },
    staleTime: 5 * 60_000,
  });
}
