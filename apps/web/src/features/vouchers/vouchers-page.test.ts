import { describe, expect, it } from 'vitest';
import { yuan } from './vouchers-page.tsx';

describe('yuan', () => {
  it('shows fen as yuan with two decimals, exactly', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(1_234_567)).toBe('12,345.67');
    expect(yuan(-100)).toBe('-1.00');
    expect(yuan(900_719_925_474_099)).toBe('9,007,199,254,740.99');
  });
});
