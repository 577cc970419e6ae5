import { z } from 'zod';
import { listResponseSchema, paginationQuerySchema } from './common.ts';

export const healthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });

/** Public figures for the home dashboard. */
export const overviewSchema = z.object({
  towns: z.number().int(),
  enterprises: z.number().int(),
  institutions: z.number().int(),
  highTechEnterprises: z.number().int(),
  byTown: z.array(
    z.object({
      townId: z.uuid(),
      townName: z.string(),
      townNameEn: z.string(),
      enterprises: z.number().int(),
      institutions: z.number().int(),
      highTechEnterprises: z.number().int(),
    }),
  ),
  institutionsByType: z.array(z.object({ type: z.string(), count: z.number().int() })),
});
export type Overview = z.infer<typeof overviewSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListQuerySchema = paginationQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const notificationListSchema = listResponseSchema(notificationSchema).extend({ unread: z.number().int() });

export const fileSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  purpose: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof fileSchema>;

export const holidaySchema = z.object({
  date: z.string(),
  name: z.string(),
  /** A make-up working day (调休) on a weekend, instead of a day off. */
  isWorkday: z.boolean(),
});
export const holidayListQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const holidayBodySchema = z
  .object({
    date: z.iso.date(),
    name: z.string().trim().min(1).max(40),
    isWorkday: z.boolean().default(false),
  })
  .strict();
/** PUT /holidays/:date — the date comes from the path; a client may repeat it in the body. */
export const holidayPutBodySchema = holidayBodySchema.partial({ date: true });
export const holidayListSchema = z.object({ items: z.array(holidaySchema) });
export const holidayDateParamsSchema = z.object({ date: z.iso.date() }).strict();
