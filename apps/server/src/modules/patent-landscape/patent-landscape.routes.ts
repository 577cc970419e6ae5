import {
  patentLandscapeJobParamsSchema,
  patentLandscapeQuerySchema,
  patentLandscapeReportJobSchema,
  patentLandscapeSchema,
} from '@innotown/contracts/patent-landscape';
import type { App } from '../../platform/http/types.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { filterText, landscapeWorkbook } from './patent-landscape.export.ts';
import { findReportJob, requestSummaryRefresh, startReportJob } from './patent-landscape.jobs.ts';
import { landscapePdf, reportFilename } from './patent-landscape.pdf.ts';
import { landscape, resolveFilter } from './patent-landscape.service.ts';

const tags = ['patents'];
const RULES =
  'Public: patents are public records. Filters: town (id), industry (a code of the IPC ↔ GB/T 4754-2017 concordance), ' +
  'ipc (a prefix: F21V, F21V29/, F21V 29/70), applicant (exact name), from/to (years; default the last ten). ' +
  'Filings count by application year, grants by grant year; the other charts count patents filed in the period.';

export async function patentLandscapeRoutes(app: App) {
  const onStale = (lastMark: number) => requestSummaryRefresh(app.db, lastMark);

  app.get(
    '/api/v1/patent-landscape',
    {
      config: { permission: { resource: 'patentLandscape', action: 'read' } },
      schema: {
        tags,
        summary: 'Patent landscape: every chart of the analysis for one filter',
        description: RULES,
        querystring: patentLandscapeQuerySchema,
        response: { 200: patentLandscapeSchema },
      },
    },
    async (request) => landscape(app.db, request.query, { onStale }),
  );

  app.get(
    '/api/v1/patent-landscape/export.xlsx',
    {
      config: { permission: { resource: 'patentLandscape', action: 'export' } },
      schema: {
        tags,
        summary: 'The landscape of a filter as an Excel workbook (one sheet per chart)',
        description: `${RULES} Signed-in users.`,
        querystring: patentLandscapeQuerySchema,
      },
    },
    async (request, reply) => {
      const l = await landscape(app.db, request.query, { onStale });
      const ascii = `patent-landscape-${l.filter.from}-${l.filter.to}.xlsx`;
      return sendWorkbook(reply, await landscapeWorkbook(l), `专利分析-${filterText(l.filter).replaceAll(' · ', '-')}.xlsx`, ascii);
    },
  );

  // Rendering takes one to a few seconds: the web uses the job below; this answers in the request.
  app.get(
    '/api/v1/patent-landscape/report.pdf',
    {
      config: { permission: { resource: 'patentLandscape', action: 'export' } },
      schema: {
        tags,
        summary: 'The landscape report of a town or an industry as a PDF (Chinese, charts embedded)',
        description: `${RULES} Signed-in users.`,
        querystring: patentLandscapeQuerySchema,
      },
    },
    async (request, reply) => {
      const l = await landscape(app.db, request.query, { onStale });
      const pdf = await landscapePdf(l);
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="patent-landscape-${l.filter.from}-${l.filter.to}.pdf"; filename*=UTF-8''${encodeURIComponent(reportFilename(l))}`,
        )
        .type('application/pdf')
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/patent-landscape/report-jobs',
    {
      config: { permission: { resource: 'patentLandscape', action: 'export' } },
      schema: {
        tags,
        summary: 'Start rendering the PDF report in the background; poll the job, then download its file',
        description: RULES,
        body: patentLandscapeQuerySchema,
        response: { 202: patentLandscapeReportJobSchema },
      },
    },
    async (request, reply) => {
      await resolveFilter(app.db, request.body); // a missing town is 404 now, not a failed job later
      return reply.status(202).send(await startReportJob(app.db, request.ctx.actor, request.body));
    },
  );

  app.get(
    '/api/v1/patent-landscape/report-jobs/:id',
    {
      config: { permission: { resource: 'patentLandscape', action: 'export' } },
      schema: {
        tags,
        summary: 'A report job of the caller: status, progress and, when done, the file',
        params: patentLandscapeJobParamsSchema,
        response: { 200: patentLandscapeReportJobSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return findReportJob(app.db, request.ctx.actor, request.params.id);
    },
  );
}
