/**
 * Fictional but well-formed unified social credit codes (统一社会信用代码, GB 32100-2015):
 * 2-char registration category + 6-digit division code + 9-char organisation code
 * (GB 11714: 8 body characters and its own mod-11 check) + the GB 32100 check character.
 */
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@innotown/contracts/credit-code';
import type { Random } from './random.ts';

/** 91 enterprise, 12 public institution (事业单位), 52 private non-enterprise unit (民办非企业单位). */
export type CreditCategory = '91' | '12' | '52';

/** Zhongshan has no districts, so every registration in the city carries 442000. */
export const ZHONGSHAN_DIVISION = '442000';

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const DIGITS = '0123456789';

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55; // '0'–'9' → 0–9, 'A'–'Z' → 10–35
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function chars(rng: Random, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

/**
 * Draws codes until one is not in `taken`, adds it and returns it. Enterprises registered after
 * 2015 get the 'MA…' organisation codes that new registrations in Guangdong carry; older ones
 * and public bodies get all-digit legacy organisation codes.
 */
export function makeCreditCode(rng: Random, category: CreditCategory, taken: Set<string>, recent = false): string {
  for (;;) {
    const body = recent
      ? `MA${rng.pick(['4', '5'])}${chars(rng, CREDIT_CODE_ALPHABET, 5)}`
      : `${rng.pick(['3', '4', '5', '6', '7'])}${chars(rng, DIGITS, 7)}`;
    const first17 = `${category}${ZHONGSHAN_DIVISION}${body}${orgCodeCheckChar(body)}`;
    const check = creditCodeCheckChar(first17);
    if (check === null) throw new Error(`not a credit code body: ${first17}`);
    const code = first17 + check;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}
