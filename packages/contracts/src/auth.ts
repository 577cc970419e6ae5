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
});
export type Me = z.infer<typeof meSchema>;
