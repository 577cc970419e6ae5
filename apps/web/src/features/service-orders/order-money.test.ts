import { describe, expect, it } from 'vitest';
import { formatYuan, yuanToFen } from './order-money.ts';

describe('yuanToFen', () => {
  it('turns yuan text into exact integer fen', () => {
    expect(yuanToFen('1200')).toBe(120000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1,234.56')).toBe(123456);
    // 0.29 * 100 is 28.999999999999996 in floating point; the text route is exact.
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen(1.15)).toBe(115);
  });

  it('refuses negative, fractional-fen and non-numeric input', () => {
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(null)).toBeNull();
  });
});

describe('formatYuan', () => {
  it('shows two decimals with separators, and a dash for no amount', () => {
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(null)).toBe('—');
  });
});
