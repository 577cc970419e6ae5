import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './claim-money.ts';

describe('yuan ↔ fen', () => {
  it('converts typed yuan to fen exactly', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('100')).toBe(10_000);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen(' 19.99 ')).toBe(1999);
  });
  it('refuses what is not an amount to the fen', () => {
    for (const bad of ['', '-1', '1.234', 'abc', '1e5', null, undefined]) expect(yuanToFen(bad as string)).toBeNull();
  });
  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(123_456)).toBe('1,234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(null)).toBe('—');
  });
});
