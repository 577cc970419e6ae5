import type { Indicator, ProgressStatus } from '@innotown/contracts/targets';

/** Traffic-light colours of the progress statuses (also the legend's order). */
export const STATUS_COLORS: Record<ProgressStatus, string> = {
  achieved: '#389e0d',
  on_track: '#52c41a',
  lagging: '#faad14',
  behind: '#f5222d',
  no_target: '#8c8c8c',
  no_data: '#d9d9d9',
};
export const STATUS_ORDER: readonly ProgressStatus[] = ['achieved', 'on_track', 'lagging', 'behind', 'no_target', 'no_data'];

const isEn = (lang: string) => lang.startsWith('en');

export function indicatorName(i: Pick<Indicator, 'nameZh' | 'nameEn'>, lang: string) {
  return isEn(lang) ? i.nameEn : i.nameZh;
}

export function townName(t: { name?: string; nameEn?: string; townName?: string; townNameEn?: string }, lang: string) {
  return (isEn(lang) ? (t.nameEn ?? t.townNameEn) : (t.name ?? t.townName)) ?? '';
}

/** The unit as shown: the dimensionless multiple '1' reads 倍 / ×. */
export function unitLabel(unit: string, lang: string) {
  if (unit === '1') return isEn(lang) ? '×' : '倍';
  return unit;
}

/** Digits by magnitude: small ratios keep two decimals, large counts none. */
export function formatValue(v: number | null | undefined, lang = 'zh-CN'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return v.toLocaleString(isEn(lang) ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatWithUnit(v: number | null | undefined, unit: string, lang: string) {
  if (v === null || v === undefined) return '—';
  const u = unitLabel(unit, lang);
  return u === '%' ? `${formatValue(v, lang)}%` : `${formatValue(v, lang)} ${u}`;
}

/** The composite index (0–100) with one decimal. */
export const formatIndex = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

export const formatPercent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** "name（unit）" in Chinese, "name (unit)" in English. */
export function labelWithUnit(name: string, unit: string, lang: string) {
  const u = unitLabel(unit, lang);
  return isEn(lang) ? `${name} (${u})` : `${name}（${u}）`;
}

/**
 * Whether the base year already met the target (e.g. a count summed over the towns beyond the city's
 * target): then the share of the way and the straight path from base to target mean nothing.
 */
export function baseBeyondTarget(p: { base: { value: number } | null; target: { value: number } | null }, direction: string) {
  if (!p.base || !p.target) return false;
  return direction === 'lower' ? p.base.value <= p.target.value : p.base.value >= p.target.value;
}
