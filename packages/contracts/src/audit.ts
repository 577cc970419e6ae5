import { z } from 'zod';
import { listResponseSchema, paginationQuerySchema } from './common.ts';

export const auditResults = ['success', 'failure', 'denied'] as const;

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(auditResults),
  statusCode: z.number().int().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  userId: z.uuid().optional(),
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(64).optional(),
  result: z.enum(auditResults).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const auditExportQuerySchema = auditListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export const auditListSchema = listResponseSchema(auditEventSchema);
