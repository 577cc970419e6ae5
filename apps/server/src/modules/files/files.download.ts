import type { FastifyReply } from 'fastify';
import { contentDisposition } from './files.purposes.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

import type { FileRow } from './files.repository.ts';

/**
 * Sends a stored file the one safe way, whichever record it is attached to: always as an attachment (never
 * rendered by the browser), its type not sniffed, sandboxed, not cached by shared caches.
 */
export function sendStoredFile(reply: FastifyReply, file: FileRow) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('etag', `"${file.sha256}"`)
    .send(file.content);
}

/**
 * Sends a workbook generated for this request (a report, an export, a template): never cached, always
 * downloaded, under its Chinese name where it has one (`asciiName` for clients that cannot read it).
 */
export function sendWorkbook(reply: FastifyReply, file: Buffer | NodeJS.ReadableStream, filename: string, asciiName?: string) {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', contentDisposition(filename, asciiName))
    .type(XLSX)
    .send(file);
}
