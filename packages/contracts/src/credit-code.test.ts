import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode } from './credit-code.ts';
import { creditCodeSchema } from './enterprises.ts';

/** Codes published by their holders (business licences, annual reports) or in GB 32100-2015 itself. */
const PUBLIC_CODES = {
  'GB 32100-2015 example': '91350100M000100Y43',
  华为技术有限公司: '914403001922038216',
  '腾讯科技（深圳）有限公司': '91440300708461136T',
  '阿里巴巴（中国）有限公司': '91330100716105852F',
  比亚迪股份有限公司: '91440300192317458F',
  小米科技有限责任公司: '91110108551385082Q',
};

/** A code computed with the check function, so the test does not depend on hand-made examples only. */
const computed = (first17: string) => first17 + creditCodeCheckChar(first17);

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(Object.entries(PUBLIC_CODES))('accepts the public code of %s', (_holder, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character of the public codes', () => {
    for (const code of Object.values(PUBLIC_CODES)) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('accepts computed codes of Zhongshan registrations, including MA… organisation codes', () => {
    for (const first17 of ['91442000MA4UJ4X20', '12442000456789012', '52442000MA5FXXXXX', '91440300MA5FXXXXX', '93442000000000000']) {
      const code = computed(first17);
      expect(code).toHaveLength(18);
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('gives check value 0 as the character "0" and 30 as "Y"', () => {
    // Search for prefixes whose check value is 0 and 30, the two ends of the alphabet.
    const seen = new Set<string>();
    for (let n = 0; n < 2000 && seen.size < 31; n++) {
      const c = creditCodeCheckChar(`91442000${String(n).padStart(9, '0')}`) as string;
      expect(CREDIT_CODE_ALPHABET).toContain(c);
      seen.add(c);
    }
    expect(seen.has('0')).toBe(true);
    expect(seen.has('Y')).toBe(true);
    expect(seen.size).toBe(31);
  });

  it('refuses a wrong check character', () => {
    for (const code of Object.values(PUBLIC_CODES)) {
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === code[17]) continue;
        expect(isValidCreditCode(code.slice(0, 17) + c)).toBe(false);
      }
    }
  });

  it('refuses a single changed character or two swapped characters', () => {
    const code = PUBLIC_CODES['GB 32100-2015 example'];
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000010Y43')).toBe(false); // swapped 1 and 0
    expect(isValidCreditCode(`${code.slice(0, 8)}N${code.slice(9)}`)).toBe(false);
  });

  it('refuses lower case (the schema upper-cases input first)', () => {
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
    expect(creditCodeSchema.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s anywhere', (letter) => {
    expect(CREDIT_CODE_ALPHABET).not.toContain(letter);
    // In the organisation code, and as the check character.
    expect(isValidCreditCode(`91350100${letter}000100Y43`)).toBe(false);
    expect(isValidCreditCode(`91350100M000100Y4${letter}`)).toBe(false);
    expect(creditCodeCheckChar(`91350100${letter}000100Y4`)).toBeNull();
    expect(creditCodeSchema.safeParse(`91350100${letter.toLowerCase()}000100Y43`).success).toBe(false);
  });

  it('refuses letters in the administrative division code (positions 3–8)', () => {
    const code = computed('9144A000MA4UJ4X20');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('refuses wrong lengths, spaces, punctuation and empty input', () => {
    for (const bad of [
      '',
      '9135010',
      '91350100M000100Y4',
      '91350100M000100Y430',
      '91350100M000100Y43 ',
      ' 91350100M000100Y43',
      '91350100-M000100Y4',
      '９1350100M000100Y43',
    ]) {
      expect(isValidCreditCode(bad)).toBe(false);
    }
    expect(creditCodeCheckChar('9135010')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull();
  });

  it('the schema reports credit_code_invalid', () => {
    const result = creditCodeSchema.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('credit_code_invalid');
  });
});
