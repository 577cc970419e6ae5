import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type BatchContext, type BatchJob, type BatchResult, prepareBatch } from './patent-import.batch.ts';
import type { EnterpriseRef } from './patent-import.normalise.ts';

/** Turns batches of source records into COPY text: inline, or on worker threads (jieba is the import's bottleneck). */
export type Preparer = {
  prepare: (job: BatchJob) => Promise<BatchResult>;
  close: () => Promise<void>;
};

/**
 * One worker per core the process may use (each loads jieba and its dictionary, ≈ 100 MB, hence the
 * cap): the main thread's reading and the database's COPY share the same cores, and the OS balances them.
 */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(1, os.availableParallelism()));
}

export function inlinePreparer(context: BatchContext): Preparer {
  return { prepare: async (job) => prepareBatch(job, context), close: async () => {} };
}

/** What a worker is started with: the batch context, its enterprise index as entry lists (maps do not cross threads as such). */
export type WorkerContext = Omit<BatchContext, 'enterprises'> & {
  byCode: [string, EnterpriseRef][];
  byName: [string, EnterpriseRef][];
};

export function workerPreparer(size: number, context: BatchContext): Preparer {
  const workerData: WorkerContext = {
    source: context.source,
    ...(context.currentYear ? { currentYear: context.currentYear } : {}),
    byCode: [...context.enterprises.byCode],
    byName: [...context.enterprises.byName],
  };
  // A larger young generation than V8's default: a batch allocates tens of MB of short-lived strings
  // (tokens, literals), and fewer scavenges cost less CPU.
  const workers = Array.from(
    { length: size },
    () =>
      new Worker(new URL('./patent-import.worker.mjs', import.meta.url), {
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      }),
  );
  const waiting = new Map<number, { resolve: (result: BatchResult) => void; reject: (err: Error) => void }>();
  let next = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; result?: BatchResult; error?: string }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result as BatchResult);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
  }
  return {
    prepare: (job) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        (workers[id % workers.length] as Worker).postMessage({ id, job });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
