import { z } from 'zod';

/** Roles of signed-in users; anonymous callers have no role. */
export const roles = ['city_admin', 'town_admin', 'provider', 'enterprise', 'expert', 'financier'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: idSchema }).strict();

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

/** The one pagination convention: 1-based `page`, `pageSize` ≤ 100. */
export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type ListResponse<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Field-level problem inside a 400 error; messages in both languages. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The one error shape of the API. `message` follows Accept-Language (Chinese by default). */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageZh: z.string().optional(),
    messageEn: z.string().optional(),
    details: z
      .object({ fields: z.array(fieldErrorSchema).optional() })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Trimmed, non-empty, bounded text. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** Integer amounts of money in fen (1 yuan = 100 fen). */
export const fenSchema = z
  .number()
  .int()
  .min(0)
  .max(9_000_000_000_000_000 / 1000);

export const isoDateTime = z.string();
