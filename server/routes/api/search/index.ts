import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { paging } from '../../../http/paging.ts';
import { forbidden } from '../../../http/problem.ts';
import { Page, PageQuery, problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { search } from '../../../platform/search.ts';
import { networkPolicy } from '../../../policies/network.ts';

const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200 }),
    /** one entity type or several separated by commas, e.g. "organisation,wiki_page" */
    type: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,39}(,[a-z][a-z0-9_.-]{0,39}){0,9}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const SearchHit = Type.Object({
  entityType: Type.String(),
  entityId: Type.String(),
  title: Type.String(),
  snippet: Type.String(),
  link: Type.String(),
});

/** Full-text search (German and English, tolerant of typos) over the network's public content. */
export async function searchRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/',
    {
      schema: {
        tags: ['search'],
        summary: 'Search public content of every area',
        description: 'Content hidden by moderators is never found. Private content is never indexed.',
        querystring: SearchQuery,
        response: { 200: Page(SearchHit), ...problems },
      },
    },
    async (req) => {
      if (!networkPolicy.search(req.actor)) throw forbidden();
      const q = requiredText(req.query.q, 'querystring:/q', 400);
      const page = paging(req.query);
      const { hits, total } = await search(db, networkId, q, {
        types: req.query.type?.split(','),
        ...page,
      });
      return { items: hits, total, ...page };
    },
  );
}
