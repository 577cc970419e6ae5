import {
  targetReportJobParamsSchema,
  targetReportJobSchema,
  targetReportQuerySchema,
  targetReportSchema,
} from '@innotown/contracts/target-report';
import type { App } from '../../platform/http/types.ts';
import { findRender, startRender } from './target-report.jobs.ts';
import { renderReportPdf, reportTitle } from './target-report.pdf.ts';
import { reportData, resolveTown } from './target-report.service.ts';

const tags = ['targets'];
const RULES =
  "Without `town`: the city's report (city admins); a town admin gets their own town's, and naming another town is " +
  'answered 404. Figures are the approved submissions as of the year: series end at the year and progress is computed there.';

export async function targetReportRoutes(app: App) {
  app.get(
    '/api/v1/target-report',
    {
      config: { permission: { resource: 'targetReport', action: 'read' } },
      schema: {
        tags,
        summary: 'The annual report of target monitoring as data (what the PDF shows)',
        description: RULES,
        querystring: targetReportQuerySchema,
        response: { 200: targetReportSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reportData(app.db, request.ctx, request.query);
    },
  );

  // Rendering takes one to a few seconds: the web uses the job below; this answers in the request
  // (for a script or a direct link) and holds the request that long.
  app.get(
    '/api/v1/target-report.pdf',
    {
      config: { permission: { resource: 'targetReport', action: 'read' } },
      schema: {
        tags,
        summary: 'The annual report of target monitoring as a printable PDF (Chinese, charts embedded)',
        description: RULES,
        querystring: targetReportQuerySchema,
      },
    },
    async (request, reply) => {
      const report = await reportData(app.db, request.ctx, request.query);
      const pdf = await renderReportPdf(report);
      const name = `${reportTitle(report)}-${report.year}.pdf`;
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="target-report-${report.year}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .type('application/pdf')
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/target-report/jobs',
    {
      config: { permission: { resource: 'targetReport', action: 'read' } },
      schema: {
        tags,
        summary: 'Start rendering the PDF in the background; poll the job, then download its file',
        description: RULES,
        body: targetReportQuerySchema,
        response: { 202: targetReportJobSchema },
      },
    },
    async (request, reply) => {
      // The town rule is checked now (404 for another town) and again when the worker builds the report.
      const town = await resolveTown(app.db, request.ctx, request.body.town);
      return reply.status(202).send(await startRender(app.db, request.ctx.actor, request.body.year, town?.id ?? null));
    },
  );

  app.get(
    '/api/v1/target-report/jobs/:id',
    {
      config: { permission: { resource: 'targetReport', action: 'read' } },
      schema: {
        tags,
        summary: 'A render job of the caller: status, progress and, when done, the file',
        params: targetReportJobParamsSchema,
        response: { 200: targetReportJobSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return findRender(app.db, request.ctx.actor, request.params.id);
    },
  );
}
