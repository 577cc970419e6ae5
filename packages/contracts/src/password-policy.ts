/** Password rule (等保 2.0 composition): ≥ 8 characters, at least 3 of 4 character classes, not a common password. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password1!',
  'password123',
  'passw0rd!',
  'p@ssw0rd',
  'p@ssword1',
  'qwerty123!',
  'admin@123',
  'admin123!',
  'abc@12345',
  'abcd@1234',
  'welcome1!',
  'iloveyou1!',
  'zxcvbnm1!',
  'qwer@1234',
  'aa123456!',
  'a1234567!',
  'p@ssw0rd1',
  'password@123',
  'admin@1234',
  'root@123',
  'test@123',
  'qq123456!',
  'woaini520!',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'too_common';

export function passwordClassCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export function checkPassword(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (passwordClassCount(password) < 3) return 'too_few_classes';
  if (COMMON.has(password.toLowerCase())) return 'too_common';
  return null;
}
