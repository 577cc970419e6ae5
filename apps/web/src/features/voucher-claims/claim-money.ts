/**
 * Yuan typed by a person → integer fen, exactly: no floating point ("0.29" × 100 is 28.999… in binary).
 * Accepts "1234", "1,234.5", "0.01"; refuses more than two decimals, signs and anything else (null).
 */
export function yuanToFen(input: string | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const match = /^\s*(\d+)(?:\.(\d{0,2}))?\s*$/.exec(input.replace(/,/g, ''));
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Fen → yuan with two decimals, exactly (integer arithmetic), thousands separated. */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
