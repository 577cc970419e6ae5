import type { JobHandlers } from '../../platform/jobs.ts';
import { PATENT_IMPORT_JOB, runUploadJob } from './patent-import.service.ts';

/** The upload's import runs as a job (jobs live in the database: any instance may run it). */
export function patentImportHandlers(): JobHandlers {
  return {
    [PATENT_IMPORT_JOB]: ({ db, job, log }) => runUploadJob(db, (job.payload as { importId: string }).importId, log),
  };
}
