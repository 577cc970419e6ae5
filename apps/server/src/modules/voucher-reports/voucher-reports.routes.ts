import { voucherReportQuerySchema, voucherReportSchema } from '@innotown/contracts/voucher-reports';
import type { App } from '../../platform/http/types.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { voucherReportWorkbook } from './voucher-reports.export.ts';
import * as service from './voucher-reports.service.ts';

const tags = ['voucher-reports'];
const RULES =
  'The cohort is the vouchers awarded in the period (all time without one), followed to today; applications are those ' +
  'submitted in the period. A town admin sees only the vouchers, applications and reservations of its own enterprises. ' +
  'Figures are defined in docs/voucher-reports.md.';

export async function voucherReportRoutes(app: App) {
  app.get(
    '/api/v1/voucher-reports',
    {
      config: { permission: { resource: 'voucherReport', action: 'read' } },
      schema: {
        tags,
        summary: 'Innovation-voucher figures per programme, town, provider or service category, and decline reasons',
        description: RULES,
        querystring: voucherReportQuerySchema,
        response: { 200: voucherReportSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.report(app.db, request.ctx, request.query);
    },
  );

  app.get(
    '/api/v1/voucher-reports/export.xlsx',
    {
      config: { permission: { resource: 'voucherReport', action: 'export' } },
      schema: {
        tags,
        summary: 'The same report as an Excel workbook: one sheet per grouping, then the decline reasons',
        description: `${RULES} The groupBy parameter is accepted and ignored: the workbook has every grouping.`,
        querystring: voucherReportQuerySchema,
      },
    },
    async (request, reply) => {
      const { report, groupings } = await service.fullReport(app.db, request.ctx, request.query);
      const file = await voucherReportWorkbook(report, groupings);
      const stamp = new Date().toISOString().slice(0, 10);
      return sendWorkbook(reply, file, `创新券统计-${stamp}.xlsx`, `voucher-report-${stamp}.xlsx`);
    },
  );
}
