import type { TargetReportJob } from '@innotown/contracts/target-report';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { findOwnFileJob, presentFileJob, setFileJobProgress } from '../../platform/file-jobs.ts';
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
  return presentFileJob(job);
}

/** The caller's own report job; anyone else's (or another kind of job) is 404. */
export async function findRender(db: Db, actor: Actor, id: number): Promise<TargetReportJob> {
  return findOwnFileJob(db, actor, RENDER_JOB, id);
}

export function targetReportHandlers(): JobHandlers {
  return {
    [RENDER_JOB]: async ({ db, job, log }) => {
      const p = job.payload as Payload;
      const ctx = systemContext(p.actor);
      const report = await reportData(db, ctx, { year: p.year, ...(p.townId ? { town: p.townId } : {}) });
      await setFileJobProgress(db, job.id, 0.2);
      const pdf = await renderReportPdf(report, (share) => setFileJobProgress(db, job.id, 0.2 + 0.7 * share));
      const filename = `${reportTitle(report)}-${report.year}.pdf`;
      const file = await storeFile(db, ctx, { purpose: 'attachment', filename, buffer: pdf });
      log.info({ year: p.year, townId: p.townId, bytes: pdf.length }, 'target report rendered');
      return { progress: 1, fileId: file.id, filename: file.filename };
    },
  };
}
