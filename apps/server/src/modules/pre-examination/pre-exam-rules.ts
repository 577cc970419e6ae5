import type { EligibilityReason, PreExamKind, PreExamScheme } from '@innotown/contracts/pre-examination';

/**
 * Rules of fast pre-examination (快速预审), pure. A class on the centre's list: an IPC prefix matches every code
 * beginning with it (F21 → F21V29/70; H05B45/ → H05B45/10); a Locarno entry '26-' matches the whole class 26,
 * '26-05' that subclass only. Utility models are classified by IPC, designs by Locarno.
 */
export type ConfiguredClass = { scheme: PreExamScheme; prefix: string };

export const schemeOf = (kind: PreExamKind): PreExamScheme => (kind === 'design' ? 'locarno' : 'ipc');

export function classListed(kind: PreExamKind, classCode: string, classes: readonly ConfiguredClass[]): boolean {
  const scheme = schemeOf(kind);
  return classes.some(
    (c) => c.scheme === scheme && (scheme === 'ipc' || c.prefix.endsWith('-') ? classCode.startsWith(c.prefix) : classCode === c.prefix),
  );
}

/** What the cycle-time report groups by: the IPC subclass (F21V) or the Locarno class-subclass (26-05). */
export function classGroupOf(kind: PreExamKind, classCode: string): string {
  return kind === 'design' ? classCode : classCode.slice(0, 4);
}

export type EligibilityInput = {
  kind: PreExamKind;
  classCode: string;
  /** The enterprise registered on the platform (in the city) under the applicant's credit code, if any. */
  applicant: { id: string } | null;
  /** The enterprise of the user submitting. */
  submitterEnterpriseId: string;
  classes: readonly ConfiguredClass[];
};

/**
 * Eligibility: a local applicant (an enterprise registered in the city) that is the submitting enterprise itself,
 * and a class on the centre's list. Every failing rule is reported, not just the first.
 */
export function checkEligibility(i: EligibilityInput): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  if (!i.applicant) reasons.push('applicant_not_local');
  else if (i.applicant.id !== i.submitterEnterpriseId) reasons.push('applicant_not_own');
  if (!classListed(i.kind, i.classCode, i.classes)) reasons.push('class_not_listed');
  return reasons;
}

/** Median (the mean of the two middle values for an even count) and average, rounded to 0.1; null when empty. */
export function stats(values: readonly number[]): { count: number; p50: number | null; average: number | null } {
  if (values.length === 0) return { count: 0, p50: null, average: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const p50 = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const average = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { count: values.length, p50: round(p50), average: round(average) };
}

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
/** Calendar days between two Shanghai dates ('YYYY-MM-DD'). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
const shanghaiDay = (d: Date) => new Date(Math.floor((d.getTime() + SHANGHAI_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

export type CycleInput = {
  kind: PreExamKind;
  classGroup: string;
  firstSubmittedAt: Date;
  passedAt: Date | null;
  grantedOn: string | null;
  /** Rounds of a passed application (submissions it took). */
  round: number;
};

/**
 * Cycle times per class, in calendar days (Shanghai): first submission → pass, pass → grant (the grant date
 * CNIPA gave), and rounds it took to pass. Only applications that reached the step count for it.
 */
export function cycleTimes(apps: readonly CycleInput[]) {
  const groups = new Map<string, CycleInput[]>();
  for (const a of apps) {
    const key = `${a.kind}|${a.classGroup}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const row = (list: readonly CycleInput[]) => {
    const passed = list.filter((a) => a.passedAt);
    return {
      applications: list.length,
      submissionToPassDays: stats(passed.map((a) => daysBetween(shanghaiDay(a.firstSubmittedAt), shanghaiDay(a.passedAt as Date)))),
      passToGrantDays: stats(
        passed.filter((a) => a.grantedOn).map((a) => daysBetween(shanghaiDay(a.passedAt as Date), a.grantedOn as string)),
      ),
      rounds: stats(passed.map((a) => a.round)),
    };
  };
  const rows = [...groups.entries()]
    .map(([key, list]) => {
      const [kind, classGroup] = key.split('|') as [PreExamKind, string];
      return { classGroup, kind, ...row(list) };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.classGroup.localeCompare(b.classGroup));
  return { rows, total: row(apps) };
}
