import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireAccess } from '../../platform/policy.ts';
import { FileErrors } from './files.errors.ts';
import {
  extensionOf,
  FILE_PURPOSES,
  FILE_TYPES,
  type FilePurpose,
  type FileTypeKey,
  isFileTypeKey,
  sanitizeFilename,
} from './files.purposes.ts';
import * as repo from './files.repository.ts';
import { checkZip, ZipRejected } from './files.zip.ts';

const FILE_READ = { resource: 'file', action: 'read' } as const;
const scoped = (f: repo.FileMeta) => ({ ownerUserId: f.ownerUserId });

/**
 * The type of `buffer` by its content (magic bytes), when it is one of `allowed`; null otherwise. ZIP
 * containers (xlsx, docx) also pass the zip sanity check (FILE_ARCHIVE_REJECTED). Other modules that read
 * uploads without storing them (imports) use this too.
 */
export async function sniffFileType(
  buffer: Buffer,
  allowed: readonly FileTypeKey[],
  maxUnzippedBytes: number,
): Promise<FileTypeKey | null> {
  const detected = await fileTypeFromBuffer(buffer);
  const type = detected && isFileTypeKey(detected.ext) && allowed.includes(detected.ext) ? detected.ext : null;
  if (type && FILE_TYPES[type].zip) {
    try {
      await checkZip(buffer, { maxUnzippedBytes });
    } catch (err) {
      if (err instanceof ZipRejected) throw new AppError(FileErrors.FILE_ARCHIVE_REJECTED);
      throw err;
    }
  }
  return type;
}

export type StoreFileInput = { purpose: FilePurpose; filename: string; buffer: Buffer };

/**
 * Checks an upload against its purpose's rules and stores it, owned by the caller. Other modules
 * call this inside their own transaction when a file belongs to a record they create.
 */
export async function storeFile(db: Db, ctx: RequestContext, input: StoreFileInput): Promise<repo.FileMeta> {
  const rule = FILE_PURPOSES[input.purpose];
  if (!rule) throw new AppError(FileErrors.FILE_TYPE_NOT_ALLOWED, { details: { purpose: input.purpose } });
  const { buffer } = input;
  if (buffer.length === 0) throw new AppError(FileErrors.FILE_EMPTY);
  if (buffer.length > rule.maxBytes) throw new AppError(FileErrors.FILE_TOO_LARGE, { details: { maxBytes: rule.maxBytes } });

  const type = await sniffFileType(buffer, rule.types, rule.maxUnzippedBytes);
  if (!type) throw new AppError(FileErrors.FILE_TYPE_NOT_ALLOWED, { details: { allowed: rule.types } });
  const spec = FILE_TYPES[type];

  const filename = sanitizeFilename(input.filename);
  if (!(spec.extensions as readonly string[]).includes(extensionOf(filename))) {
    throw new AppError(FileErrors.FILE_EXTENSION_MISMATCH, { details: { detected: type, extensions: spec.extensions } });
  }

  const sha256 = createHash('sha256').update(buffer).digest('hex');
  return db.transaction(async (tx) => {
    const row = await repo.insertFile(tx, {
      ownerUserId: ctx.actor.userId,
      purpose: input.purpose,
      filename,
      contentType: spec.mime,
      size: buffer.length,
      sha256,
      content: buffer,
    });
    await recordAudit(tx, ctx, {
      action: 'file.create',
      targetType: 'file',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: { purpose: input.purpose, filename, contentType: spec.mime, size: buffer.length, sha256 },
    });
    return row;
  });
}

/** Metadata of a file the caller may read (its uploader, or a city admin); otherwise 404. */
export async function getFile(db: Db, ctx: RequestContext, id: string): Promise<repo.FileMeta> {
  return requireAccess(ctx.actor, FILE_READ, await repo.findFileMeta(db, id), scoped);
}

export type ReadFileOptions = {
  /**
   * 'policy' (default): the uploader and city admins only. 'checked-by-caller': the calling module
   * has already checked the caller's access to the record this file is attached to (e.g. a town
   * admin reviewing an application): the read is still audited.
   */
  access?: 'policy' | 'checked-by-caller';
};

/** The file with its content, for download; each read is audited. */
export async function readFile(db: Db, ctx: RequestContext, id: string, options: ReadFileOptions = {}): Promise<repo.FileRow> {
  const row = await repo.findFile(db, id);
  if (options.access === 'checked-by-caller') {
    if (!row) throw notFound();
  } else {
    requireAccess(ctx.actor, FILE_READ, row, scoped);
  }
  const file = row as repo.FileRow;
  await recordAudit(db, ctx, {
    action: 'file.download',
    targetType: 'file',
    targetId: file.id,
    result: 'success',
    statusCode: 200,
    changes: { filename: file.filename, size: file.size },
  });
  return file;
}
