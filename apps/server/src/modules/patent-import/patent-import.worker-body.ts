import { parentPort } from 'node:worker_threads';
import { preparedBatch, type StagedRecord } from './patent-import.copy.ts';

type Job = { id: number; items: StagedRecord[] };

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, batch: preparedBatch(job.items) });
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
