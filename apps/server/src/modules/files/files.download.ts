import type { FastifyReply } from 'fastify';
import { contentDisposition } from './files.purposes.ts';
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
