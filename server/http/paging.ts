import { pageDefaults } from './schemas.ts';

/** Which page of a list a request asks for. */
export interface Paging {
  limit: number;
  offset: number;
}

/**
 * The page a list query (PageQuery) asks for, with the defaults it declares. A list answers it back
 * with its items and their total: `{ items, total, ...page }` (the schema `Page`).
 */
export function paging(q: { limit?: number; offset?: number }): Paging {
  return { limit: q.limit ?? pageDefaults.limit, offset: q.offset ?? pageDefaults.offset };
}
