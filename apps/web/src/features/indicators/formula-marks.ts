/**
 * Where a formula problem sits, for the editor: the text before the position, the character at it
 * (a space when the formula ended too early) and the rest, so the page can underline the spot.
 */
export function splitAt(formula: string, pos: number): { before: string; at: string; after: string } {
  const p = Math.max(0, Math.min(pos, formula.length));
  return { before: formula.slice(0, p), at: formula.slice(p, p + 1) || ' ', after: formula.slice(p + 1) };
}

/** Line and column (1-based) of a position, for the message beside the caret. */
export function lineColumn(formula: string, pos: number): { line: number; column: number } {
  const head = formula.slice(0, Math.max(0, Math.min(pos, formula.length)));
  const lines = head.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

type Snapshot = Record<string, unknown>;

/** The fields whose values differ between two saved versions of an indicator (targets compared as a whole). */
export function changedFields(before: Snapshot | undefined, after: Snapshot): string[] {
  if (!before) return [];
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
