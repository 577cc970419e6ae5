import { createReadStream, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../platform/db.ts';
import { errorDefinition } from '../../platform/errors.ts';
import { findFile } from '../files/files.repository.ts';
import type { ImportFormat } from './patent-import.readers.ts';
import { importFile } from './patent-import.service.ts';

const USAGE = 'usage: npm run cli -- import patents FILE [--format csv|xlsx|xml] [--workers N]';

function formatOf(file: string, given: string | undefined): ImportFormat {
  if (given === 'csv' || given === 'xlsx' || given === 'xml') return given;
  const ext = path.extname(file).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.xml' ? 'xml' : 'csv';
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** `import patents FILE`: a progress bar on stderr, a summary on stdout; exit code 1 when the file is refused. */
export async function importCommand(db: Db, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, workers: { type: 'string' } },
  });
  const [what, file] = positionals;
  if (what !== 'patents' || !file) {
    console.error(USAGE);
    return 2;
  }
  const total = statSync(file).size;
  const format = formatOf(file, values.format);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const bar = (bytes: number, records: number, errors: number, phase: string) => {
    const share = total > 0 ? Math.min(1, bytes / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const secs = (Date.now() - started) / 1000;
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
      `${mb(bytes)}/${mb(total)} MB  ${records} records  ${errors} errors  ${Math.round(records / Math.max(secs, 0.001))}/s  ${phase}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (Date.now() - lastLine > 5000 || phase !== 'reading') {
      lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
  const { importRow, outcome } = await importFile(db, {
    filename: path.basename(file),
    format,
    source: createReadStream(file, { highWaterMark: 1024 * 1024 }),
    bytesTotal: total,
    ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
    onProgress: (p) =>
      bar(
        p.bytesRead,
        p.recordsRead,
        p.errorCount,
        p.phase === 'merging' ? 'finishing (indexes, updates of existing patents)…' : 'reading',
      ),
  });
  if (tty) process.stderr.write('\n');
  const secs = (Date.now() - started) / 1000;
  if (outcome.ok) {
    console.log(
      `imported ${file}: ${outcome.recordsRead} records (${outcome.inserted} new, ${outcome.updated} updated, ${outcome.events} new events) ` +
        `in ${secs.toFixed(1)} s, ${Math.round(outcome.recordsRead / secs)} records/s (read ${(outcome.ms.read / 1000).toFixed(1)} s, merge ${(outcome.ms.merge / 1000).toFixed(1)} s${outcome.rebuiltIndexes ? ', indexes rebuilt' : ''}); import ${importRow.id}`,
    );
    return 0;
  }
  const def = outcome.fileError ? errorDefinition(outcome.fileError.code) : errorDefinition('PATENT_IMPORT_REJECTED');
  console.error(`refused, nothing loaded: ${def?.zh ?? ''} / ${def?.en ?? ''}`);
  if (outcome.fileError && Object.keys(outcome.fileError.details).length > 0) console.error(JSON.stringify(outcome.fileError.details));
  console.error(`${outcome.recordsRead} records read, ${outcome.errorCount} refused. First issues:`);
  for (const i of outcome.issues.slice(0, 10)) {
    console.error(
      `  row ${i.row ?? '-'} ${i.applicationNumber ?? ''} ${i.columnLabel ?? ''} ${i.value ?? ''}: ${i.messageZh} / ${i.messageEn}`,
    );
  }
  if (importRow.reportFileId) {
    const report = await findFile(db, importRow.reportFileId);
    if (report) {
      const out = `${file.replace(/\.[^.]+$/, '')}.report-${importRow.id.slice(0, 8)}.xlsx`;
      writeFileSync(out, report.content);
      console.error(`report: ${out}`);
    }
  }
  return 1;
}
