import type { FieldError } from '@innotown/contracts/common';

/**
 * Domain code throws AppError with a code; only the HTTP edge (http-errors.ts) turns the code
 * into a status. Jobs and the CLI reuse services and see the same codes.
 */
export type ErrorDefinition = { status: number; zh: string; en: string };

const registry = new Map<string, ErrorDefinition>();

export function defineErrors<const T extends Record<string, ErrorDefinition>>(defs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, def] of Object.entries(defs)) {
    registry.set(code, def);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly fields: FieldError[] | undefined;
  constructor(code: string, options: { details?: Record<string, unknown>; fields?: FieldError[]; message?: string } = {}) {
    super(options.message ?? code);
    this.code = code;
    this.details = options.details;
    this.fields = options.fields;
  }
}

export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  PASSWORD_EXPIRED: { status: 403, zh: '密码已过期，请先修改密码', en: 'Your password has expired; change it first' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_REJECTED: { status: 403, zh: '跨站请求被拒绝', en: 'Cross-site request refused' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权访问', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  DUPLICATE: { status: 409, zh: '记录已存在', en: 'Already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  UNPROCESSABLE: { status: 422, zh: '请求无法处理', en: 'The request cannot be processed' },
  ACCOUNT_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
});

export const notFound = () => new AppError(PlatformErrors.NOT_FOUND);
export const forbidden = () => new AppError(PlatformErrors.FORBIDDEN);

/** PostgreSQL error codes we translate into domain errors. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';

/**
 * Awaits a write and turns a unique-constraint violation into the given domain error: under
 * concurrency the database's unique index, not an earlier check, decides who was first.
 */
export async function uniqueOr<T>(write: Promise<T>, error: () => AppError): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) throw error();
    throw err;
  }
}
export const isForeignKeyViolation = (err: unknown) => pgErrorCode(err) === '23503';
