import { z } from 'zod';
import { listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

export const townKinds = ['town', 'subdistrict'] as const;

export const townSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(townKinds),
  industries: z.array(z.string()),
  description: z.string().nullable(),
  population: z.number().int().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  enterpriseCount: z.number().int(),
  institutionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Town = z.infer<typeof townSchema>;

export const townListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
});
export const townListSchema = listResponseSchema(townSchema);

/** The writable fields, without defaults: a default inside the update schema would overwrite what the client did not send. */
const townFieldsSchema = z.object({
  code: z.string().regex(/^\d{9,12}$/),
  name: text(30),
  nameEn: text(60),
  kind: z.enum(townKinds),
  industries: z.array(text(30)).max(10),
  description: optionalText(2000),
  population: z.number().int().min(0).max(10_000_000).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
});
export const townCreateSchema = townFieldsSchema.extend({ industries: townFieldsSchema.shape.industries.default([]) }).strict();
export const townUpdateSchema = townFieldsSchema.omit({ code: true }).partial().strict();
export type TownCreate = z.infer<typeof townCreateSchema>;
export type TownUpdate = z.infer<typeof townUpdateSchema>;
