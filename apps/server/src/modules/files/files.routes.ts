import type { MultipartFile } from '@fastify/multipart';
import { idParamsSchema } from '@innotown/contracts/common';
import { fileSchema } from '@innotown/contracts/platform';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { sendStoredFile } from './files.download.ts';
import { FileErrors } from './files.errors.ts';
import { presentFile } from './files.presenter.ts';
import { filePurposes } from './files.purposes.ts';
import * as service from './files.service.ts';

const tags = ['files'];
const uploadFieldsSchema = z.object({ purpose: z.enum(filePurposes) }).strict();

export async function fileRoutes(app: App) {
  app.post(
    '/api/v1/files',
    {
      config: { permission: { resource: 'file', action: 'create' } },
      schema: {
        tags,
        summary: `Upload a file (multipart/form-data: a "purpose" field — ${filePurposes.join(', ')} — and one "file")`,
        consumes: ['multipart/form-data'],
        response: { 201: fileSchema },
      },
    },
    async (request, reply) => {
      const fields: Record<string, string> = {};
      let file: { filename: string; buffer: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          // Reading the stream to its end also enforces the size cap (413).
          const buffer = await (part as MultipartFile).toBuffer();
          if (part.fieldname === 'file' && !file) file = { filename: part.filename, buffer };
          else fields[part.fieldname] = '(file)';
        } else {
          fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        }
      }
      const { purpose } = parseOrThrow(uploadFieldsSchema, fields);
      if (!file) throw new AppError(FileErrors.FILE_MISSING);
      const stored = await service.storeFile(app.db, request.ctx, { purpose, filename: file.filename, buffer: file.buffer });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(presentFile(stored));
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      config: { permission: { resource: 'file', action: 'read' } },
      schema: { tags, summary: 'Metadata of a file I uploaded', params: idParamsSchema, response: { 200: fileSchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return presentFile(await service.getFile(app.db, request.ctx, request.params.id));
    },
  );

  app.get(
    '/api/v1/files/:id/content',
    {
      config: { permission: { resource: 'file', action: 'read' } },
      schema: { tags, summary: 'Download a file (always as an attachment)', params: idParamsSchema },
    },
    async (request, reply) => {
      const file = await service.readFile(app.db, request.ctx, request.params.id);
      return sendStoredFile(reply, file);
    },
  );
}
