import { type PatentKind, patentKinds } from './patent-query.ts';

export { type PatentKind, patentKinds };

/** Current legal status of a patent (法律状态), kept on the patent row in step with its latest event. */
export const patentLegalStatuses = ['pending', 'granted', 'lapsed', 'invalidated', 'expired', 'rejected', 'withdrawn'] as const;
export type PatentLegalStatus = (typeof patentLegalStatuses)[number];

/** Legal-status events over a patent's life. */
export const patentEventKinds = [
  'filed',
  'published',
  'granted',
  'lapsed',
  'restored',
  'transferred',
  'licensed',
  'pledged',
  'pledge_released',
  'invalidated',
  'expired',
] as const;
export type PatentEventKind = (typeof patentEventKinds)[number];

/** Statuses in which a patent is in force (有效专利): granted and not lapsed, invalidated or expired. */
export const patentInForceStatuses: readonly PatentLegalStatus[] = ['granted'];

/**
 * Every prefix a classification search may ask for, of every code, for the row's `class_prefixes`
 * (GIN-indexed): IPC `F21V29/503` → F, F21, F21V, F21V29/, F21V29/503; Locarno `26-05` → LOC26, LOC26-05.
 * Codes must already be normalised (parseIpcCode / parseLocarnoClass).
 */
export function classPrefixesOf(ipcCodes: readonly string[], locarnoCodes: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const code of ipcCodes) {
    out.add(code.slice(0, 1));
    out.add(code.slice(0, 3));
    out.add(code.slice(0, 4));
    const slash = code.indexOf('/');
    if (slash > 0) out.add(code.slice(0, slash + 1));
    out.add(code);
  }
  for (const code of locarnoCodes) {
    out.add(`LOC${code.slice(0, 2)}`);
    out.add(`LOC${code}`);
  }
  return [...out];
}
