import { Readable } from 'node:stream';
import { auditExportQuerySchema, auditListQuerySchema, auditListSchema } from '@innotown/contracts/audit';
import { recordAudit } from '../../platform/audit.ts';
import type { App } from '../../platform/http/types.ts';
import { limitOffset, listOf } from '../../platform/pagination.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { csvChunks, xlsxStream } from './audit.export.ts';
import { presentAuditEvent } from './audit.presenter.ts';
import * as repo from './audit.repository.ts';

const tags = ['audit'];

export async function auditRoutes(app: App) {
  app.get(
    '/api/v1/audit-events',
    {
      config: { permission: { resource: 'auditEvent', action: 'list' } },
      schema: { tags, summary: 'Search the audit log', querystring: auditListQuerySchema, response: { 200: auditListSchema } },
    },
    async (request, reply) => {
      const { page: _p, pageSize: _s, ...filters } = request.query;
      const { limit, offset } = limitOffset(request.query);
      const { items, total } = await repo.listAuditEvents(app.db, filters, limit, offset);
      reply.header('cache-control', 'no-store');
      return listOf(items.map(presentAuditEvent), total, request.query);
    },
  );

  app.get(
    '/api/v1/audit-events/export',
    {
      config: { permission: { resource: 'auditEvent', action: 'export' } },
      schema: { tags, summary: 'Export matching audit events as Excel or CSV', querystring: auditExportQuerySchema },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      // Exports of personal data are themselves audited.
      await recordAudit(app.db, request.ctx, {
        action: 'audit_event.export',
        targetType: 'auditEvent',
        result: 'success',
        statusCode: 200,
        changes: { format, filters },
      });
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
      const batches = repo.iterateAuditEvents(app.db, filters);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        reply.header('content-disposition', `attachment; filename="audit-${stamp}.csv"`).type('text/csv; charset=utf-8');
        return reply.send(Readable.from(csvChunks(batches)));
      }
      return sendWorkbook(reply, xlsxStream(batches), `audit-${stamp}.xlsx`);
    },
  );
}
