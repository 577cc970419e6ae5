import { z } from 'zod';
import { listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { isValidCreditCode } from './credit-code.ts';

export const enterpriseSizeClasses = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSizeClass = (typeof enterpriseSizeClasses)[number];

/** GB/T 4754-2017: section letter A–T and a 2–4 digit division/group/class code. */
export const industryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-T](\d{2}|\d{3}|\d{4})$/, { message: 'industry_code_invalid' });

export const creditCodeSchema = z.string().trim().toUpperCase().refine(isValidCreditCode, { message: 'credit_code_invalid' });

const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: 'phone_invalid' });

export const enterpriseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  industryCode: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  sizeClass: z.enum(enterpriseSizeClasses),
  isHighTech: z.boolean(),
  isTechSme: z.boolean(),
  isAboveScale: z.boolean(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****5678) unless the caller may see it in full. */
  contactPhone: z.string().nullable(),
  latestYear: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const enterpriseSortFields = ['name', 'createdAt', 'updatedAt'] as const;
export const enterpriseListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  townId: z.uuid().optional(),
  industryCode: z.string().trim().toUpperCase().max(5).optional(),
  sizeClass: z.enum(enterpriseSizeClasses).optional(),
  isHighTech: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  isTechSme: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  isAboveScale: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(enterpriseSortFields).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const enterpriseListSchema = listResponseSchema(enterpriseSchema);

/** The writable fields, without defaults: a default inside an update schema would overwrite what the client did not send. */
const enterpriseFieldsSchema = z.object({
  name: text(120),
  creditCode: creditCodeSchema,
  industryCode: industryCodeSchema,
  townId: z.uuid(),
  sizeClass: z.enum(enterpriseSizeClasses),
  isHighTech: z.boolean(),
  isTechSme: z.boolean(),
  isAboveScale: z.boolean(),
  address: optionalText(200),
  description: optionalText(4000),
  contactName: optionalText(40),
  contactPhone: mobile.nullish(),
});

export const enterpriseCreateSchema = enterpriseFieldsSchema
  .extend({
    isHighTech: z.boolean().default(false),
    isTechSme: z.boolean().default(false),
    isAboveScale: z.boolean().default(false),
  })
  .strict();
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;

/** Admins may change everything but the credit code; the town moves only by a city admin. */
export const enterpriseUpdateSchema = enterpriseFieldsSchema.omit({ creditCode: true }).partial().strict();
export type EnterpriseUpdate = z.infer<typeof enterpriseUpdateSchema>;

/** What an enterprise user may change about itself: its profile, not its classification. */
export const enterpriseProfileUpdateSchema = enterpriseCreateSchema
  .pick({ name: true, address: true, description: true, contactName: true, contactPhone: true, industryCode: true })
  .partial()
  .strict();

export const MIN_FIGURES_YEAR = 2000;
export const annualFiguresSchema = z.object({
  year: z.number().int(),
  revenueFen: z.number().int(),
  rdExpenditureFen: z.number().int(),
  employees: z.number().int(),
  rdStaff: z.number().int(),
  highTechOutputFen: z.number().int(),
  updatedAt: z.string(),
});
export type AnnualFigures = z.infer<typeof annualFiguresSchema>;
export const annualFiguresListSchema = z.object({ items: z.array(annualFiguresSchema) });

const bigFen = z.number().int().min(0).max(100_000_000_000_000); // ≤ 1 trillion yuan
export const annualFiguresBodySchema = z
  .object({
    revenueFen: bigFen,
    rdExpenditureFen: bigFen,
    employees: z.number().int().min(0).max(1_000_000),
    rdStaff: z.number().int().min(0).max(1_000_000),
    highTechOutputFen: bigFen,
  })
  .strict()
  .refine((v) => v.rdStaff <= v.employees, { message: 'rd_staff_exceeds_employees', path: ['rdStaff'] });
export const yearParamsSchema = z.object({ id: z.uuid(), year: z.coerce.number().int().min(MIN_FIGURES_YEAR).max(2100) }).strict();
