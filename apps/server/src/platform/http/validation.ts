import type { FieldError } from '@innotown/contracts/common';
import { type ValidationMessageKey, validationMessages } from '@innotown/contracts/messages';
import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import { AppError, PlatformErrors } from '../errors.ts';

const zhError = z.locales.zhCN().localeError;
const enError = z.locales.en().localeError;

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string[] {
  const base = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...base, k].join('.'));
  return [base.join('.')];
}

/**
 * Turns a failed parse into field errors with messages in both languages: zod's own locales
 * for built-in checks, our message table for the codes our schemas raise.
 */
export function fieldErrorsOf(schema: ZodType, data: unknown, issues: Issue[]): FieldError[] {
  const zh = schema.safeParse(data, { error: zhError }).error?.issues ?? issues;
  const en = schema.safeParse(data, { error: enError }).error?.issues ?? issues;
  const fields: FieldError[] = [];
  issues.forEach((issue, i) => {
    const known = validationMessages[issue.message as ValidationMessageKey];
    const code = known ? issue.message : issue.code;
    const messageZh = known ? known.zh : (zh[i]?.message ?? issue.message);
    const messageEn = known ? known.en : (en[i]?.message ?? issue.message);
    for (const path of pathOf(issue)) fields.push({ path, code, message: messageZh, messageZh, messageEn });
  });
  return fields;
}

export function validationError(fields: FieldError[]): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, { fields });
}

/** Fastify validator for zod schemas that reports our error shape. */
export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: validationError(fieldErrorsOf(schema, data, result.error.issues)) };
  };

/** Validates a value inside a service (for input that does not come through a route schema). */
export function parseOrThrow<T extends ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw validationError(fieldErrorsOf(schema, data, result.error.issues));
}
