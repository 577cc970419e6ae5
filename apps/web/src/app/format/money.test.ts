import { describe, expect, it } from 'vitest';
import { fenToWanString, fenToYuanString, formatRatio, formatWan, formatYuan, wanToFen, yuanToFen } from './money.ts';

describe('fen ↔ 万元', () => {
  it('converts fen to an exact 万元 string', () => {
    expect(fenToWanString(0)).toBe('0');
    expect(fenToWanString(1_000_000)).toBe('1');
    expect(fenToWanString(12_345_678)).toBe('12.345678');
    expect(fenToWanString(1_230_000)).toBe('1.23');
    expect(fenToWanString(1)).toBe('0.000001');
    expect(fenToWanString(-2_500_000)).toBe('-2.5');
  });

  it('parses 万元 to integer fen without floating-point error', () => {
    expect(wanToFen('1.23')).toBe(1_230_000);
    expect(wanToFen('0.1')).toBe(100_000);
    expect(wanToFen('12.345678')).toBe(12_345_678);
    expect(wanToFen('1,234.5')).toBe(1_234_500_000);
    expect(wanToFen(0.3)).toBe(300_000);
    expect(wanToFen('100000000')).toBe(100_000_000_000_000);
    expect(wanToFen('1.2345678')).toBeNull();
    expect(wanToFen('abc')).toBeNull();
    expect(wanToFen('')).toBeNull();
    expect(wanToFen(null)).toBeNull();
  });

  it('round-trips', () => {
    for (const fen of [0, 1, 99, 1_000_000, 987_654_321, 100_000_000_000_000]) {
      expect(wanToFen(fenToWanString(fen))).toBe(fen);
    }
  });

  it('formats for display', () => {
    expect(formatWan(123_456_789_000, 'en-US')).toBe('123,456.79');
    expect(formatWan(null)).toBe('—');
    expect(formatRatio(5, 100)).toBe('5.00%');
    expect(formatRatio(5, 0)).toBe('—');
  });
});

describe('fen ↔ yuan', () => {
  it('parses yuan to integer fen exactly, refusing fractions of a fen', () => {
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen(0.3)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('5000000')).toBe(500_000_000);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('x')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
  });

  it('round-trips and formats with two decimals', () => {
    for (const fen of [0, 1, 10, 99, 100, 123_456, 1_000_000_000_000]) expect(yuanToFen(fenToYuanString(fen))).toBe(fen);
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(1_234_567)).toBe('12,345.67');
    expect(formatYuan(-100)).toBe('-1.00');
    expect(formatYuan(900_719_925_474_099)).toBe('9,007,199,254,740.99');
  });
});
