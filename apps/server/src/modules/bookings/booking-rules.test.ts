import { describe, expect, it } from 'vitest';
import {
  cancellation,
  DEFAULT_BOOKING_SETTINGS,
  modeProblem,
  noShowAllowed,
  type OpeningHours,
  quote,
  slotProblem,
  withinOpeningHours,
} from './booking-rules.ts';

// 2026-09-21 is a Monday; times are Shanghai wall clock (+08:00).
const at = (local: string) => new Date(`${local}+08:00`);
const now = at('2026-09-14T10:00:00');
const weekdaysOnly: OpeningHours = {
  mon: [
    ['09:00', '12:00'],
    ['12:00', '17:30'],
  ],
  tue: [['09:00', '17:30']],
  sat: [['22:00', '24:00']],
  sun: [['00:00', '06:00']],
};
const slot = (a: string, b: string) => ({ start: at(a), end: at(b) });

describe('slot rules', () => {
  it('accepts a slot inside the opening hours, also across touching intervals', () => {
    expect(slotProblem(slot('2026-09-21T09:00:00', '2026-09-21T17:30:00'), weekdaysOnly, now)).toBeNull();
  });

  it('says which rule a slot breaks', () => {
    expect(slotProblem(slot('2026-09-21T10:00:00', '2026-09-21T09:00:00'), weekdaysOnly, now)).toBe('ends_before_start');
    expect(slotProblem(slot('2026-09-21T10:00:00', '2026-09-21T10:00:00'), weekdaysOnly, now)).toBe('ends_before_start');
    expect(slotProblem(slot('2026-09-14T09:00:00', '2026-09-14T11:00:00'), weekdaysOnly, now)).toBe('in_past');
    expect(slotProblem(slot('2026-09-21T10:00:00', '2026-09-21T10:15:00'), weekdaysOnly, now)).toBe('too_short');
    expect(slotProblem(slot('2026-09-21T09:00:00', '2026-09-25T09:00:00'), null, now)).toBe('too_long');
    expect(slotProblem(slot('2026-09-21T08:30:00', '2026-09-21T10:00:00'), weekdaysOnly, now)).toBe('outside_opening_hours');
    expect(slotProblem(slot('2026-09-23T10:00:00', '2026-09-23T11:00:00'), weekdaysOnly, now)).toBe('outside_opening_hours');
  });

  it('reads opening hours in Shanghai time whatever the host zone', () => {
    // 01:00Z on Monday is 09:00 in Shanghai.
    expect(withinOpeningHours(new Date('2026-09-21T01:00:00Z'), new Date('2026-09-21T02:00:00Z'), weekdaysOnly)).toBe(true);
    expect(withinOpeningHours(new Date('2026-09-21T00:30:00Z'), new Date('2026-09-21T02:00:00Z'), weekdaysOnly)).toBe(false);
  });

  it('lets a slot run over midnight only when both days are open there', () => {
    expect(withinOpeningHours(at('2026-09-19T23:00:00'), at('2026-09-20T02:00:00'), weekdaysOnly)).toBe(true);
    expect(withinOpeningHours(at('2026-09-21T17:00:00'), at('2026-09-22T10:00:00'), weekdaysOnly)).toBe(false);
  });

  it('treats a missing schedule as "by arrangement"', () => {
    expect(slotProblem(slot('2026-09-23T03:00:00', '2026-09-23T05:00:00'), null, now)).toBeNull();
  });
});

describe('price before submitting', () => {
  const hourly = { unit: 'hour', minFen: 30_000, maxFen: 45_000 } as const;
  it('bills started half-hours', () => {
    expect(quote(hourly, { mode: 'operator_assisted', ...slot('2026-09-21T09:00:00', '2026-09-21T10:50:00') })).toEqual({
      units: 2,
      unit: 'hour',
      feeFen: 60_000,
      feeMaxFen: 90_000,
    });
    expect(quote(hourly, { mode: 'operator_assisted', ...slot('2026-09-21T09:00:00', '2026-09-21T09:31:00') })?.units).toBe(1);
    expect(quote(hourly, { mode: 'operator_assisted', ...slot('2026-09-21T09:00:00', '2026-09-21T09:30:00') })?.feeFen).toBe(15_000);
  });
  it('rounds an odd-fen half-hour up to the whole fen', () => {
    expect(
      quote({ unit: 'hour', minFen: 101, maxFen: null }, { mode: 'self_service', ...slot('2026-09-21T09:00:00', '2026-09-21T09:30:00') }),
    ).toEqual({
      units: 0.5,
      unit: 'hour',
      feeFen: 51,
      feeMaxFen: 51,
    });
  });
  it('bills started days and samples', () => {
    const daily = { unit: 'day', minFen: 200_000, maxFen: null } as const;
    expect(quote(daily, { mode: 'operator_assisted', ...slot('2026-09-21T09:00:00', '2026-09-22T10:00:00') })?.feeFen).toBe(400_000);
    expect(quote({ unit: 'sample', minFen: 8_000, maxFen: 12_000 }, { mode: 'sample', sampleCount: 5 })).toEqual({
      units: 5,
      unit: 'sample',
      feeFen: 40_000,
      feeMaxFen: 60_000,
    });
  });
  it('has no quote without a listed fee', () => {
    expect(quote({ unit: null, minFen: null, maxFen: null }, { mode: 'sample', sampleCount: 1 })).toBeNull();
  });
});

describe('who may book self-service', () => {
  it('needs a training record and an instrument that allows it', () => {
    expect(modeProblem('self_service', { operatorRequired: false }, true)).toBeNull();
    expect(modeProblem('self_service', { operatorRequired: false }, false)).toBe('training_required');
    expect(modeProblem('self_service', { operatorRequired: true }, true)).toBe('operator_required');
    expect(modeProblem('operator_assisted', { operatorRequired: false }, false)).toBeNull();
    expect(modeProblem('sample', { operatorRequired: true }, false)).toBeNull();
  });
});

describe('cancellation and no-show', () => {
  const start = at('2026-09-21T09:00:00');
  const confirmed = { status: 'confirmed', start };
  const hours = (h: number) => new Date(start.getTime() - h * 3_600_000);
  it('is free until N hours before the start, late after, refused once started', () => {
    expect(cancellation(confirmed, hours(25))).toEqual({ late: false });
    expect(cancellation(confirmed, hours(24))).toEqual({ late: false });
    expect(cancellation(confirmed, hours(23))).toEqual({ late: true });
    expect(cancellation(confirmed, hours(0))).toBe('already_started');
    expect(cancellation(confirmed, hours(5), { ...DEFAULT_BOOKING_SETTINGS, freeCancelHours: 4 })).toEqual({ late: false });
    expect(cancellation({ status: 'requested', start }, hours(1))).toEqual({ late: false });
    expect(cancellation({ status: 'rejected', start }, hours(48))).toBe('not_cancellable');
  });
  it('allows a no-show only after the grace period', () => {
    expect(noShowAllowed(confirmed, hours(-0.25))).toBe(false);
    expect(noShowAllowed(confirmed, hours(-0.5))).toBe(true);
    expect(noShowAllowed({ status: 'requested', start }, hours(-2))).toBe(false);
  });
});
