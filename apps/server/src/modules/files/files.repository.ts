import { eq } from 'drizzle-orm';
import { files } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';

export type FileRow = typeof files.$inferSelect;
export type FileMeta = Omit<FileRow, 'content'>;

// Everything but the content: metadata reads never load the bytes.
const meta = {
  id: files.id,
  ownerUserId: files.ownerUserId,
  purpose: files.purpose,
  filename: files.filename,
  contentType: files.contentType,
  size: files.size,
  sha256: files.sha256,
  createdAt: files.createdAt,
};

export async function insertFile(db: Db, values: typeof files.$inferInsert): Promise<FileMeta> {
  return (await db.insert(files).values(values).returning(meta))[0] as FileMeta;
}

export async function findFileMeta(db: Db, id: string): Promise<FileMeta | undefined> {
  return (await db.select(meta).from(files).where(eq(files.id, id)))[0];
}

export async function findFile(db: Db, id: string): Promise<FileRow | undefined> {
  return (await db.select().from(files).where(eq(files.id, id)))[0];
}
