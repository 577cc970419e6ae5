import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorDefinition, PlatformErrors, pgErrorCode } from '../errors.ts';
import { loggableError } from '../masking.ts';

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
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
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
