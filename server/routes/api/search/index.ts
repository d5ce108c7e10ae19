import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { paging } from '../../../http/paging.ts';
import { forbidden, Problem } from '../../../http/problem.ts';
import { literals, PageQuery, problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { isSearchType, search, searchTypes } from '../../../platform/search.ts';
import { networkPolicy } from '../../../policies/network.ts';

const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200 }),
    /** one type or several separated by commas, e.g. "service,exchange_offer" */
    type: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}(,[a-z][a-z0-9_]{0,39}){0,19}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const SearchType = literals(searchTypes);

export const SearchHit = Type.Object({
  /** what it is for the person searching: the filter and its label */
  type: SearchType,
  /** the thing as flags name it */
  entityType: Type.String(),
  entityId: Type.String(),
  title: Type.String(),
  /** a piece of its text around the words found (plain text) */
  snippet: Type.String(),
  link: Type.String(),
});

export const SearchResults = Type.Object({
  items: Type.Array(SearchHit),
  /** matches within the chosen types */
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** matches of each type, whatever types were chosen; types without a match are left out */
  types: Type.Array(Type.Object({ type: SearchType, count: Type.Integer() })),
  /** the total and the counts are lower bounds: the words are in so many entries that only the best were counted */
  moreThanCounted: Type.Boolean(),
  /** the words looked for, the query's own and those that mean the same (to highlight them) */
  terms: Type.Array(Type.String()),
});

/**
 * Search over everything of every area that the asking person may see: German and English, parts
 * of compound words, typos and everyday synonyms (platform/search.ts).
 */
export async function searchRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const preparedPlans = app.deps.db.preparedPlans?.db;
  const networkId = app.deps.network.id;

  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/',
    {
      schema: {
        tags: ['search'],
        summary: 'Search what every area makes visible to me',
        description:
          `Types: ${searchTypes.join(', ')}. Content hidden by moderators or run out is never found; ` +
          'what only people signed in or an organisation’s members may see is found only by them. ' +
          'Support circles are never indexed.',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...problems },
      },
    },
    async (req) => {
      if (!networkPolicy.search(req.actor)) throw forbidden();
      const q = requiredText(req.query.q, 'querystring:/q', 400);
      const types = req.query.type?.split(',') ?? [];
      if (!types.every(isSearchType))
        throw new Problem(400, 'validation', {
          fields: [{ field: 'querystring:/type', code: 'field.invalid' }],
        });
      const page = paging(req.query);
      const found = await search(db, networkId, q, { actor: req.actor, types, preparedPlans, ...page });
      const { hits, total, types: counts, moreThanCounted, terms } = found;
      return { items: hits, total, ...page, types: counts, moreThanCounted, terms };
    },
  );
}
