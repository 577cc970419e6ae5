import type { StoredFile } from '@innotown/contracts/platform';
import type { FileMeta } from './files.repository.ts';

export function presentFile(f: FileMeta): StoredFile {
  return {
    id: f.id,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    purpose: f.purpose,
    sha256: f.sha256,
    createdAt: f.createdAt.toISOString(),
  };
}
