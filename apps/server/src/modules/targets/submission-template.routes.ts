import type { MultipartFile } from '@fastify/multipart';
import { submissionImportFieldsSchema, submissionTemplateQuerySchema } from '@innotown/contracts/submission-template';
import { submissionSchema } from '@innotown/contracts/targets';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { FileErrors } from '../files/files.errors.ts';
import { importTemplate, templateWorkbook } from './submission-template.ts';
import { presentSubmission } from './targets.presenter.ts';

const tags = ['targets'];

/** The statistics template of a period (xlsx) and its upload into the town's draft. */
export async function submissionTemplateRoutes(app: App) {
  app.get(
    '/api/v1/statistic-submissions/template',
    {
      config: { permission: { resource: 'statisticSubmission', action: 'read' } },
      schema: {
        tags,
        summary:
          'The Excel template of a period for a town (a town admin: their own; the city names townId): one row per statistic ' +
          'with code, name, unit, last year’s approved value, the value and an explanation (prefilled from the draft)',
        querystring: submissionTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const { buffer, filename } = await templateWorkbook(app.db, request.ctx, request.query.periodId, request.query.townId);
      return sendWorkbook(reply, buffer, filename);
    },
  );

  app.post(
    '/api/v1/statistic-submissions/import',
    {
      config: { rateLimit: 'import', permission: { resource: 'statisticSubmission', action: 'save' } },
      schema: {
        tags,
        summary:
          'Upload the filled template (multipart: "periodId", "file"): every row is checked with the form’s rules; the draft is ' +
          'saved with all rows or, on any problem, nothing is saved and the 422 answer carries a row-by-row report in error.details.report',
        consumes: ['multipart/form-data'],
        response: { 200: submissionSchema },
      },
    },
    async (request) => {
      const fields: Record<string, string> = {};
      let buffer: Buffer | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const content = await (part as MultipartFile).toBuffer();
          if (part.fieldname === 'file' && !buffer) buffer = content;
          else fields[part.fieldname] = '(file)';
        } else fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
      const { periodId, townId } = parseOrThrow(submissionImportFieldsSchema, fields);
      if (!buffer) throw new AppError(FileErrors.FILE_MISSING);
      return presentSubmission(await importTemplate(app.db, request.ctx, { periodId, townId, buffer }));
    },
  );
}
