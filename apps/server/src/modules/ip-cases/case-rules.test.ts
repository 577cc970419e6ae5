import { describe, expect, it } from 'vitest';
import { calendarFrom } from '../../platform/working-days.ts';
import { isLightingIndustry, type SlaCase, slaFigures, slaOf, triageTrack } from './case-rules.ts';

// 2026: National Day holiday 1–7 Oct (Thu 1 … Wed 7), make-up working days Sun 27 Sep and Sat 10 Oct.
const calendar = calendarFrom([
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
    date,
    isWorkday: false,
  })),
  { date: '2026-09-27', isWorkday: true },
  { date: '2026-10-10', isWorkday: true },
]);
/** A moment on a Shanghai day at hh:00 local time. */
const sh = (day: string, hh = 10) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);
const c = (over: Partial<SlaCase>): SlaCase => ({
  status: 'filed',
  track: 'fast',
  suggestedTrack: 'fast',
  filedAt: sh('2026-11-06'),
  acknowledgedAt: null,
  firstSessionOn: null,
  closedAt: null,
  ...over,
});

describe('triage', () => {
  it('puts design patents of the lighting industry and trade-fair cases on the fast track', () => {
    expect(triageTrack({ patentKind: 'design', lighting: true, tradeFair: false })).toBe('fast');
    expect(triageTrack({ patentKind: 'utility_model', lighting: true, tradeFair: true })).toBe('fast');
    expect(triageTrack({ patentKind: null, lighting: false, tradeFair: true })).toBe('fast');
    expect(triageTrack({ patentKind: 'design', lighting: false, tradeFair: false })).toBe('normal');
    expect(triageTrack({ patentKind: 'utility_model', lighting: true, tradeFair: false })).toBe('normal');
    expect(triageTrack({ patentKind: 'invention', lighting: true, tradeFair: false })).toBe('normal');
  });
  it('knows the lighting industry by industry code C387x or a Locarno 26 design', () => {
    expect(isLightingIndustry('C3872')).toBe(true);
    expect(isLightingIndustry('C3874')).toBe(true);
    expect(isLightingIndustry('C3851', ['26-05'])).toBe(true);
    expect(isLightingIndustry('C3851', ['06-01'])).toBe(false);
    expect(isLightingIndustry(null)).toBe(false);
  });
});

describe('SLA in working days', () => {
  it('a Friday filing acknowledged on Monday is on time (1 working day)', () => {
    // 2026-11-06 is a Friday
    const s = slaOf(c({ status: 'acknowledged', acknowledgedAt: sh('2026-11-09', 9) }), calendar, '2026-11-09');
    expect(s.intakeDue).toBe('2026-11-09');
    expect(s.intakeDays).toBe(1);
    expect(s.late).toEqual([]);
    expect(s.overdue).toBe(false);
  });
  it('acknowledged on Tuesday is one day late; not acknowledged by Tuesday is overdue', () => {
    expect(slaOf(c({ status: 'acknowledged', acknowledgedAt: sh('2026-11-10') }), calendar, '2026-11-10').late).toEqual(['intake']);
    const open = slaOf(c({}), calendar, '2026-11-10');
    expect(open.overdue).toBe(true);
    expect(open.overdueStep).toEqual({ step: 'intake', dueOn: '2026-11-09', workingDaysLate: 1 });
    // still on Monday: due today, not overdue
    expect(slaOf(c({}), calendar, '2026-11-09').overdue).toBe(false);
  });
  it('holidays do not count: filed Wed 30 Sep, due Thu 8 Oct (1–7 Oct off)', () => {
    const s = slaOf(c({ filedAt: sh('2026-09-30'), acknowledgedAt: sh('2026-10-08') }), calendar, '2026-10-08');
    expect(s.intakeDue).toBe('2026-10-08');
    expect(s.intakeDays).toBe(1);
    expect(s.late).toEqual([]);
    // fast track: first mediation 5 working days → Thu 8, Fri 9, Sat 10 (make-up day), Mon 12, Tue 13
    expect(s.firstMediationDue).toBe('2026-10-13');
  });
  it('a make-up working day counts: filed Fri 9 Oct, the Saturday 10 Oct is the intake day', () => {
    expect(slaOf(c({ filedAt: sh('2026-10-09') }), calendar, '2026-10-10').intakeDue).toBe('2026-10-10');
  });
  it('filed on a Saturday: the next working day is due', () => {
    expect(slaOf(c({ filedAt: sh('2026-11-07') }), calendar, '2026-11-07').intakeDue).toBe('2026-11-09');
  });
  it('uses the rule’s suggestion until triage and the normal targets 1/10/60', () => {
    const s = slaOf(c({ track: null, suggestedTrack: 'normal', filedAt: sh('2026-11-02') }), calendar, '2026-11-02');
    expect(s.firstMediationDue).toBe('2026-11-16');
    const f = slaOf(c({ filedAt: sh('2026-11-02') }), calendar, '2026-11-02');
    expect(f.firstMediationDue).toBe('2026-11-09');
    expect(f.closeDue).toBe('2026-11-30');
  });
  it('first mediation does not apply to a case concluded without a session', () => {
    const s = slaOf(
      c({ status: 'closed', filedAt: sh('2026-11-02'), acknowledgedAt: sh('2026-11-02', 15), closedAt: sh('2026-11-20') }),
      calendar,
      '2026-12-30',
    );
    expect(s.firstMediationDue).toBeNull();
    expect(s.late).toEqual([]);
    expect(s.closeDays).toBe(14);
  });
});

describe('dashboard figures on a hand-built set', () => {
  const town = (id: string) => ({ townId: id, townName: id === 'gz' ? '古镇镇' : '小榄镇' });
  const cases = [
    // fast, 古镇: ack 0 wd, session after 3 wd, closed after 10 wd — all on time
    {
      ...c({
        status: 'closed',
        filedAt: sh('2026-11-02'),
        acknowledgedAt: sh('2026-11-02', 15),
        firstSessionOn: '2026-11-05',
        closedAt: sh('2026-11-16'),
      }),
      ...town('gz'),
    },
    // fast, 古镇: ack after 2 wd (late), session after 7 wd (late), open
    {
      ...c({ status: 'mediating', filedAt: sh('2026-11-02'), acknowledgedAt: sh('2026-11-04'), firstSessionOn: '2026-11-11' }),
      ...town('gz'),
    },
    // fast, 小榄: not acknowledged, filed Fri 20 Nov → overdue on Tue 24 Nov
    { ...c({ filedAt: sh('2026-11-20') }), ...town('xl') },
    // normal, 古镇: ack 1 wd, no session yet, 14 wd after filing → first mediation (10) overdue
    {
      ...c({ status: 'assigned', track: 'normal', suggestedTrack: 'normal', filedAt: sh('2026-11-04'), acknowledgedAt: sh('2026-11-05') }),
      ...town('gz'),
    },
  ];
  const f = slaFigures(cases, calendar, '2026-11-24');
  it('per track', () => {
    const fast = f.byTrack.find((g) => g.track === 'fast');
    expect(fast).toMatchObject({ cases: 3, open: 2, overdue: 1 });
    expect(fast?.intake).toEqual({ count: 2, averageDays: 1, p50Days: 1, onTime: 1, late: 2 });
    expect(fast?.firstMediation).toEqual({ count: 2, averageDays: 5, p50Days: 5, onTime: 1, late: 1 });
    expect(fast?.close).toEqual({ count: 1, averageDays: 10, p50Days: 10, onTime: 1, late: 0 });
    const normal = f.byTrack.find((g) => g.track === 'normal');
    expect(normal).toMatchObject({ cases: 1, open: 1, overdue: 1 });
    expect(normal?.intake).toEqual({ count: 1, averageDays: 1, p50Days: 1, onTime: 1, late: 0 });
    expect(normal?.firstMediation).toEqual({ count: 0, averageDays: null, p50Days: null, onTime: 0, late: 1 });
  });
  it('per track and town', () => {
    expect(f.byTrackAndTown.map((g) => [g.track, g.townName, g.cases, g.overdue])).toEqual([
      ['fast', '古镇镇', 2, 0],
      ['fast', '小榄镇', 1, 1],
      ['normal', '古镇镇', 1, 1],
    ]);
  });
});
