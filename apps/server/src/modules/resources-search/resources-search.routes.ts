import { resourceSearchQuerySchema, resourceSearchResultSchema } from '@innotown/contracts/resource-search';
import type { App } from '../../platform/http/types.ts';
import { searchResources } from './resources-search.service.ts';

export async function resourceSearchRoutes(app: App) {
  app.get(
    '/api/v1/resources/search',
    {
      config: { rateLimit: 'search', permission: { resource: 'resourceSearch', action: 'read' } },
      schema: {
        tags: ['resources'],
        summary: 'Search the innovation resource database (open API, anonymous callers included)',
        description:
          'One search over instruments, labs, experts and technology results. Chinese words are segmented ' +
          '(jieba with a domain dictionary), so 光谱 finds 光谱仪 and 光谱辐射计; Latin words and model numbers ' +
          '(LED, CNAS, LMS-9000A) match whole or by their parts, model numbers also inside a name (MS-900); the last ' +
          'word may be partial. All words must ' +
          'match. Relevance: resources with every word in the title first, then the other matches, newest first ' +
          'within each group. Anonymous callers see published open ' +
          'resources; signed-in users also members-only ones; owners and admins also their own scope. Facets ' +
          'use the same filters as the items. For very large results `total` is an estimate (`totalIsEstimate`) ' +
          'and facets are scaled from a sample of the matches (`facetsAreEstimate`). ' +
          'Fees are in fen. Unknown parameters or filter values are refused with 400.',
        querystring: resourceSearchQuerySchema,
        response: { 200: resourceSearchResultSchema },
      },
    },
    async (request) => searchResources(app.db, request.ctx, request.query),
  );
}
