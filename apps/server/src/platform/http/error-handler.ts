import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorDefinition, PlatformErrors, pgConstraint, pgErrorCode } from '../errors.ts';
import { maskIdNumber, maskPhone } from '../masking.ts';

/** Fastify's own error codes, translated to ours. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: PlatformErrors.PAYLOAD_TOO_LARGE,
  FST_REQ_FILE_TOO_LARGE: PlatformErrors.PAYLOAD_TOO_LARGE,
  FST_FILES_LIMIT: PlatformErrors.PAYLOAD_TOO_LARGE,
  FST_PARTS_LIMIT: PlatformErrors.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: PlatformErrors.UNSUPPORTED_MEDIA_TYPE,
  FST_INVALID_MULTIPART_CONTENT_TYPE: PlatformErrors.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: PlatformErrors.BAD_REQUEST,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: PlatformErrors.BAD_REQUEST,
  FST_ERR_CTP_INVALID_JSON_BODY: PlatformErrors.BAD_REQUEST,
  FST_ERR_VALIDATION: PlatformErrors.VALIDATION_FAILED,
};

export function preferredLanguage(request: FastifyRequest): 'zh' | 'en' {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh';
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { statusCode?: number };
  if (e && typeof e.code === 'string' && FASTIFY_CODES[e.code]) return new AppError(FASTIFY_CODES[e.code] as string);
  if (e instanceof SyntaxError || e?.statusCode === 400) return new AppError(PlatformErrors.BAD_REQUEST);
  if (e?.statusCode === 413) return new AppError(PlatformErrors.PAYLOAD_TOO_LARGE);
  if (e?.statusCode === 415) return new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE);
  if (e?.statusCode === 429) return new AppError(PlatformErrors.RATE_LIMITED);
  // A uniqueness race that slipped past a service's own check is still a conflict, not a crash.
  if (pgErrorCode(error) === '23505') return new AppError(PlatformErrors.DUPLICATE);
  return new AppError(PlatformErrors.INTERNAL);
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

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const appError = toAppError(error);
  const def = errorDefinition(appError.code) ?? errorDefinition(PlatformErrors.INTERNAL);
  const status = def?.status ?? 500;
  if (status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
  const lang = preferredLanguage(request);
  const messageZh = def?.zh ?? '错误';
  const messageEn = def?.en ?? 'Error';
  const details =
    appError.fields || appError.details
      ? { ...(appError.details ?? {}), ...(appError.fields ? { fields: appError.fields } : {}) }
      : undefined;
  if (details?.fields) {
    for (const f of details.fields) f.message = lang === 'en' ? f.messageEn : f.messageZh;
  }
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: appError.code,
        message: lang === 'en' ? messageEn : messageZh,
        messageZh,
        messageEn,
        ...(details ? { details } : {}),
      },
    });
}
