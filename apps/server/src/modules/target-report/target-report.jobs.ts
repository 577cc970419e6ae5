import type { TargetReportJob } from '@innotown/contracts/target-report';
import { and, eq, sql } from 'drizzle-orm';
import { jobs } from '../../db/schema/platform.ts';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueue, type JobHandlers, type JobRow } from '../../platform/jobs.ts';
import type { Actor } from '../../platform/policy.ts';
import { storeFile } from '../files/files.service.ts';
import { renderReportPdf, reportTitle } from './target-report.pdf.ts';
import { reportData } from './target-report.service.ts';

/**
 * The PDF takes one to a few seconds to render (CJK font subsetting and the charts; more on a busy
 * machine), so the web asks for it as a job: the worker renders it, stores it as a file owned by
 * whoever asked, and the web polls the job's progress, then downloads the file.
 *
 * The job carries the caller's actor as it was when the request was authorised; the worker builds
 * the report with it, so the town rule holds in the worker too. Delivery is at least once: a rerun
 * stores a second identical file and the job points at the last one.
 */
export const RENDER_JOB = 'target-report.render';

type Payload = { year: number; townId: string | null; actor: Actor };

export async function startRender(db: Db, actor: Actor, year: number, townId: string | null): Promise<TargetReportJob> {
  const job = (await enqueue(db, RENDER_JOB, { year, townId, actor } satisfies Payload, { maxAttempts: 2 })) as JobRow;
  return present(job);
}

/** The caller's own render job; anyone else's (or another kind of job) is 404. */
export async function findRender(db: Db, actor: Actor, id: number): Promise<TargetReportJob> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.name, RENDER_JOB)));
  if (!job || !actor.userId || (job.payload as Payload).actor.userId !== actor.userId) throw notFound();
  return present(job);
}

function present(job: JobRow): TargetReportJob {
  const result = (job.result ?? {}) as { progress?: number; fileId?: string; filename?: string };
  const status = job.status as TargetReportJob['status'];
  return {
    id: job.id,
    status,
    progress: status === 'done' ? 1 : (result.progress ?? 0),
    fileId: status === 'done' ? (result.fileId ?? null) : null,
    filename: status === 'done' ? (result.filename ?? null) : null,
  };
}

/** Progress while running goes into the job's result; the final result replaces it. */
async function setProgress(db: Db, id: number, progress: number) {
  await db
    .update(jobs)
    .set({ result: sql`${JSON.stringify({ progress })}::jsonb` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export function targetReportHandlers(): JobHandlers {
  return {
    [RENDER_JOB]: async ({ db, job, log }) => {
      const p = job.payload as Payload;
      const ctx = systemContext(p.actor);
      const report = await reportData(db, ctx, { year: p.year, ...(p.townId ? { town: p.townId } : {}) });
      await setProgress(db, job.id, 0.2);
      const pdf = await renderReportPdf(report, (share) => setProgress(db, job.id, 0.2 + 0.7 * share));
      const filename = `${reportTitle(report)}-${report.year}.pdf`;
      const file = await storeFile(db, ctx, { purpose: 'attachment', filename, buffer: pdf });
      log.info({ year: p.year, townId: p.townId, bytes: pdf.length }, 'target report rendered');
      return { progress: 1, fileId: file.id, filename: file.filename };
    },
  };
}
