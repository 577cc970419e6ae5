import { describe, expect, it } from 'vitest';
import { type Attempt, isLocked, type LockoutRule, lockedUntil } from './lockout.ts';

const RULE: LockoutRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
const NOW = new Date('2026-03-02T08:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const fail = (m: number): Attempt => ({ success: false, at: minutesAgo(m) });
const ok = (m: number): Attempt => ({ success: true, at: minutesAgo(m) });

describe('lockout rule', () => {
  it('does not lock after 4 failures', () => {
    const attempts = [fail(1), fail(2), fail(3), fail(4)];
    expect(lockedUntil(attempts, RULE)).toBeNull();
    expect(isLocked(attempts, RULE, NOW)).toBe(false);
  });

  it('locks after 5 failures within the window, for the lock period from the last failure', () => {
    const attempts = [fail(1), fail(2), fail(3), fail(4), fail(5)];
    expect(lockedUntil(attempts, RULE)).toEqual(new Date(minutesAgo(1).getTime() + 15 * 60_000));
    expect(isLocked(attempts, RULE, NOW)).toBe(true);
  });

  it('ends the lock once the lock period has passed', () => {
    const attempts = [fail(16), fail(17), fail(18), fail(19), fail(20)];
    expect(isLocked(attempts, RULE, NOW)).toBe(false);
    // Exactly at the end of the period the lock is over; a millisecond before it still holds.
    const until = lockedUntil(attempts, RULE) as Date;
    expect(isLocked(attempts, RULE, until)).toBe(false);
    expect(isLocked(attempts, RULE, new Date(until.getTime() - 1))).toBe(true);
  });

  it('does not lock when the 5 failures are spread over more than the window', () => {
    const attempts = [fail(0), fail(4), fail(8), fail(12), fail(16)];
    expect(lockedUntil(attempts, RULE)).toBeNull();
  });

  it('locks on exactly the window between first and fifth failure', () => {
    expect(isLocked([fail(0), fail(4), fail(8), fail(12), fail(15)], RULE, NOW)).toBe(true);
  });

  it('finds a run of 5 inside a longer series of failures', () => {
    // The newest failure is lonely; the five before it are within 15 minutes of one another.
    const attempts = [fail(1), fail(20), fail(21), fail(22), fail(23), fail(24)];
    expect(lockedUntil(attempts, RULE)).toEqual(new Date(minutesAgo(20).getTime() + 15 * 60_000));
    expect(isLocked(attempts, RULE, NOW)).toBe(false);
    const recent = [fail(1), fail(2), fail(3), fail(4), fail(5), fail(40)];
    expect(isLocked(recent, RULE, NOW)).toBe(true);
  });

  it('a success resets the count: failures before it do not count', () => {
    expect(isLocked([fail(1), fail(2), ok(3), fail(4), fail(5), fail(6)], RULE, NOW)).toBe(false);
    expect(isLocked([fail(1), fail(2), fail(3), fail(4), ok(5), fail(6)], RULE, NOW)).toBe(false);
    expect(isLocked([ok(0), fail(1), fail(2), fail(3), fail(4), fail(5)], RULE, NOW)).toBe(false);
  });

  it('follows the configured numbers', () => {
    const strict: LockoutRule = { maxFailures: 3, windowMinutes: 5, lockMinutes: 60 };
    expect(isLocked([fail(30), fail(31), fail(32)], strict, NOW)).toBe(true);
    expect(isLocked([fail(61), fail(62), fail(63)], strict, NOW)).toBe(false);
    expect(isLocked([fail(1), fail(2)], strict, NOW)).toBe(false);
    expect(isLocked([fail(1), fail(4), fail(7)], strict, NOW)).toBe(false);
  });

  it('has no lock without attempts', () => {
    expect(lockedUntil([], RULE)).toBeNull();
    expect(isLocked([], RULE, NOW)).toBe(false);
  });
});
