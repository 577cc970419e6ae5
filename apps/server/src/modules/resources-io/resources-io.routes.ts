import type { MultipartFile } from '@fastify/multipart';
import type { ResourceImportReport } from '@innotown/contracts/resource-import';
import {
  RESOURCE_EXPORT_MAX_ROWS,
  resourceImportFieldsSchema,
  resourceImportReportBodySchema,
  resourceImportResultSchema,
  resourceKindParamsSchema,
  resourceTemplateQuerySchema,
} from '@innotown/contracts/resource-import';
import { resourceSearchQuerySchema } from '@innotown/contracts/resource-search';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { FileErrors } from '../files/files.errors.ts';
import { contentDisposition } from '../files/files.purposes.ts';
import { presentExportRow, presentImportResult } from './resources-io.presenter.ts';
import * as service from './resources-io.service.ts';
import { exportXlsx, reportXlsx, templateCsv, templateXlsx } from './resources-io.sheets.ts';

const tags = ['resources'];
const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');

/** Templates, the all-or-nothing import with its report, and the export of a search result. */
export async function resourceIoRoutes(app: App) {
  app.get(
    '/api/v1/resources/templates/:kind',
    {
      config: { permission: { resource: 'resourceImport', action: 'template' } },
      schema: {
        tags,
        summary: 'The import template of a resource kind (xlsx with a guide sheet and drop-down lists, or a csv header)',
        params: resourceKindParamsSchema,
        querystring: resourceTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      reply.header('cache-control', 'no-store');
      if (request.query.format === 'csv') {
        return reply
          .header('content-disposition', contentDisposition(`resource-template-${kind}.csv`))
          .type('text/csv; charset=utf-8')
          .send(templateCsv(kind));
      }
      return sendWorkbook(reply, await templateXlsx(kind), `resource-template-${kind}.xlsx`);
    },
  );

  app.post(
    '/api/v1/resources/import',
    {
      config: { rateLimit: 'import', permission: { resource: 'resourceImport', action: 'create' } },
      schema: {
        tags,
        summary:
          'Import resources of one kind from an .xlsx or .csv file (multipart: "kind", "file", city admins also "institutionId"). ' +
          'Every row is checked; either all rows load as drafts, in one transaction, or none do and the answer ' +
          '(422/415/413) carries a row-by-row report in error.details.report. The type is judged by content.',
        consumes: ['multipart/form-data'],
        response: { 201: resourceImportResultSchema },
      },
    },
    async (request, reply) => {
      const fields: Record<string, string> = {};
      let file: { filename: string; buffer: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const buffer = await (part as MultipartFile).toBuffer();
          if (part.fieldname === 'file' && !file) file = { filename: part.filename, buffer };
          else fields[part.fieldname] = '(file)';
        } else {
          fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        }
      }
      const { kind, institutionId } = parseOrThrow(resourceImportFieldsSchema, fields);
      if (!file) throw new AppError(FileErrors.FILE_MISSING);
      const result = await service.importResources(app.db, request.ctx, { kind, institutionId, ...file });
      return reply.status(201).send(presentImportResult(result));
    },
  );

  app.post(
    '/api/v1/resources/import/report',
    {
      config: { permission: { resource: 'resourceImport', action: 'create' } },
      schema: {
        tags,
        summary: 'An import report (as the import answered it) rendered as an .xlsx download',
        body: resourceImportReportBodySchema,
      },
    },
    async (request, reply) =>
      sendWorkbook(reply, await reportXlsx(request.body as ResourceImportReport), `resource-import-report-${stamp()}.xlsx`),
  );

  app.get(
    '/api/v1/resources/export',
    {
      config: { permission: { resource: 'resourceExport', action: 'read' } },
      schema: {
        tags,
        summary: `Export a search result as .xlsx (the search's parameters and visibility; at most ${RESOURCE_EXPORT_MAX_ROWS} rows, more → 422)`,
        querystring: resourceSearchQuerySchema,
      },
    },
    async (request, reply) => {
      const rows = await service.exportResources(app.db, request.ctx.actor, request.query);
      const note =
        `导出时间 ${new Date().toISOString()}；共 ${rows.length} 条；筛选条件 ${JSON.stringify(request.query)}。` +
        ` Exported ${rows.length} rows; filters as shown. Fees and values in yuan.`;
      return sendWorkbook(reply, await exportXlsx(rows.map(presentExportRow), note), `resources-${stamp()}.xlsx`);
    },
  );
}
