import { readFileSync } from 'node:fs';
import { importFile } from '../modules/patent-import/patent-import.service.ts';
import type { Db } from '../platform/db.ts';

/** The real public samples (patent-samples/README.md), loaded through the importer like any file. */
const SAMPLES = [
  { file: 'cnipa-sample-10.csv', format: 'csv' },
  { file: 'uspto-applications-ipa110106.xml', format: 'xml' },
  { file: 'cn-st36-sample.xml', format: 'xml' },
] as const;

/**
 * Demo data of the patent import (issue 5): the CNIPA, USPTO and CN ST.36 samples as three finished
 * imports in the history. Runs after the demo transaction (the importer stages and merges in its own
 * transactions); returns the records loaded.
 */
export async function seedPatentImports(db: Db): Promise<{ imports: number; records: number }> {
  let records = 0;
  for (const sample of SAMPLES) {
    const content = readFileSync(new URL(`./patent-samples/${sample.file}`, import.meta.url));
    const { outcome } = await importFile(db, {
      filename: sample.file,
      format: sample.format,
      source: [content],
      bytesTotal: content.length,
      workers: 0,
    });
    if (!outcome.ok) throw new Error(`seed: patent sample ${sample.file} refused: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
    records += outcome.recordsRead;
  }
  return { imports: SAMPLES.length, records };
}
