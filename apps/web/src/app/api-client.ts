import type { ErrorResponse, FieldError } from '@innotown/contracts/common';
import { currentLocale, i18n, type Locale } from './i18n/i18n.ts';

/** An API failure with the server's error code and bilingual messages; `status` 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string | undefined;
  readonly messageEn: string | undefined;
  readonly fields: FieldError[];
  /** The error's other details (e.g. the position of a malformed expert query). */
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ErrorResponse['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.messageZh;
    this.messageEn = body.messageEn;
    this.fields = body.details?.fields ?? [];
    this.details = body.details ?? {};
  }

  localizedMessage(locale: Locale = currentLocale()): string {
    return (locale === 'zh-CN' ? this.messageZh : this.messageEn) ?? this.message;
  }

  get isNotFound(): boolean {
    return this.status === 404 || this.status === 403;
  }
}

/** Turns anything thrown by a query or mutation into a message in the current language. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.localizedMessage();
  return i18n.t('errors.unknown');
}

const SESSION_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);
let onSessionLost: (() => void) | null = null;

/** The auth layer registers what to do when a call reports that the session is gone. */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type RequestOptions = {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
  /** For money-changing POSTs: a retry with the same key returns the first result and moves nothing twice. */
  idempotencyKey?: string;
};

function headers(hasBody: boolean, accept = 'application/json', idempotencyKey?: string): HeadersInit {
  const result: Record<string, string> = { Accept: accept, 'Accept-Language': currentLocale() };
  if (hasBody) result['Content-Type'] = 'application/json';
  if (idempotencyKey) result['Idempotency-Key'] = idempotencyKey;
  return result;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorResponse> | null = null;
  try {
    body = (await response.json()) as Partial<ErrorResponse>;
  } catch {
    body = null;
  }
  const error = body?.error;
  if (error && typeof error.code === 'string') return new ApiError(response.status, error);
  return new ApiError(response.status, {
    code: `HTTP_${response.status}`,
    message: response.statusText || i18n.t('errors.unknown'),
    messageZh: i18n.t('errors.unknown', { lng: 'zh-CN' }),
    messageEn: i18n.t('errors.unknown', { lng: 'en-US' }),
  });
}

function networkError(): ApiError {
  return new ApiError(0, {
    code: 'NETWORK_ERROR',
    message: i18n.t('errors.network'),
    messageZh: i18n.t('errors.network', { lng: 'zh-CN' }),
    messageEn: i18n.t('errors.network', { lng: 'en-US' }),
  });
}

/** Sends a request with the session cookie; resolves to the raw response or throws an ApiError. */
export async function rawRequest(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      credentials: 'same-origin',
      headers: headers(hasBody, options.accept, options.idempotencyKey),
      body: hasBody ? JSON.stringify(options.body) : null,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && SESSION_CODES.has(error.code)) onSessionLost?.();
    throw error;
  }
  return response;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await rawRequest(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, options: { idempotencyKey?: string } = {}) => request<T>('POST', path, { body, ...options }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Filename from a Content-Disposition header (RFC 5987 `filename*` first). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/** Downloads a file answer (an export) with the session cookie and saves it under the server's filename. */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  const response = await rawRequest('GET', path, { query, accept: '*/*' });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionFilename(response.headers.get('Content-Disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh Idempotency-Key (getRandomValues works on plain http too, where crypto.randomUUID does not exist). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
