/** Money travels as integer fen; people read and type 万元 (10,000 yuan = 1,000,000 fen). */
export const FEN_PER_WAN = 1_000_000;
const WAN_DECIMALS = 6;

/** Exact decimal string of a fen amount in 万元, without trailing zeros: 12345678 → "12.345678". */
export function fenToWanString(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_WAN);
  const fraction = String(abs % FEN_PER_WAN)
    .padStart(WAN_DECIMALS, '0')
    .replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** Parses an amount in 万元 (up to 6 decimals, i.e. to the fen) without floating-point error; null when invalid. */
export function wanToFen(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const text = typeof input === 'number' ? (Number.isFinite(input) ? input.toFixed(WAN_DECIMALS) : '') : input;
  const match = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ''));
  if (!match) return null;
  const [, sign, whole = '0', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > WAN_DECIMALS) return null;
  const fen = Number(whole) * FEN_PER_WAN + Number(fraction.padEnd(WAN_DECIMALS, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return sign === '-' && fen !== 0 ? -fen : fen;
}

/** For display: 万元 with thousands separators and two decimals. */
export function formatWan(fen: number | null | undefined, locale = 'zh-CN'): string {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / FEN_PER_WAN);
}

/** R&D intensity (R&D expenditure ÷ revenue) as a percentage string, or '—' without revenue. */
export function formatRatio(numerator: number, denominator: number): string {
  if (denominator <= 0) return '—';
  return `${((numerator / denominator) * 100).toFixed(2)}%`;
}

/** Exact decimal string of a fen amount in yuan, without trailing zeros: 123456 → "1234.56", 100 → "1". */
export function fenToYuanString(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return cents ? `${sign}${Math.floor(abs / 100)}.${cents}` : `${sign}${Math.floor(abs / 100)}`;
}

/** Parses an amount in yuan (up to 2 decimals, i.e. to the fen) without floating-point error; null when invalid. */
export function yuanToFen(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const text = typeof input === 'number' ? (Number.isFinite(input) ? input.toFixed(2) : '') : input;
  const match = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ''));
  if (!match) return null;
  const [, sign, whole = '0', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > 2) return null;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return sign === '-' && fen !== 0 ? -fen : fen;
}

/** For display: yuan with thousands separators and two decimals, exactly (integer arithmetic): 1234567 → "12,345.67". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
