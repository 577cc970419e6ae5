import type { PatentLandscapeQuery, PatentLandscapeReportJob } from '@innotown/contracts/patent-landscape';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { findOwnFileJob, presentFileJob, setFileJobProgress } from '../../platform/file-jobs.ts';
import { enqueue, type JobHandlers, type JobRow } from '../../platform/jobs.ts';
import type { Actor } from '../../platform/policy.ts';
import { storeFile } from '../files/files.service.ts';
import { landscapePdf, reportFilename } from './patent-landscape.pdf.ts';
import { landscape } from './patent-landscape.service.ts';
import { refreshSummary } from './patent-landscape-summary.repository.ts';

/**
 * Recomputes the dirty slices of the landscape summary (all of it after a TRUNCATE or many slices). The
 * trigger on patents enqueues it with the key `slices:<newest mark>` in the writer's transaction (a worker can
 * claim it only once the marks are committed); a reader finding a dirty slice enqueues `read:<newest mark>` — once
 * per state of the marks, and still there if the writer's job failed.
 */
export const REFRESH_JOB = 'patent-landscape.refresh-summary';

export async function requestSummaryRefresh(db: Db, lastMark: number): Promise<void> {
  await enqueue(db, REFRESH_JOB, {}, { singletonKey: `read:${lastMark}`, maxAttempts: 2 });
}

/**
 * For the importer (and anything else that writes many patents): bring the landscape summary up to date now,
 * after the file's transaction committed (a big file dirties many slices: a full rebuild). Returns the
 * milliseconds it took.
 */
export async function refreshLandscapeSummary(db: Db, options: { full?: boolean } = {}): Promise<number> {
  return (await refreshSummary(db, options)).ms;
}

/**
 * The PDF report renders in the job queue (as target-report does): the worker computes the landscape,
 * draws the charts, stores the PDF as a file owned by the caller; the web polls the progress.
 */
export const REPORT_JOB = 'patent-landscape.report';

type Payload = { query: PatentLandscapeQuery; actor: Actor };

export async function startReportJob(db: Db, actor: Actor, query: PatentLandscapeQuery): Promise<PatentLandscapeReportJob> {
  const job = (await enqueue(db, REPORT_JOB, { query, actor } satisfies Payload, { maxAttempts: 2 })) as JobRow;
  return presentFileJob(job);
}

/** The caller's own report job; anyone else's (or another kind of job) is 404. */
export async function findReportJob(db: Db, actor: Actor, id: number): Promise<PatentLandscapeReportJob> {
  return findOwnFileJob(db, actor, REPORT_JOB, id);
}

export function patentLandscapeHandlers(): JobHandlers {
  return {
    [REFRESH_JOB]: async ({ db, log }) => {
      const { ms, slices } = await refreshSummary(db);
      log.info({ ms, slices }, 'patent landscape summary refreshed');
      return { ms, slices };
    },
    [REPORT_JOB]: async ({ db, job, log }) => {
      const p = job.payload as Payload;
      const l = await landscape(db, p.query, { onStale: (mark) => requestSummaryRefresh(db, mark) });
      await setFileJobProgress(db, job.id, 0.3);
      const pdf = await landscapePdf(l, (share) => setFileJobProgress(db, job.id, 0.3 + 0.6 * share));
      const file = await storeFile(db, systemContext(p.actor), { purpose: 'attachment', filename: reportFilename(l), buffer: pdf });
      log.info({ bytes: pdf.length }, 'patent landscape report rendered');
      return { progress: 1, fileId: file.id, filename: file.filename };
    },
  };
}
