import type { AuditEvent } from '@innotown/contracts/audit';
import type { AuditRow } from './audit.repository.ts';

export function presentAuditEvent(a: AuditRow): AuditEvent {
  return {
    id: String(a.id),
    occurredAt: a.occurredAt.toISOString(),
    userId: a.userId,
    username: a.username,
    role: a.role,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    result: a.result as AuditEvent['result'],
    statusCode: a.statusCode,
    ip: a.ip,
    requestId: a.requestId,
    changes: a.changes ?? null,
  };
}
