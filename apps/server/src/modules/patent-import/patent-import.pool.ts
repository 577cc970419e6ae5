import { Worker } from 'node:worker_threads';
import { copyChunk, type StagedRecord } from './patent-import.copy.ts';

/** Turns batches of records into COPY text: inline, or on worker threads (jieba is the import's bottleneck). */
export type Preparer = {
  prepare: (importId: string, items: StagedRecord[]) => Promise<string>;
  close: () => Promise<void>;
};

export function inlinePreparer(): Preparer {
  return { prepare: async (importId, items) => copyChunk(importId, items), close: async () => {} };
}

export function workerPreparer(size: number): Preparer {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./patent-import.worker.mjs', import.meta.url)));
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (err: Error) => void }>();
  let next = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; text?: string; error?: string }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.text as string);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
  }
  return {
    prepare: (importId, items) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        (workers[id % workers.length] as Worker).postMessage({ id, importId, items });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
