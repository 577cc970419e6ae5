import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api-client.ts';
import { currentLocale, i18n } from '../i18n/i18n.ts';

/** "body.industries.0" or "industries[0]" → ['industries', 0], the NamePath antd forms use. */
export function fieldPathToNamePath(path: string): (string | number)[] {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's field errors onto the form's fields. Returns the message to show for whatever
 * could not be attached to a field (or null when every problem sits on a field).
 */
export function applyApiErrorToForm(
  form: FormInstance,
  error: unknown,
  /** API field name → form field name, where the form edits a value in other units. */
  rename: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError) || error.fields.length === 0) return errorMessage(error);
  const locale = currentLocale();
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(
      form
        .getFieldsError()
        .map((entry) => String(entry.name[0] ?? ''))
        .filter(Boolean),
    ),
  );
  const attached: { name: (string | number)[]; errors: string[] }[] = [];
  const loose: string[] = [];
  for (const field of error.fields) {
    const name = fieldPathToNamePath(field.path);
    const renamed = rename[String(name[0])];
    if (renamed) name[0] = renamed;
    const message = locale === 'zh-CN' ? field.messageZh : field.messageEn;
    if (name.length > 0 && known.has(String(name[0]))) attached.push({ name, errors: [message] });
    else loose.push(message);
  }
  form.setFields(attached);
  if (loose.length > 0) return i18n.t('common.labelValue', { label: error.localizedMessage(), value: loose.join('; ') });
  return attached.length > 0 ? null : error.localizedMessage();
}
