import type { AnnuityStatus } from '@innotown/contracts/patent-search';
import type { PatentKind } from '@innotown/contracts/patents';

/**
 * Term and annual fees (年费) of a Chinese patent — pure rules, no clock and no database.
 *
 * Term (专利法 art. 42, 2021): invention 20 years, utility model 10, design 10 years if filed before
 * 2021-06-01 else 15 — counted from the application date, so the last day in force is the day before the
 * anniversary (filed 2010-03-01 → in force through 2030-02-28).
 *
 * Annual fees: the fee of the year of grant is paid with the grant; every later patent year starts on the
 * anniversary of the filing date and its fee is due by that day. Unpaid, a 6-month grace period follows with
 * a surcharge (滞纳金) of 5 % of the fee for each full month late beyond the first (0 % in the first month,
 * 25 % in the sixth); after the grace period the patent lapses (终止). `fees_paid_until` is the last day the
 * paid fees cover; unknown → the patent, still in force, is taken as paid for every year already begun (a fee left
 * unpaid past its grace would have been recorded as a lapse), so the next fee is the next anniversary.
 */

const DESIGN_15_YEARS_FROM = '2021-06-01';

/** YYYY-MM-DD plus `years` years (29 February → 28 February in a common year). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** YYYY-MM-DD plus `months` months (the 31st → the month's last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function termYears(kind: PatentKind, applicationDate: string): number {
  if (kind === 'invention') return 20;
  if (kind === 'utility_model') return 10;
  return applicationDate < DESIGN_15_YEARS_FROM ? 10 : 15;
}

/** Last day in force at the end of the full term. */
export function expiryDate(kind: PatentKind, applicationDate: string): string {
  return addDays(addYears(applicationDate, termYears(kind, applicationDate)), -1);
}

/** Official annual fee in fen for patent year `year` (CNIPA schedule; designs' years 11–15 as of 2021). */
export function annuityFeeFen(kind: PatentKind, year: number): number {
  const yuan =
    kind === 'invention'
      ? year <= 3
        ? 900
        : year <= 6
          ? 1200
          : year <= 9
            ? 2000
            : year <= 12
              ? 4000
              : year <= 15
                ? 6000
                : 8000
      : year <= 3
        ? 600
        : year <= 5
          ? 900
          : year <= 8
            ? 1200
            : year <= 10
              ? 2000
              : 3000;
  return yuan * 100;
}

/** Surcharge rate for paying `dueDate`'s fee on `asOf`: 0 within a month, then 5 % per started month, 25 % at most. */
export function surchargePercent(dueDate: string, asOf: string): number {
  if (asOf <= dueDate) return 0;
  for (let month = 1; month <= 6; month++) {
    if (asOf <= addMonths(dueDate, month)) return (month - 1) * 5;
  }
  return 25;
}

export type PatentForFees = {
  kind: PatentKind;
  applicationDate: string;
  grantDate: string | null;
  legalStatus: string;
  feesPaidUntil: string | null;
};

export type Annuity = {
  year: number;
  dueDate: string;
  graceEndDate: string;
  feeFen: number;
  surchargeFen: number;
  status: AnnuityStatus;
};

/**
 * The next annual fee of a patent on `asOf`: the first patent year after the grant year and after what the
 * paid fees cover, unless the term ends first. Null for a patent that is not granted (pending, lapsed,
 * invalidated, expired …). Status: `grace` — past due, within the 6-month grace (surcharge); `overdue` — past
 * the grace period (the patent should be recorded as lapsed); `due_soon` — due within `soonDays`; `paid`
 * otherwise.
 */
export function nextAnnuity(p: PatentForFees, asOf: string, soonDays = 90): Annuity | null {
  if (p.legalStatus !== 'granted' || !p.grantDate) return null;
  const expiry = expiryDate(p.kind, p.applicationDate);
  // Patent year k (1-based) runs from the (k−1)th anniversary; its fee is due on that anniversary.
  // Unknown payments: a patent still recorded as granted has not lapsed, so the years begun are taken as paid.
  const latest = (a: string, b: string) => (a > b ? a : b);
  const covered = latest(p.feesPaidUntil ?? addDays(asOf, -1), p.grantDate);
  let year = 1;
  while (addYears(p.applicationDate, year - 1) <= covered) year++;
  const dueDate = addYears(p.applicationDate, year - 1);
  if (dueDate > expiry) return null;
  const graceEndDate = addMonths(dueDate, 6);
  const feeFen = annuityFeeFen(p.kind, year);
  const percent = asOf > dueDate && asOf <= graceEndDate ? surchargePercent(dueDate, asOf) : 0;
  const status: AnnuityStatus =
    asOf > graceEndDate ? 'overdue' : asOf > dueDate ? 'grace' : dueDate <= addDays(asOf, soonDays) ? 'due_soon' : 'paid';
  return { year, dueDate, graceEndDate, feeFen, surchargeFen: Math.round((feeFen * percent) / 100), status };
}

/** Whether the annuity belongs on the reminder list: due within the window, or late and still in grace. */
export function needsReminder(a: Annuity | null): a is Annuity {
  return a !== null && (a.status === 'due_soon' || a.status === 'grace');
}

// ---- legal-status transitions -------------------------------------------------------------------------

/** Which recorded event may follow which current status, and the status it leads to. */
export const EVENT_TRANSITIONS: Record<string, { from: readonly string[]; to: string | null }> = {
  // Publication leaves the status as it is (an application is published while pending).
  published: { from: ['pending'], to: null },
  granted: { from: ['pending'], to: 'granted' },
  lapsed: { from: ['granted'], to: 'lapsed' },
  // Restoration of rights (权利恢复) after a lapse for unpaid fees.
  restored: { from: ['lapsed'], to: 'granted' },
  invalidated: { from: ['granted', 'lapsed'], to: 'invalidated' },
  expired: { from: ['granted'], to: 'expired' },
};

export type TransitionCheck =
  | { ok: true; to: string | null }
  | { ok: false; reason: 'transition' | 'before_application' | 'before_status' | 'future' | 'before_expiry' };

/** Checks one recorded event against the patent as it stands. */
export function checkEvent(
  p: { kind: PatentKind; applicationDate: string; legalStatus: string; legalStatusDate: string | null },
  kind: string,
  eventDate: string,
  today: string,
): TransitionCheck {
  const rule = EVENT_TRANSITIONS[kind];
  if (!rule?.from.includes(p.legalStatus)) return { ok: false, reason: 'transition' };
  if (eventDate < p.applicationDate) return { ok: false, reason: 'before_application' };
  if (eventDate > today) return { ok: false, reason: 'future' };
  if (p.legalStatusDate && eventDate < p.legalStatusDate) return { ok: false, reason: 'before_status' };
  if (kind === 'expired' && eventDate <= expiryDate(p.kind, p.applicationDate)) return { ok: false, reason: 'before_expiry' };
  return { ok: true, to: rule.to };
}
