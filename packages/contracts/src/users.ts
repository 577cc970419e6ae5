import { z } from 'zod';
import { passwordSchema, usernameSchema } from './auth.ts';
import { listResponseSchema, paginationQuerySchema, roleSchema } from './common.ts';

export const userStatuses = ['active', 'disabled'] as const;

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  status: z.enum(userStatuses),
  townId: z.uuid().nullable(),
  institutionId: z.uuid().nullable(),
  enterpriseId: z.uuid().nullable(),
  bindingName: z.string().nullable(),
  email: z.string().nullable(),
  /** Masked (138****5678). */
  phone: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** Signs in with an authenticator app (two-factor sign-in confirmed). */
  twoFactorEnabled: z.boolean(),
  /** The account's personal data was erased on request; it stays disabled. */
  erasedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  role: roleSchema.optional(),
  status: z.enum(userStatuses).optional(),
  townId: z.uuid().optional(),
});
export const userListSchema = listResponseSchema(userSchema);

const bindings = {
  townId: z.uuid().nullish(),
  institutionId: z.uuid().nullish(),
  enterpriseId: z.uuid().nullish(),
};

export const userCreateSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    displayName: z.string().trim().min(1).max(64),
    role: roleSchema,
    ...bindings,
    email: z.email().max(120).nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^1[3-9]\d{9}$/, { message: 'phone_invalid' })
      .nullish(),
  })
  .strict();
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(64),
    role: roleSchema,
    ...bindings,
    status: z.enum(userStatuses),
    email: z.email().max(120).nullable(),
    phone: z
      .string()
      .trim()
      .regex(/^1[3-9]\d{9}$/, { message: 'phone_invalid' })
      .nullable(),
    /** Set a new password for the user (an admin reset). */
    password: passwordSchema,
  })
  .partial()
  .strict();
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** A user asks the city to erase their account's personal data (PIPL art. 47); the city admins are told. */
export const erasureRequestSchema = z.object({ reason: z.string().trim().max(500).optional() }).strict();
