import { parentPort } from 'node:worker_threads';
import { copyChunk, type StagedRecord } from './patent-import.copy.ts';

type Job = { id: number; importId: string; items: StagedRecord[] };

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, text: copyChunk(job.importId, job.items) });
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
