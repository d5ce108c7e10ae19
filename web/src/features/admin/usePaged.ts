import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import type { Page } from '../../app/types.ts';

/**
 * One page of an admin list, with its own offset, reset to the start when the filters change. `P`: a
 * page with more than the items (e.g. the `confidential` count of the outbox and the audit log).
 */
export function usePaged<T, P extends Page<T> = Page<T>>(
  path: string,
  filters: Record<string, string | undefined>,
  limit = 20,
) {
  const [offset, setOffset] = useState(0);
  const [lastFilters, setLastFilters] = useState(JSON.stringify(filters));
  const key = JSON.stringify(filters);
  if (key !== lastFilters) {
    setLastFilters(key);
    setOffset(0);
  }
  const query = useQuery({
    queryKey: ['admin', path, filters, offset],
    queryFn: () => api<P>(path, { query: { ...filters, limit, offset } }),
    placeholderData: keepPreviousData,
  });
  return { query, setOffset };
}
