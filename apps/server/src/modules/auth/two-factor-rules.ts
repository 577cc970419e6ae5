import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * The rules of two-factor sign-in, without the database: TOTP as in RFC 6238 (SHA-1, 6 digits, 30 s,
 * which every authenticator app reads), the encryption of stored secrets, and recovery codes.
 */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone whose clock is up to 30 s off still signs in. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const TWO_FACTOR_ISSUER = 'InnoTown 专业镇平台';
export const RECOVERY_CODE_COUNT = 10;

export function newSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, account: string): string {
  return generateURI({ issuer: TWO_FACTOR_ISSUER, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: 6 });
}

/**
 * The time step a six-digit code belongs to at `now`, or null when it matches none in the tolerance.
 * The caller stores the step and accepts only a later one, so each code signs in once.
 */
export async function matchingStep(secret: string, code: string, now = Date.now()): Promise<number | null> {
  const epoch = Math.floor(now / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS });
  // `delta`: how many periods before (-) or after (+) the current one the code belongs to.
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}

/** The code an authenticator shows at `at` (tests and the demo's journey use it). */
export function codeAt(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

// Secrets at rest: AES-256-GCM with TWO_FACTOR_KEY; "v1.iv.tag.ciphertext" in base64url leaves room for a new key scheme.
export function encryptSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown two-factor secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

// Recovery codes: 8 characters of an alphabet without look-alikes (0/o, 1/l/i), 40 bits each.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 8 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

/** Case and the dash do not matter when a recovery code is typed. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace('-', '')).digest('hex');
}

export const isSixDigitCode = (code: string) => /^\d{6}$/.test(code.trim());
