import { eventsCell, type PreparedBatch, preparedBatch, type StagedRecord } from './patent-import.copy.ts';
import {
  type EnterpriseIndex,
  type FieldIssue,
  type NormaliseOptions,
  normaliseRecord,
  type SourceRecord,
} from './patent-import.normalise.ts';

/**
 * One batch of source records, as the worker threads take it: normalised, its repeats told apart, and —
 * while the file is still loading — segmented and formatted as COPY text. The records go to the workers as
 * read (flat fields), not as normalised rows: a normalised row with its lists and events costs twice as much
 * to copy between threads, and normalising there takes that work off the thread that reads the file.
 */

export type BatchJob = {
  records: SourceRecord[];
  /** False once the file is refused: only normalised (for the report) and its numbers told. */
  segment: boolean;
  /** The events of each record as JSON too, for the staging of updates (only when the table held patents at the start). */
  eventsJson: boolean;
};

/** What a batch's records hold, in the order of the file. */
export type BatchResult = {
  refused: { row: number; applicationNumber: string | null; issues: FieldIssue[] }[];
  /** Numbers the batch holds twice (a number, its first row, the row of the repeat). */
  repeats: [string, number, number][];
  /** The accepted records: row, application number and id, each in the order of the COPY lines. */
  rows: number[];
  numbers: string[];
  ids: string[];
  /** The accepted records' events as JSON (when asked for). */
  eventsJson: string[] | null;
  prepared: PreparedBatch | null;
};

export type BatchContext = Pick<NormaliseOptions, 'source' | 'currentYear'> & { enterprises: EnterpriseIndex };

export function prepareBatch(job: BatchJob, context: BatchContext): BatchResult {
  const options: NormaliseOptions = {
    source: context.source,
    enterprises: context.enterprises,
    ...(context.currentYear ? { currentYear: context.currentYear } : {}),
  };
  const result: BatchResult = {
    refused: [],
    repeats: [],
    rows: [],
    numbers: [],
    ids: [],
    eventsJson: job.eventsJson ? [] : null,
    prepared: null,
  };
  const firstRow = new Map<string, number>();
  const accepted: StagedRecord[] = [];
  for (const record of job.records) {
    const r = normaliseRecord(record, options);
    if (!r.ok) {
      result.refused.push({ row: record.row, applicationNumber: r.applicationNumber, issues: r.issues });
      continue;
    }
    const number = r.patent.applicationNumber;
    const first = firstRow.get(number);
    if (first !== undefined) {
      result.repeats.push([number, first, record.row]);
      continue;
    }
    firstRow.set(number, record.row);
    result.rows.push(record.row);
    result.numbers.push(number);
    result.ids.push(r.patent.id);
    result.eventsJson?.push(eventsCell(r.patent));
    accepted.push({ row: record.row, patent: r.patent });
  }
  if (job.segment) result.prepared = preparedBatch(accepted);
  return result;
}
