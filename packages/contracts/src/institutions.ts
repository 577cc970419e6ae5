import { z } from 'zod';
import { listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { isValidCreditCode } from './credit-code.ts';

export const institutionTypes = [
  'university',
  'research_institute',
  'public_service_platform',
  'productivity_centre',
  'testing_lab',
  'bank',
  'guarantor',
  'insurer',
  'ip_agency',
  /** The IP protection centre (知识产权快速维权中心): fast pre-examination and rights-protection cases. */
  'ip_protection_centre',
] as const;
export type InstitutionType = (typeof institutionTypes)[number];
export const institutionLevels = ['national', 'provincial', 'city', 'town'] as const;

export const institutionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(institutionTypes),
  level: z.enum(institutionLevels),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  creditCode: z.string().nullable(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof institutionSchema>;

export const institutionListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  type: z.enum(institutionTypes).optional(),
  level: z.enum(institutionLevels).optional(),
  townId: z.uuid().optional(),
});
export const institutionListSchema = listResponseSchema(institutionSchema);

export const institutionCreateSchema = z
  .object({
    name: text(120),
    type: z.enum(institutionTypes),
    level: z.enum(institutionLevels),
    townId: z.uuid(),
    creditCode: z.string().trim().toUpperCase().refine(isValidCreditCode, { message: 'credit_code_invalid' }).nullish(),
    description: optionalText(4000),
    // http(s) only: the public directory renders it as a link, so javascript: or data: would be a stored XSS.
    website: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .nullish(),
  })
  .strict();
/** Providers and financiers may edit their own institution's profile, not its type, level or town. */
export const institutionProfileUpdateSchema = institutionCreateSchema.pick({ description: true, website: true }).partial().strict();
export const institutionUpdateSchema = institutionCreateSchema.partial().strict();
