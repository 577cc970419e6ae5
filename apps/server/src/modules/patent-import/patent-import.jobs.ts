import type { GiveUpHandlers, JobHandlers } from '../../platform/jobs.ts';
import { markInterrupted } from './patent-import.repository.ts';
import { PATENT_IMPORT_JOB, runUploadJob } from './patent-import.service.ts';

/** The upload's import runs as a job (jobs live in the database: any instance may run it). */
export function patentImportHandlers(): JobHandlers {
  return {
    [PATENT_IMPORT_JOB]: ({ db, job, log }) => runUploadJob(db, (job.payload as { importId: string }).importId, log),
  };
}

/**
 * A server that dies during the import's last attempt leaves it running: the job queue gives up on it, and the
 * import is marked failed (its transaction never committed, so nothing of the file was loaded).
 */
export function patentImportGiveUp(): GiveUpHandlers {
  return {
    [PATENT_IMPORT_JOB]: async ({ db, job }) => markInterrupted(db, (job.payload as { importId: string }).importId),
  };
}
