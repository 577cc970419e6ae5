import type { FieldError } from '@innotown/contracts/common';

/**
 * Checks on a town's statistics, field by field, in both languages. A draft may be incomplete; a
 * submission must be complete. Values are in the statistic's unit; a value outside the statistic's
 * plausible range is refused (the usual cause is a wrong unit — 元 typed where 万元 is asked).
 */

export type StatisticRule = {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  source: 'submitted' | 'platform';
  minValue: number;
  maxValue: number;
  yoyThresholdPct: number;
  required: boolean;
};

export type SubmittedValue = { value: number; explanation?: string | null };

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 4 });

function field(code: string, rule: string, zh: string, en: string): FieldError {
  return { path: `values.${code}`, code: rule, message: zh, messageZh: zh, messageEn: en };
}

/** How far a value moved against last year, in percent; null without a usable previous value. */
export function yearOnYearPct(value: number, previous: number | undefined): number | null {
  if (previous === undefined || previous === 0) return null;
  return ((value - previous) / Math.abs(previous)) * 100;
}

export function checkSubmission(
  values: Record<string, SubmittedValue>,
  rules: ReadonlyMap<string, StatisticRule>,
  previousYear: ReadonlyMap<string, number>,
  mode: 'draft' | 'submit',
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [code, v] of Object.entries(values)) {
    const rule = rules.get(code);
    if (!rule) {
      errors.push(field(code, 'unknown_statistic', `未知的统计指标 ${code}`, `Unknown statistic ${code}`));
      continue;
    }
    if (rule.source === 'platform') {
      errors.push(
        field(
          code,
          'computed_statistic',
          `${rule.nameZh}由平台自动计算，无需填报`,
          `${rule.nameEn} is computed by the platform, not reported`,
        ),
      );
      continue;
    }
    if (!Number.isFinite(v.value)) {
      errors.push(field(code, 'not_a_number', `${rule.nameZh}须为数字`, `${rule.nameEn} must be a number`));
      continue;
    }
    if (v.value < rule.minValue || v.value > rule.maxValue) {
      const range = `${fmt(rule.minValue)}–${fmt(rule.maxValue)} ${rule.unit}`;
      errors.push(
        field(
          code,
          v.value < 0 ? 'negative' : 'out_of_range',
          `${rule.nameZh}应在 ${range} 之间，请检查单位（${rule.unit}）`,
          `${rule.nameEn} must lie within ${range}; check the unit (${rule.unit})`,
        ),
      );
      continue;
    }
    const change = yearOnYearPct(v.value, previousYear.get(code));
    if (change !== null && Math.abs(change) > rule.yoyThresholdPct && !v.explanation?.trim()) {
      const pct = `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
      errors.push(
        field(
          code,
          'explanation_required',
          `${rule.nameZh}较上年变化 ${pct}，超过 ${rule.yoyThresholdPct}%，请说明原因`,
          `${rule.nameEn} changed ${pct} against last year (more than ${rule.yoyThresholdPct}%): explain why`,
        ),
      );
    }
  }
  if (mode === 'submit') {
    for (const rule of rules.values()) {
      if (rule.source === 'submitted' && rule.required && values[rule.code] === undefined) {
        errors.push(field(rule.code, 'required', `请填写${rule.nameZh}`, `${rule.nameEn} is required`));
      }
    }
  }
  return errors;
}
