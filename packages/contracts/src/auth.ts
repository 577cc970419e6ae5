import { z } from 'zod';
import { roleSchema } from './common.ts';
import { creditCodeSchema, industryCodeSchema } from './enterprises.ts';
import { checkPassword } from './password-policy.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{2,31}$/, { message: 'username_invalid' });

export const passwordSchema = z.string().superRefine((value, ctx) => {
  const problem = checkPassword(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `password_${problem}` });
});

export const loginBodySchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

export const registerBodySchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    displayName: z.string().trim().min(1).max(64),
    enterpriseName: z.string().trim().min(2).max(120),
    creditCode: creditCodeSchema,
    townId: z.uuid(),
    industryCode: industryCodeSchema,
  })
  .strict();
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const changePasswordBodySchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict();

/** What `GET /api/v1/me` answers: the user, role and the scope the policy layer applies. */
export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scope: z.object({
    townId: z.uuid().nullable(),
    townName: z.string().nullable(),
    institutionId: z.uuid().nullable(),
    institutionName: z.string().nullable(),
    /** The institution's type, e.g. `ip_protection_centre` (its staff see the centre's menus). */
    institutionType: z.string().nullable(),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
  }),
  locale: z.enum(['zh-CN', 'en-US']),
  sessionExpiresAt: z.string(),
  /** The password is older than the platform allows (PASSWORD_MAX_AGE_DAYS): change it before anything else. */
  passwordExpired: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

// ---------------------------------------------------------------------------------------------
// Two-factor sign-in (TOTP, RFC 6238): every user may turn it on; the city requires it per role.

/** A six-digit code from the authenticator app, or a one-time recovery code (xxxx-xxxx). */
export const twoFactorCodeSchema = z
  .string()
  .trim()
  .regex(/^(\d{6}|[A-Za-z0-9]{4}-?[A-Za-z0-9]{4})$/, { message: 'two_factor_code_invalid' });

/** The password was right and a second step is due: enter a code, or first set up the app (the role requires it). */
export const loginNextStepSchema = z.object({
  next: z.enum(['two_factor_code', 'two_factor_enrol']),
  /** When the pending sign-in ends: the password must be entered again after it. */
  expiresAt: z.string(),
});
export type LoginNextStep = z.infer<typeof loginNextStepSchema>;

export const loginTwoFactorBodySchema = z.object({ code: twoFactorCodeSchema }).strict();

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** The caller's role must use two-factor sign-in (then it cannot be turned off). */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

/** A new secret to add to the authenticator app: the QR code shows `otpauthUri`; `secret` is for typing in. */
export const twoFactorSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string(), account: z.string(), issuer: z.string() });
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

export const twoFactorEnableBodySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: 'two_factor_code_invalid' }),
  })
  .strict();
/** Shown once: each recovery code signs in once when the phone is lost. Signing in through a forced set-up also returns `me`. */
export const twoFactorEnabledSchema = z.object({ recoveryCodes: z.array(z.string()), me: meSchema.nullable() });
export type TwoFactorEnabled = z.infer<typeof twoFactorEnabledSchema>;

export const twoFactorDisableBodySchema = z.object({ currentPassword: z.string().min(1).max(256), code: twoFactorCodeSchema }).strict();
export const twoFactorRecoveryCodesBodySchema = z.object({ code: twoFactorCodeSchema }).strict();
export const twoFactorRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** Which roles must sign in with two factors (等保 level 3 asks it of administrators). */
export const twoFactorPolicySchema = z.object({ requiredRoles: z.array(roleSchema) });
export type TwoFactorPolicy = z.infer<typeof twoFactorPolicySchema>;
export const twoFactorPolicyBodySchema = z.object({ requiredRoles: z.array(roleSchema).max(6) }).strict();
