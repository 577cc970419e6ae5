import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '../db/schema/platform.ts';
import type { Db } from './db.ts';
import { notFound } from './errors.ts';
import type { JobRow } from './jobs.ts';
import type { Actor } from './policy.ts';

/**
 * A job that produces a file for the user who started it (a PDF report): its payload carries that
 * `actor`, its result the progress while it runs and the stored file when done. The target report and
 * the patent landscape report share these steps.
 */
export type FileJobView = {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  fileId: string | null;
  filename: string | null;
};

/** The caller's own job of that name; anyone else's (or another kind of job) is 404. */
export async function findOwnFileJob(db: Db, actor: Actor, name: string, id: number): Promise<FileJobView> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.name, name)));
  if (!job || !actor.userId || (job.payload as { actor: Actor }).actor.userId !== actor.userId) throw notFound();
  return presentFileJob(job);
}

export function presentFileJob(job: JobRow): FileJobView {
  const result = (job.result ?? {}) as { progress?: number; fileId?: string; filename?: string };
  const status = job.status as FileJobView['status'];
  return {
    id: job.id,
    status,
    progress: status === 'done' ? 1 : (result.progress ?? 0),
    fileId: status === 'done' ? (result.fileId ?? null) : null,
    filename: status === 'done' ? (result.filename ?? null) : null,
  };
}

/** Progress while running goes into the job's result; the final result replaces it. */
export async function setFileJobProgress(db: Db, id: number, progress: number): Promise<void> {
  await db
    .update(jobs)
    .set({ result: sql`${JSON.stringify({ progress })}::jsonb` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}
