/**
 * Lockout rule: `maxFailures` failed attempts within `windowMinutes` (with no success in
 * between) lock the username for `lockMinutes` from the last of them. Pure, so it is unit-tested.
 */
export type Attempt = { success: boolean; at: Date };
export type LockoutRule = { maxFailures: number; windowMinutes: number; lockMinutes: number };

export function lockedUntil(attemptsNewestFirst: Attempt[], rule: LockoutRule): Date | null {
  const failures: Date[] = [];
  for (const a of attemptsNewestFirst) {
    if (a.success) break;
    failures.push(a.at);
  }
  // failures are newest first; find the newest failure that completes a run of maxFailures inside the window.
  for (let i = 0; i + rule.maxFailures - 1 < failures.length; i++) {
    const newest = failures[i] as Date;
    const oldest = failures[i + rule.maxFailures - 1] as Date;
    if (newest.getTime() - oldest.getTime() <= rule.windowMinutes * 60_000) {
      return new Date(newest.getTime() + rule.lockMinutes * 60_000);
    }
  }
  return null;
}

export function isLocked(attemptsNewestFirst: Attempt[], rule: LockoutRule, now = new Date()): boolean {
  const until = lockedUntil(attemptsNewestFirst, rule);
  return until !== null && until.getTime() > now.getTime();
}
