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

/** English for the catalogue's Chinese units (a unit not listed shows as typed). */
const UNIT_EN: Record<string, string> = {
  个: '',
  项: '',
  件: '',
  家: '',
  人: 'people',
  万元: '10k yuan',
  亿元: '100m yuan',
  '件/万人': 'per 10,000 people',
  '件/百万人': 'per million people',
  '家/万人': 'per 10,000 people',
};

/** The unit as shown: the dimensionless multiple '1' reads 倍 / ×; Chinese units in English. */
export function unitLabel(unit: string, lang: string) {
  if (unit === '1') return isEn(lang) ? '×' : '倍';
  if (isEn(lang)) return UNIT_EN[unit] ?? unit;
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
  if (u === '%') return `${formatValue(v, lang)}%`;
  return u ? `${formatValue(v, lang)} ${u}` : formatValue(v, lang);
}

/** The composite index (0–100) with one decimal. */
export const formatIndex = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

export const formatPercent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** "name（unit）" in Chinese, "name (unit)" in English. */
export function labelWithUnit(name: string, unit: string, lang: string) {
  const u = unitLabel(unit, lang);
  if (!u) return name;
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

/** A unit column's text: counts, unitless beside a number in English, read "count" there. */
export function unitColumn(unit: string, lang: string) {
  return unitLabel(unit, lang) || 'count';
}

/** The latest year every town's figures are approved for (else the latest year with any): the default view. */
export function latestCompleteYear(
  o: { years: number[]; townsReporting: { year: number; towns: number }[]; townCount: number } | undefined,
) {
  if (!o) return undefined;
  return o.townsReporting.filter((r) => r.towns >= o.townCount).at(-1)?.year ?? o.years.at(-1);
}
