import { parentPort, workerData } from 'node:worker_threads';
import { type BatchContext, type BatchJob, prepareBatch } from './patent-import.batch.ts';
import type { WorkerContext } from './patent-import.pool.ts';

const started = workerData as WorkerContext;
const context: BatchContext = {
  source: started.source,
  ...(started.currentYear ? { currentYear: started.currentYear } : {}),
  enterprises: { byCode: new Map(started.byCode), byName: new Map(started.byName) },
};

parentPort?.on('message', (message: { id: number; job: BatchJob }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: prepareBatch(message.job, context) });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
