import { describe, expect, it } from 'vitest';
import { passwordSchema } from './auth.ts';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordClassCount } from './password-policy.ts';

describe('password policy (≥ 8 characters, 3 of 4 classes, not common)', () => {
  it('accepts strong passwords, including the demo password and Chinese characters as symbols', () => {
    for (const pw of [
      'InnoTown#2026',
      'Abcdefg1',
      'abcdefg1!',
      'ABCDEFG1!',
      'Abcdefg!',
      'correct-Horse-battery',
      '中山Abc12345',
      'Aa1!Aa1!',
    ]) {
      expect(checkPassword(pw), pw).toBeNull();
    }
  });

  it('refuses passwords shorter than 8 characters, at exactly 7 and accepts exactly 8', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(checkPassword('')).toBe('too_short');
    expect(checkPassword('Aa1!Aa1')).toBe('too_short');
    expect(checkPassword('Aa1!Aa1!')).toBeNull();
  });

  it('refuses passwords longer than the maximum', () => {
    const ok = `Aa1!${'x'.repeat(PASSWORD_MAX_LENGTH - 4)}`;
    expect(ok).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(checkPassword(ok)).toBeNull();
    expect(checkPassword(`${ok}x`)).toBe('too_long');
  });

  it('counts the four character classes', () => {
    expect(passwordClassCount('abcdefgh')).toBe(1);
    expect(passwordClassCount('ABCDEFGH')).toBe(1);
    expect(passwordClassCount('12345678')).toBe(1);
    expect(passwordClassCount('!@#$%^&*')).toBe(1);
    expect(passwordClassCount('abcdEFGH')).toBe(2);
    expect(passwordClassCount('abcdEF12')).toBe(3);
    expect(passwordClassCount('abCD12!?')).toBe(4);
    expect(passwordClassCount('中文密码中文密码')).toBe(1); // non-ASCII counts as a symbol
  });

  it('refuses passwords with fewer than 3 classes', () => {
    for (const pw of [
      'abcdefghij',
      'ABCDEFGHIJ',
      '1234567890',
      '!@#$%^&*()',
      'abcdEFGHIJ',
      'abcd123456',
      'ABCD123456',
      'abcd!@#$%^',
      '12345678!!',
    ]) {
      expect(checkPassword(pw), pw).toBe('too_few_classes');
    }
  });

  it('refuses common passwords, whatever their case', () => {
    for (const pw of ['Password1!', 'P@ssw0rd', 'Admin@123', 'ADMIN@123', 'Qwer@1234', 'Password@123', 'Woaini520!']) {
      expect(checkPassword(pw), pw).toBe('too_common');
    }
  });

  it('the schema reports the problem as password_<problem>', () => {
    const cases: [string, string][] = [
      ['short1!', 'password_too_short'],
      ['alllowercase', 'password_too_few_classes'],
      ['P@ssw0rd', 'password_too_common'],
    ];
    for (const [pw, code] of cases) {
      const r = passwordSchema.safeParse(pw);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(code);
    }
    expect(passwordSchema.safeParse('InnoTown#2026').success).toBe(true);
  });
});
