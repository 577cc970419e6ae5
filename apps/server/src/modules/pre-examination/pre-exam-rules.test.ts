import { preExamClassCreateSchema } from '@innotown/contracts/pre-examination';
import { describe, expect, it } from 'vitest';
import { checkEligibility, classGroupOf, classListed, cycleTimes, stats } from './pre-exam-rules.ts';

const CLASSES = [
  { scheme: 'ipc', prefix: 'F21' },
  { scheme: 'ipc', prefix: 'H05B45/' },
  { scheme: 'ipc', prefix: 'H05B47/' },
  { scheme: 'locarno', prefix: '26-' },
  { scheme: 'locarno', prefix: '03-01' },
] as const;

describe('class list', () => {
  it('matches IPC codes by prefix and Locarno by whole class or exact subclass', () => {
    expect(classListed('utility_model', 'F21V29/70', CLASSES)).toBe(true);
    expect(classListed('utility_model', 'F21S8/00', CLASSES)).toBe(true);
    expect(classListed('utility_model', 'H05B45/30', CLASSES)).toBe(true);
    expect(classListed('utility_model', 'H05B47/19', CLASSES)).toBe(true);
    // H05B45/ must not let H05B33/… or H05B4/… through
    expect(classListed('utility_model', 'H05B33/08', CLASSES)).toBe(false);
    expect(classListed('utility_model', 'F24C3/00', CLASSES)).toBe(false);
    expect(classListed('design', '26-05', CLASSES)).toBe(true);
    expect(classListed('design', '03-01', CLASSES)).toBe(true);
    expect(classListed('design', '03-02', CLASSES)).toBe(false);
    expect(classListed('design', '25-01', CLASSES)).toBe(false);
  });
  it('never matches across schemes: a design is not admitted by an IPC entry', () => {
    expect(classListed('design', 'F21V29/70', [{ scheme: 'ipc', prefix: 'F21' }])).toBe(false);
    expect(classListed('utility_model', '26-05', [{ scheme: 'locarno', prefix: '26-' }])).toBe(false);
  });
  it('groups by IPC subclass or Locarno class-subclass', () => {
    expect(classGroupOf('utility_model', 'F21V29/70')).toBe('F21V');
    expect(classGroupOf('design', '26-05')).toBe('26-05');
  });
  it('normalises configured entries: F21* is not a prefix, 26 becomes the whole class', () => {
    expect(preExamClassCreateSchema.parse({ scheme: 'ipc', prefix: 'f21v 29', label: 'x' }).prefix).toBe('F21V29/');
    expect(preExamClassCreateSchema.parse({ scheme: 'ipc', prefix: 'H05B45/', label: 'x' }).prefix).toBe('H05B45/');
    expect(preExamClassCreateSchema.parse({ scheme: 'locarno', prefix: '26', label: 'x' }).prefix).toBe('26-');
    expect(preExamClassCreateSchema.parse({ scheme: 'locarno', prefix: '26-05', label: 'x' }).prefix).toBe('26-05');
    expect(preExamClassCreateSchema.safeParse({ scheme: 'ipc', prefix: '21F', label: 'x' }).success).toBe(false);
    expect(preExamClassCreateSchema.safeParse({ scheme: 'locarno', prefix: '40', label: 'x' }).success).toBe(false);
  });
});

describe('eligibility', () => {
  const base = { kind: 'design' as const, classCode: '26-05', applicant: { id: 'e1' }, submitterEnterpriseId: 'e1', classes: CLASSES };
  it('admits a local applicant filing for itself in a listed class', () => {
    expect(checkEligibility(base)).toEqual([]);
  });
  it('reports every failing rule', () => {
    expect(checkEligibility({ ...base, applicant: null })).toEqual(['applicant_not_local']);
    expect(checkEligibility({ ...base, applicant: { id: 'e2' } })).toEqual(['applicant_not_own']);
    expect(checkEligibility({ ...base, classCode: '06-01' })).toEqual(['class_not_listed']);
    expect(checkEligibility({ ...base, applicant: null, classCode: '06-01' })).toEqual(['applicant_not_local', 'class_not_listed']);
    expect(checkEligibility({ ...base, classes: [] })).toEqual(['class_not_listed']);
  });
});

describe('cycle-time figures', () => {
  it('median and average, rounded to 0.1; empty gives null', () => {
    expect(stats([])).toEqual({ count: 0, p50: null, average: null });
    expect(stats([3, 1, 2])).toEqual({ count: 3, p50: 2, average: 2 });
    expect(stats([1, 2, 3, 10])).toEqual({ count: 4, p50: 2.5, average: 4 });
    expect(stats([1, 1, 2])).toEqual({ count: 3, p50: 1, average: 1.3 });
  });
  it('counts days in Shanghai calendar days per class, only applications that reached the step', () => {
    const at = (iso: string) => new Date(iso);
    const r = cycleTimes([
      // submitted 1 May 23:30 Shanghai (15:30Z), passed 3 May 09:00 Shanghai → 2 days; granted 13 May → 10 days
      {
        kind: 'design',
        classGroup: '26-05',
        firstSubmittedAt: at('2026-05-01T15:30:00Z'),
        passedAt: at('2026-05-03T01:00:00Z'),
        grantedOn: '2026-05-13',
        round: 1,
      },
      // 4 days, 3 rounds, not granted yet
      {
        kind: 'design',
        classGroup: '26-05',
        firstSubmittedAt: at('2026-05-01T02:00:00Z'),
        passedAt: at('2026-05-05T02:00:00Z'),
        grantedOn: null,
        round: 3,
      },
      // still in examination
      { kind: 'design', classGroup: '26-05', firstSubmittedAt: at('2026-05-02T02:00:00Z'), passedAt: null, grantedOn: null, round: 2 },
      {
        kind: 'utility_model',
        classGroup: 'F21V',
        firstSubmittedAt: at('2026-05-01T02:00:00Z'),
        passedAt: at('2026-05-08T02:00:00Z'),
        grantedOn: '2026-06-07',
        round: 2,
      },
    ]);
    expect(r.rows).toEqual([
      {
        classGroup: '26-05',
        kind: 'design',
        applications: 3,
        submissionToPassDays: { count: 2, p50: 3, average: 3 },
        passToGrantDays: { count: 1, p50: 10, average: 10 },
        rounds: { count: 2, p50: 2, average: 2 },
      },
      {
        classGroup: 'F21V',
        kind: 'utility_model',
        applications: 1,
        submissionToPassDays: { count: 1, p50: 7, average: 7 },
        passToGrantDays: { count: 1, p50: 30, average: 30 },
        rounds: { count: 1, p50: 2, average: 2 },
      },
    ]);
    expect(r.total.applications).toBe(4);
    expect(r.total.submissionToPassDays).toEqual({ count: 3, p50: 4, average: 4.3 });
  });
});
