import { idParamsSchema } from '@innotown/contracts/common';
import {
  PATENT_EXPORT_MAX_ROWS,
  patentDetailSchema,
  patentEventCreateSchema,
  patentEventSchema,
  patentSearchQuerySchema,
  patentSearchResultSchema,
  portfolioQuerySchema,
  portfolioSchema,
} from '@innotown/contracts/patent-search';
import type { App } from '../../platform/http/types.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { patentWorkbook } from './patent-search.export.ts';
import * as service from './patent-search.service.ts';

const tags = ['patents'];
const SEARCH =
  'Patent bibliographic data is public information: anyone may search and open a patent. Words (q) are ' +
  'segmented with jieba and a domain dictionary and must all match in title, abstract or claims; relevance puts ' +
  'patents with every word in the title first, newest application first within each group. `query` takes the ' +
  'expert syntax (AND/OR/NOT, parentheses, TI AB CL TX PA IN LS TOWN AD PD GD IPC KIND); a malformed query is a ' +
  '400 PATENT_QUERY_INVALID with `details.position`/`details.length` (0-based UTF-16 offsets) and the parser’s ' +
  'zh/en message in `details.fields[0]`. Each facet is counted with every other filter, not its own. Above ' +
  '2,000 matches `total` and the facets are estimates from a sample of the table (`totalIsEstimate`, `facetsAreEstimate`).';

export async function patentSearchRoutes(app: App) {
  app.get(
    '/api/v1/patents/search',
    {
      config: { rateLimit: 'search', permission: { resource: 'patentSearch', action: 'read' } },
      schema: {
        tags,
        summary: 'Search the patent database (public)',
        description: SEARCH,
        querystring: patentSearchQuerySchema,
        response: { 200: patentSearchResultSchema },
      },
    },
    async (request) => service.searchPatents(app.db, request.query),
  );

  app.get(
    '/api/v1/patents/export',
    {
      config: { permission: { resource: 'patentSearch', action: 'export' } },
      schema: {
        tags,
        summary: `Export a search result as .xlsx (signed in; at most ${PATENT_EXPORT_MAX_ROWS} rows, more → 422; audited)`,
        querystring: patentSearchQuerySchema,
      },
    },
    async (request, reply) => {
      const rows = await service.exportPatents(app.db, request.ctx, request.query);
      const note =
        `导出时间 ${new Date().toISOString()}；共 ${rows.length} 条；检索条件 ${JSON.stringify(request.query)}。` +
        ` Exported ${rows.length} patents; search as shown.`;
      const stamp = new Date().toISOString().slice(0, 10);
      return sendWorkbook(reply, await patentWorkbook(rows, note), `专利检索-${stamp}.xlsx`, `patents-${stamp}.xlsx`);
    },
  );

  app.get(
    '/api/v1/patents/portfolio',
    {
      config: { permission: { resource: 'patentPortfolio', action: 'read' } },
      schema: {
        tags,
        summary: 'An enterprise’s patents with status, expiry and annual-fee dates, and the fees coming due',
        description:
          'An enterprise sees its own patents (current owner); a town admin those of an enterprise of its town, the ' +
          'city any enterprise’s (enterpriseId); an enterprise outside the caller’s scope is 404. Term from the ' +
          'application date (invention 20 years, utility model 10, design 10 if filed before 2021-06-01 else 15); ' +
          'annual fees due on each filing anniversary after the grant year, 6 months’ grace with a surcharge. Fees in fen.',
        querystring: portfolioQuerySchema,
        response: { 200: portfolioSchema },
      },
    },
    async (request) => service.portfolio(app.db, request.ctx, request.query),
  );

  app.get(
    '/api/v1/patents/:id',
    {
      config: { permission: { resource: 'patent', action: 'read' } },
      schema: {
        tags,
        summary: 'One patent: bibliographic data, legal-status events and its timeline (public)',
        params: idParamsSchema,
        response: { 200: patentDetailSchema },
      },
    },
    async (request) => service.patentDetail(app.db, request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/patents/:id/events',
    {
      config: { permission: { resource: 'patent', action: 'recordEvent' } },
      schema: {
        tags,
        summary: 'Record a legal-status event (city admin); the patent’s status moves with it',
        description:
          'Allowed: published (pending), granted (pending → granted), lapsed (granted → lapsed), restored (lapsed → ' +
          'granted), invalidated (granted or lapsed → invalidated), expired (granted → expired, only after the term). ' +
          'The date may not be before the application date or the current status’s date, nor in the future.',
        params: idParamsSchema,
        body: patentEventCreateSchema,
        response: { 201: patentEventSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.recordEvent(app.db, request.ctx, request.params.id, request.body)),
  );
}
