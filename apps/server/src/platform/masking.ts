import { pgConstraint, pgErrorCode } from './errors.ts';

/** Personal data masking (PIPL): phones as 138****5678, e-mails as z***@example.com, ID numbers as 4401**********1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length < 7) return '****';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

const SECRET_FIELDS = new Set(['password', 'passwordHash', 'currentPassword', 'newPassword', 'token']);
const PHONE_FIELDS = new Set(['phone', 'contactPhone', 'mobile']);
const EMAIL_FIELDS = new Set(['email']);
const ID_FIELDS = new Set(['idNumber', 'idCard']);

/** Masks one field's value for logs and the audit trail. */
export function maskField(field: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(field)) return value == null ? value : '******';
  if (typeof value !== 'string') return value;
  if (PHONE_FIELDS.has(field)) return maskPhone(value);
  if (EMAIL_FIELDS.has(field)) return maskEmail(value);
  if (ID_FIELDS.has(field)) return maskIdNumber(value);
  return value;
}

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g;
const scrub = (text: string) => text.replace(MOBILE, (m) => maskPhone(m) ?? '').replace(ID_NUMBER, (m) => maskIdNumber(m) ?? '');

/**
 * An error as it may be logged (PIPL: no personal data in logs). A failed query's parameters —
 * phones, e-mails, password hashes — are dropped, and a database message that quotes a value is
 * masked; type, code, constraint, the SQL text and the stack frames stay for diagnosis.
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { query?: unknown; params?: unknown; cause?: unknown; code?: unknown };
  const message = 'params' in e && typeof e.query === 'string' ? `Failed query: ${e.query}` : scrub(e.message);
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: e.constructor?.name ?? e.name,
    message,
    code: pgErrorCode(e) ?? (typeof e.code === 'string' ? e.code : undefined),
    constraint: pgConstraint(e),
    stack: [`${e.name}: ${message}`, ...frames].join('\n'),
    ...(e.cause !== undefined && depth < 3 ? { cause: loggableError(e.cause, depth + 1) } : {}),
  };
}
