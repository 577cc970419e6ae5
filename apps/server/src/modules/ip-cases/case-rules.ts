import { IP_CASE_SLA, type IpCaseStatus, type IpCaseTrack } from '@innotown/contracts/ip-cases';
import { addWorkingDays, type IsoDate, shanghaiDate, type WorkingCalendar, workingDaysBetween } from '../../platform/working-days.ts';
import { stats } from '../pre-examination/pre-exam-rules.ts';

/**
 * Rules of rights-protection cases, pure: triage and the SLA (working days from the filing day, Asia/Shanghai,
 * by the holiday calendar — a case filed on a Friday and acknowledged on Monday took 1 working day).
 */

/** The lighting industry: 国民经济行业分类 C387x (照明器具制造) or a design in Locarno class 26 (lighting apparatus). */
export function isLightingIndustry(industryCode: string | null | undefined, locarnoCodes: readonly string[] = []): boolean {
  return (industryCode ?? '').startsWith('C387') || locarnoCodes.some((c) => c.startsWith('26-'));
}

/** Fast track: design patents of the lighting industry, and trade-fair cases; everything else normal. */
export function triageTrack(c: { patentKind: string | null; lighting: boolean; tradeFair: boolean }): IpCaseTrack {
  if (c.tradeFair) return 'fast';
  if (c.patentKind === 'design' && c.lighting) return 'fast';
  return 'normal';
}

export type SlaStep = 'intake' | 'firstMediation' | 'close';
export type SlaCase = {
  status: IpCaseStatus;
  track: IpCaseTrack | null;
  suggestedTrack: IpCaseTrack;
  filedAt: Date;
  acknowledgedAt: Date | null;
  firstSessionOn: IsoDate | null;
  closedAt: Date | null;
};
export type SlaView = {
  intakeDue: IsoDate;
  firstMediationDue: IsoDate | null;
  closeDue: IsoDate | null;
  intakeDays: number | null;
  firstMediationDays: number | null;
  closeDays: number | null;
  late: SlaStep[];
  overdue: boolean;
  /** The open step past its due day, with how many working days late. */
  overdueStep: { step: SlaStep; dueOn: IsoDate; workingDaysLate: number } | null;
};

/**
 * The SLA of one case on `today`: due days from the filing day by the case's track (the rule's suggestion until
 * triage); a step is late when done after its due day or still open past it. First mediation does not apply to a
 * case concluded without a session (withdrawn, referred).
 */
export function slaOf(c: SlaCase, calendar: WorkingCalendar, today: IsoDate): SlaView {
  const target = IP_CASE_SLA[c.track ?? c.suggestedTrack];
  const filed = shanghaiDate(c.filedAt);
  const due = {
    intake: addWorkingDays(filed, target.intake, calendar),
    firstMediation: addWorkingDays(filed, target.firstMediation, calendar),
    close: addWorkingDays(filed, target.close, calendar),
  };
  const days = (d: IsoDate | null) => (d ? workingDaysBetween(filed, d, calendar) : null);
  const intakeDays = days(c.acknowledgedAt ? shanghaiDate(c.acknowledgedAt) : null);
  const firstMediationDays = days(c.firstSessionOn);
  const closeDays = days(c.closedAt ? shanghaiDate(c.closedAt) : null);
  const concluded = c.status === 'concluded' || c.status === 'closed';
  const mediationApplies = c.firstSessionOn !== null || !concluded;
  const late: SlaStep[] = [];
  let overdueStep: SlaView['overdueStep'] = null;
  const check = (step: SlaStep, doneDays: number | null, limit: number, dueOn: IsoDate) => {
    if (doneDays !== null) {
      if (doneDays > limit) late.push(step);
    } else if (today > dueOn) {
      late.push(step);
      overdueStep ??= { step, dueOn, workingDaysLate: workingDaysBetween(dueOn, today, calendar) };
    }
  };
  check('intake', intakeDays, target.intake, due.intake);
  if (mediationApplies) check('firstMediation', firstMediationDays, target.firstMediation, due.firstMediation);
  check('close', closeDays, target.close, due.close);
  return {
    intakeDue: due.intake,
    firstMediationDue: mediationApplies ? due.firstMediation : null,
    closeDue: due.close,
    intakeDays,
    firstMediationDays,
    closeDays,
    late,
    overdue: overdueStep !== null,
    overdueStep,
  };
}

export type DashboardCase = SlaCase & { townId: string; townName: string };

function metric(list: readonly { sla: SlaView }[], step: SlaStep) {
  const key = step === 'intake' ? 'intakeDays' : step === 'firstMediation' ? 'firstMediationDays' : 'closeDays';
  const done = list.map((c) => c.sla[key]).filter((d): d is number => d !== null);
  const s = stats(done);
  const lateDone = list.filter((c) => c.sla[key] !== null && c.sla.late.includes(step)).length;
  return {
    count: done.length,
    averageDays: s.average,
    p50Days: s.p50,
    onTime: done.length - lateDone,
    late: list.filter((c) => c.sla.late.includes(step)).length,
  };
}

/** Figures per track and per track and town (towns sorted by name), over the given cases. */
export function slaFigures<C extends DashboardCase>(cases: readonly C[], calendar: WorkingCalendar, today: IsoDate) {
  const withSla = cases.map((c) => ({ ...c, sla: slaOf(c, calendar, today), effectiveTrack: c.track ?? c.suggestedTrack }));
  const group = (list: typeof withSla, track: IpCaseTrack, townId: string | null, townName: string | null) => ({
    track,
    townId,
    townName,
    cases: list.length,
    open: list.filter((c) => c.status !== 'closed').length,
    overdue: list.filter((c) => c.sla.overdue).length,
    intake: metric(list, 'intake'),
    firstMediation: metric(list, 'firstMediation'),
    close: metric(list, 'close'),
  });
  const tracks: IpCaseTrack[] = ['fast', 'normal'];
  const byTrack = tracks.map((t) =>
    group(
      withSla.filter((c) => c.effectiveTrack === t),
      t,
      null,
      null,
    ),
  );
  const byTrackAndTown = tracks.flatMap((t) => {
    const towns = new Map<string, string>();
    for (const c of withSla) if (c.effectiveTrack === t) towns.set(c.townId, c.townName);
    return [...towns.entries()]
      .sort((a, b) => a[1].localeCompare(b[1], 'zh'))
      .map(([id, name]) =>
        group(
          withSla.filter((c) => c.effectiveTrack === t && c.townId === id),
          t,
          id,
          name,
        ),
      );
  });
  return { withSla, byTrack, byTrackAndTown };
}
