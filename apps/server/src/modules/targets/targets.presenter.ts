import type { TownDashboard } from '@innotown/contracts/target-dashboards';
import type {
  CityOverview,
  Indicator,
  IndicatorDetail,
  ReportingPeriod,
  Statistic,
  StatisticSubmission,
  TownComparison,
} from '@innotown/contracts/targets';
import type { cityOverview, IndicatorDefinition, townComparison } from './indicators.service.ts';
import type { findSubmission } from './submissions.service.ts';
import type { IndicatorRow, PeriodRow, StatisticRow } from './targets.repository.ts';
import type { townDashboard } from './town-dashboard.ts';

export function presentStatistic(s: StatisticRow): Statistic {
  return {
    code: s.code,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    unit: s.unit,
    source: s.source as Statistic['source'],
    minValue: s.minValue,
    maxValue: s.maxValue,
    yoyThresholdPct: s.yoyThresholdPct,
    required: s.required,
  };
}

export function presentPeriod(p: PeriodRow): ReportingPeriod {
  return { id: p.id, year: p.year, quarter: p.quarter, deadline: p.deadline, status: p.status as ReportingPeriod['status'] };
}

type SubmissionSummaryRow = Omit<Awaited<ReturnType<typeof findSubmission>>, 'values'>;

export function presentSubmissionSummary(s: SubmissionSummaryRow): Omit<StatisticSubmission, 'values'> {
  return {
    id: s.id,
    periodId: s.periodId,
    year: s.year,
    quarter: s.quarter,
    townId: s.townId,
    townName: s.townName,
    version: s.version,
    status: s.status as StatisticSubmission['status'],
    createdAt: s.createdAt.toISOString(),
    submittedAt: s.submittedAt?.toISOString() ?? null,
    submittedByName: s.submittedByName,
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    reviewedByName: s.reviewedByName,
    reviewComment: s.reviewComment,
  };
}

export function presentSubmission(s: Awaited<ReturnType<typeof findSubmission>>): StatisticSubmission {
  return {
    ...presentSubmissionSummary(s),
    values: s.values.map((v) => ({
      statisticCode: v.statisticCode,
      value: v.value,
      explanation: v.explanation,
      previousYearValue: v.previousYearValue,
    })),
  };
}

export function presentTownProgress(t: {
  townId: string;
  townName: string;
  status: string | null;
  version: number | null;
  submissionId: string | null;
  late: boolean;
}) {
  return {
    townId: t.townId,
    townName: t.townName,
    status: t.status as StatisticSubmission['status'] | null,
    version: t.version,
    submissionId: t.submissionId,
    late: t.late,
  };
}

export function presentIndicator(i: IndicatorDefinition): Indicator {
  return presentIndicatorRow(i, i.compiled !== null);
}

function presentIndicatorRow(i: IndicatorRow, formulaValid: boolean): Indicator {
  return {
    id: i.id,
    code: i.code,
    nameZh: i.nameZh,
    nameEn: i.nameEn,
    unit: i.unit,
    formula: i.formula,
    direction: i.direction as Indicator['direction'],
    baseYear: i.baseYear,
    inIndex: i.inIndex,
    version: i.version,
    formulaValid,
  };
}

export function presentIndicatorDetail(
  i: IndicatorRow & { formulaValid: boolean; targets: { year: number; value: number; townId: string | null }[] },
): IndicatorDetail {
  return { ...presentIndicatorRow(i, i.formulaValid), targets: i.targets, updatedAt: i.updatedAt.toISOString() };
}

export function presentRevision(r: { version: number; snapshot: unknown; changedByName: string | null; changedAt: Date }) {
  return {
    version: r.version,
    snapshot: r.snapshot as Record<string, unknown>,
    changedByName: r.changedByName,
    changedAt: r.changedAt.toISOString(),
  };
}

export function presentOverview(o: Awaited<ReturnType<typeof cityOverview>>): CityOverview {
  return {
    items: o.items.map((x) => ({ indicator: presentIndicator(x.indicator), series: x.series, targets: x.targets, progress: x.progress })),
    years: o.years,
    townsReporting: o.townsReporting,
    townCount: o.townCount,
  };
}

export function presentTownComparison(c: Awaited<ReturnType<typeof townComparison>>): TownComparison {
  return { year: c.year, indicators: c.indicators.map(presentIndicator), towns: c.towns, indexTreatments: c.indexTreatments };
}

export function presentTownDashboard(d: Awaited<ReturnType<typeof townDashboard>>): TownDashboard {
  return { ...d, indicators: d.indicators.map((x) => ({ ...x, indicator: presentIndicator(x.indicator) })) };
}
