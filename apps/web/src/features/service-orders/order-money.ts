/** Quotes are typed in yuan and sent as integer fen: parsed from the decimal text, never through float arithmetic. */
export function yuanToFen(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const text = typeof input === 'number' ? (Number.isFinite(input) ? input.toFixed(2) : '') : input;
  const match = /^\s*(\d+)(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123456 fen → "1,234.56" (yuan, two decimals). */
export function formatYuan(fen: number | null | undefined, locale = 'zh-CN'): string {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
}
