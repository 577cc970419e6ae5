import {
  PATENT_IMPORT_MAX_BYTES,
  patentImportListSchema,
  patentImportParamsSchema,
  patentImportSchema,
  patentImportTemplateQuerySchema,
} from '@innotown/contracts/patent-import';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { sendStoredFile, sendWorkbook } from '../files/files.download.ts';
import { FileErrors } from '../files/files.errors.ts';
import { contentDisposition } from '../files/files.purposes.ts';
import { presentImport } from './patent-import.presenter.ts';
import * as service from './patent-import.service.ts';
import { templateCsv, templateXlsx } from './patent-import.sheets.ts';

const tags = ['patents'];

/** Patent import (city admins): template, upload → job, progress, row-by-row report. */
export async function patentImportRoutes(app: App) {
  app.get(
    '/api/v1/patent-imports/template',
    {
      config: { permission: { resource: 'patentImport', action: 'template' } },
      schema: {
        tags,
        summary: 'The patent import template (xlsx with a guide sheet, or a CSV header)',
        querystring: patentImportTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      if (request.query.format === 'csv') {
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', contentDisposition('专利导入模板.csv', 'patent-import-template.csv'))
          .type('text/csv; charset=utf-8')
          .send(templateCsv());
      }
      return sendWorkbook(reply, await templateXlsx(), '专利导入模板.xlsx', 'patent-import-template.xlsx');
    },
  );

  app.post(
    '/api/v1/patent-imports',
    {
      config: { rateLimit: 'import', permission: { resource: 'patentImport', action: 'create' } },
      schema: {
        tags,
        summary:
          `Upload a patent file (multipart "file": CSV in UTF-8 or GBK, .xlsx, or ST.36 XML; at most ${PATENT_IMPORT_MAX_BYTES / 1024 / 1024} MB, ` +
          'type judged by content). Answers 202 with the queued import; poll GET /api/v1/patent-imports/{id}. All or nothing per file.',
        consumes: ['multipart/form-data'],
        response: { 202: patentImportSchema },
      },
    },
    async (request, reply) => {
      const part = await request.file({ limits: { fileSize: PATENT_IMPORT_MAX_BYTES + 1, files: 1 } });
      if (part?.fieldname !== 'file') throw new AppError(FileErrors.FILE_MISSING);
      const buffer = await part.toBuffer();
      const row = await service.startUpload(app.db, request.ctx, { filename: part.filename, buffer });
      return reply.status(202).send(presentImport(row));
    },
  );

  app.get(
    '/api/v1/patent-imports',
    {
      config: { permission: { resource: 'patentImport', action: 'read' } },
      schema: { tags, summary: 'The latest 20 patent imports', response: { 200: patentImportListSchema } },
    },
    async (request) => ({ items: (await service.listImports(app.db, request.ctx)).map((r) => presentImport(r)) }),
  );

  app.get(
    '/api/v1/patent-imports/:id',
    {
      config: { permission: { resource: 'patentImport', action: 'read' } },
      schema: {
        tags,
        summary: 'One import: status, progress (bytes read), counts, the first issues',
        params: patentImportParamsSchema,
        response: { 200: patentImportSchema },
      },
    },
    async (request) => {
      const { row, issues } = await service.getImport(app.db, request.ctx, request.params.id);
      return presentImport(row, issues);
    },
  );

  app.get(
    '/api/v1/patent-imports/:id/report',
    {
      config: { permission: { resource: 'patentImport', action: 'read' } },
      schema: { tags, summary: 'The row-by-row report of a refused import (xlsx, zh/en)', params: patentImportParamsSchema },
    },
    async (request, reply) => sendStoredFile(reply, await service.reportOf(app.db, request.ctx, request.params.id)),
  );
}
