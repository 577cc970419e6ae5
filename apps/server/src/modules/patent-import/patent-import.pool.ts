import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type PreparedBatch, preparedBatch, type StagedRecord } from './patent-import.copy.ts';

/** Turns batches of records into COPY text: inline, or on worker threads (jieba is the import's bottleneck). */
export type Preparer = {
  prepare: (items: StagedRecord[]) => Promise<PreparedBatch>;
  close: () => Promise<void>;
};

/**
 * One worker per core the process may use (each loads jieba and its dictionary, ≈ 100 MB, hence the
 * cap): the main thread's reading and the database's COPY share the same cores, and the OS balances them.
 */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(1, os.availableParallelism()));
}

export function inlinePreparer(): Preparer {
  return { prepare: async (items) => preparedBatch(items), close: async () => {} };
}

export function workerPreparer(size: number): Preparer {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./patent-import.worker.mjs', import.meta.url)));
  const waiting = new Map<number, { resolve: (batch: PreparedBatch) => void; reject: (err: Error) => void }>();
  let next = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; batch?: PreparedBatch; error?: string }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.batch as PreparedBatch);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
  }
  return {
    prepare: (items) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        (workers[id % workers.length] as Worker).postMessage({ id, items });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
