import { isValidCreditCode } from '@innotown/contracts/credit-code';
import { type ValidationMessageKey, validationMessages } from '@innotown/contracts/messages';
import { checkPassword } from '@innotown/contracts/password-policy';
import type { FormRule } from 'antd';
import { currentLocale, i18n } from '../i18n/i18n.ts';

/** A shared validation message (from contracts) in the current language. */
export function validationMessage(key: ValidationMessageKey): string {
  const entry = validationMessages[key];
  return currentLocale() === 'zh-CN' ? entry.zh : entry.en;
}

function isKey(value: string): value is ValidationMessageKey {
  return Object.hasOwn(validationMessages, value);
}

type SafeParser = {
  safeParse: (value: unknown) => { success: true } | { success: false; error: { issues: { message: string }[] } };
};

/** Runs a contract zod schema as an antd rule; our own issue codes get their bilingual message. */
export function schemaRule(schema: SafeParser): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (result.success) return;
      const code = result.error.issues[0]?.message ?? '';
      throw new Error(isKey(code) ? validationMessage(code) : i18n.t('validation.invalid'));
    },
  };
}

export const creditCodeRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    if (!isValidCreditCode(value.trim().toUpperCase())) throw new Error(validationMessage('credit_code_invalid'));
  },
};

export const passwordRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (typeof value !== 'string' || value === '') return;
    const problem = checkPassword(value);
    if (problem) throw new Error(validationMessage(`password_${problem}`));
  },
};

export const mobileRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '' || value.includes('*')) return;
    if (!/^1[3-9]\d{9}$/.test(value.trim())) throw new Error(validationMessage('phone_invalid'));
  },
};

/** `text` trims and rejects blanks; `select` says "please select"; `value` (numbers, dates) only requires a value. */
export function requiredRule(field: string, kind: 'text' | 'select' | 'value' = 'text'): FormRule {
  if (kind !== 'text') {
    // A custom check: without a type, async-validator expects a string, so numbers and dates would fail.
    const message = i18n.t(kind === 'select' ? 'validation.select' : 'validation.required', { field });
    return {
      required: true,
      validator: async (_rule, value: unknown) => {
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
          throw new Error(message);
        }
      },
    };
  }
  return {
    required: true,
    whitespace: true,
    message: i18n.t('validation.required', { field }),
  };
}

export function maxRule(max: number): FormRule {
  return { max, message: i18n.t('validation.maxLength', { max }) };
}

/** Optional text input → trimmed string, or null when left empty (the API's "nullish" fields). */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
