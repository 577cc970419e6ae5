import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeAt,
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchingStep,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
  RECOVERY_CODE_COUNT,
} from './two-factor-rules.ts';

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890", in base32 as authenticator apps take it.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP codes (RFC 6238)', () => {
  it('gives the RFC test vectors (the last six of their eight digits)', async () => {
    expect(await codeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(await codeAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(await codeAt(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
    expect(await codeAt(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
  });

  it('accepts a code one step either side of now, and names the step it belongs to', async () => {
    const at = 1_800_000_015_000; // inside step 60,000,000
    const code = await codeAt(RFC_SECRET, at);
    expect(await matchingStep(RFC_SECRET, code, at)).toBe(60_000_000);
    expect(await matchingStep(RFC_SECRET, code, at + 30_000)).toBe(60_000_000); // the phone is 30 s slow
    expect(await matchingStep(RFC_SECRET, code, at - 30_000)).toBe(60_000_000); // the phone is 30 s fast
    expect(await matchingStep(RFC_SECRET, code, at + 60_000)).toBeNull();
    expect(await matchingStep(RFC_SECRET, code, at - 60_000)).toBeNull();
  });

  it('refuses another secret’s code', async () => {
    const at = 1_800_000_015_000;
    expect(await matchingStep(newSecret(), await codeAt(RFC_SECRET, at), at)).toBeNull();
  });

  it('makes an otpauth URI that names the platform and the account', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'guzhen');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(uri)).toContain('InnoTown 专业镇平台:guzhen');
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
  });
});

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips, and never stores the secret readable', () => {
    const secret = newSecret();
    const stored = encryptSecret(secret, key);
    expect(stored).not.toContain(secret);
    expect(stored.startsWith('v1.')).toBe(true);
    expect(encryptSecret(secret, key)).not.toBe(stored); // a fresh IV each time
    expect(decryptSecret(stored, key)).toBe(secret);
  });

  it('refuses a changed ciphertext and another key', () => {
    const stored = encryptSecret(newSecret(), key);
    const parts = stored.split('.');
    const data = Buffer.from(parts[3] as string, 'base64url');
    data[0] = (data[0] as number) ^ 1;
    const tampered = [...parts.slice(0, 3), data.toString('base64url')].join('.');
    expect(() => decryptSecret(tampered, key)).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
  });
});

describe('recovery codes', () => {
  it('gives ten different codes of eight unambiguous characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it('matches a code typed in capitals or without the dash', () => {
    expect(hashRecoveryCode('AB3D-7KXZ')).toBe(hashRecoveryCode('ab3d-7kxz'));
    expect(hashRecoveryCode(' ab3d7kxz ')).toBe(hashRecoveryCode('ab3d-7kxz'));
    expect(hashRecoveryCode('ab3d-7kxy')).not.toBe(hashRecoveryCode('ab3d-7kxz'));
  });
});
