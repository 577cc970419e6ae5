import type { Statistic, StatisticSubmission } from '@innotown/contracts/targets';

/**
 * The form's arithmetic, kept apart from the components so it can be tested: the year-on-year change
 * (the same formula the server's check uses) and the differences between two versions of a submission.
 */

/** Change against last year in percent; null without a usable previous value (missing or zero). */
export function yearOnYearPct(value: number | null | undefined, previous: number | null | undefined): number | null {
  if (value === null || value === undefined || previous === null || previous === undefined || previous === 0) return null;
  return ((value - previous) / Math.abs(previous)) * 100;
}

/** Whether a value moved beyond the statistic's threshold, so that an explanation is required. */
export function needsExplanation(statistic: Pick<Statistic, 'yoyThresholdPct'>, change: number | null): boolean {
  return change !== null && Math.abs(change) > statistic.yoyThresholdPct;
}

export function formatChange(change: number | null): string {
  if (change === null) return '—';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

export function formatFigure(value: number | null | undefined, locale = 'zh-CN'): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(locale, { maximumFractionDigits: 4 });
}

/** 1234567.5 → "1,234,567.5" while typing (the integer part only, so decimals stay as typed). */
export function groupDigits(value: number | string | undefined): string {
  if (value === undefined || value === '') return '';
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export type ValueChange = {
  code: string;
  from: number | null;
  to: number | null;
  explanationFrom: string | null;
  explanationTo: string | null;
};

/** What changed from one version to the next: values added, removed or changed, and changed explanations. */
export function diffVersions(
  before: Pick<StatisticSubmission, 'values'> | undefined,
  after: Pick<StatisticSubmission, 'values'>,
): ValueChange[] {
  const old = new Map((before?.values ?? []).map((v) => [v.statisticCode, v]));
  const next = new Map(after.values.map((v) => [v.statisticCode, v]));
  const codes = [...new Set([...next.keys(), ...old.keys()])];
  const changes: ValueChange[] = [];
  for (const code of codes) {
    const a = old.get(code);
    const b = next.get(code);
    if (a?.value === b?.value && (a?.explanation ?? null) === (b?.explanation ?? null)) continue;
    changes.push({
      code,
      from: a?.value ?? null,
      to: b?.value ?? null,
      explanationFrom: a?.explanation ?? null,
      explanationTo: b?.explanation ?? null,
    });
  }
  return changes;
}
