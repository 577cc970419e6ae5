import { z } from 'zod';
import { validationMessages } from './messages.ts';

/**
 * Pure rules for patent identifiers, shared by server (import, search) and web (forms, filters).
 *
 * Chinese application numbers (CNIPA 专利申请号标准):
 * - since 1 Oct 2003: YYYY K NNNNNNN . C — 4-digit filing year, 1-digit kind, 7-digit serial, check character;
 * - 1989–2003: YY K NNNNN . C — 2-digit year (85–99, 00–03), kind, 5-digit serial, check character.
 * Kind digit: 1 invention, 2 utility model, 3 design, 8 PCT invention entering the national phase,
 * 9 PCT utility model. The check character is Σ digit·weight (weights 2,3,4,5,6,7,8,9 repeating)
 * mod 11, with 10 written 'X'. Checked against the ten real numbers of
 * shared/data/patents/cnipa-sample-10.json (all agree, one ends in X). The year in the number is the
 * year the number was given, not always the filing date (a divisional keeps its parent's filing date),
 * so callers must not cross-check it with the application date.
 */

export type PatentKind = 'invention' | 'utility_model' | 'design';
export type ApplicationKind = PatentKind | 'pct_invention' | 'pct_utility_model';

const KIND_BY_DIGIT: Record<string, ApplicationKind> = {
  '1': 'invention',
  '2': 'utility_model',
  '3': 'design',
  '8': 'pct_invention',
  '9': 'pct_utility_model',
};

/** Error code → key in validationMessages; literal `message:` entries so messages.test sees every key. */
const APPLICATION_NUMBER_ERRORS = {
  format: { message: 'patent_application_number_format' },
  check_digit: { message: 'patent_application_number_check_digit' },
  kind: { message: 'patent_application_number_kind' },
  year: { message: 'patent_application_number_year' },
} as const;
const PUBLICATION_NUMBER_ERRORS = {
  format: { message: 'patent_publication_number_format' },
  kind: { message: 'patent_publication_number_kind' },
} as const;
const IPC_ERRORS = {
  empty: { message: 'ipc_empty' },
  section: { message: 'ipc_section' },
  class: { message: 'ipc_class' },
  subclass: { message: 'ipc_subclass' },
  main_group: { message: 'ipc_main_group' },
  slash: { message: 'ipc_slash' },
  subgroup: { message: 'ipc_subgroup' },
  trailing: { message: 'ipc_trailing' },
} as const;
const LOCARNO_ERRORS = {
  format: { message: 'locarno_format' },
  class: { message: 'locarno_class' },
} as const;

export type ApplicationNumberError = keyof typeof APPLICATION_NUMBER_ERRORS;
export type PublicationNumberError = keyof typeof PUBLICATION_NUMBER_ERRORS;
export type IpcError = keyof typeof IPC_ERRORS;
export type LocarnoError = keyof typeof LOCARNO_ERRORS;
type Bilingual = { zh: string; en: string };

export type Failure<C extends string> = { ok: false; code: C; message: Bilingual };
const fail = <C extends string>(table: Record<C, { message: keyof typeof validationMessages }>, code: C): Failure<C> => ({
  ok: false,
  code,
  message: validationMessages[table[code].message],
});

/** The zh/en message of every error code of this file, per identifier. */
export const patentCodeMessages = {
  applicationNumber: mapMessages(APPLICATION_NUMBER_ERRORS),
  publicationNumber: mapMessages(PUBLICATION_NUMBER_ERRORS),
  ipc: mapMessages(IPC_ERRORS),
  locarno: mapMessages(LOCARNO_ERRORS),
};
function mapMessages<C extends string>(table: Record<C, { message: keyof typeof validationMessages }>): Record<C, Bilingual> {
  const out = {} as Record<C, Bilingual>;
  for (const code of Object.keys(table) as C[]) out[code] = validationMessages[table[code].message];
  return out;
}

/** Full-width digits, letters and dots (common in Chinese input methods) become ASCII; case and outer space go. */
function clean(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

// ---------------------------------------------------------------- application numbers

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9];

/** Check character over the 8 (old) or 12 (current) digits before it; null when the input is not such digits. */
export function applicationCheckChar(digits: string): string | null {
  if (!/^(\d{8}|\d{12})$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (WEIGHTS[i % WEIGHTS.length] as number);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export type ApplicationNumber = {
  ok: true;
  /** 'YYYYKNNNNNNN.C' (current) or 'YYKNNNNN.C' (old format) — no prefix. */
  normalised: string;
  format: 'current' | 'old';
  year: number;
  kind: ApplicationKind;
  serial: string;
  /** True only when the caller allowed a missing check character and it was computed here. */
  checkComputed: boolean;
};
export type ApplicationNumberResult = ApplicationNumber | Failure<ApplicationNumberError>;

const APPLICATION_SHAPE = /^(?:CN|ZL)?\s*(\d{8}|\d{12})(?:\.?([\dX]))?$/;

/**
 * Does this number claim to be Chinese? True for a CN/ZL prefix, or for bare digits of a Chinese shape
 * (8 or 12 digits, optionally with '.' and a check character). Anything else (US…, EP…, WO…, DE…,
 * '14/041,364') is foreign and is kept as given — see keepForeignNumber.
 */
export function isChineseApplicationNumber(input: string): boolean {
  const s = clean(input);
  return /^(CN|ZL)/.test(s) || APPLICATION_SHAPE.test(s);
}

/** Foreign numbers are stored as given; only outer space and runs of inner space are tidied. */
export function keepForeignNumber(input: string): string {
  return input.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Parse a Chinese application number: '202110123456.7', '2021101234567', 'CN202110123456.7', 'ZL …',
 * full-width characters, or the old '93123456.7'. With `missingCheck: 'compute'` (bibliographic exports
 * such as Lens/DOCDB carry 'CN 201410522673 A' without the check character) a number without check
 * character is accepted and its check character computed; by default it is a check_digit error.
 */
export function parseApplicationNumber(
  input: string,
  options: { missingCheck?: 'reject' | 'compute'; currentYear?: number } = {},
): ApplicationNumberResult {
  const m = APPLICATION_SHAPE.exec(clean(input));
  if (!m) return fail(APPLICATION_NUMBER_ERRORS, 'format');
  const digits = m[1] as string;
  const given = m[2];
  const current = digits.length === 12;
  const yearPart = current ? Number(digits.slice(0, 4)) : Number(digits.slice(0, 2));
  const year = current ? yearPart : yearPart >= 85 ? 1900 + yearPart : 2000 + yearPart;
  // Filing years are Beijing-time years (UTC+8, no daylight saving).
  const thisYear = options.currentYear ?? new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  // The 12-digit scheme started on 1 Oct 2003; the 8-digit one with check character ran 1985–2003.
  if (current ? year < 2003 || year > thisYear : year > 2003) return fail(APPLICATION_NUMBER_ERRORS, 'year');
  const kind = KIND_BY_DIGIT[digits[current ? 4 : 2] as string];
  if (!kind) return fail(APPLICATION_NUMBER_ERRORS, 'kind');
  const check = applicationCheckChar(digits) as string;
  if (given === undefined && options.missingCheck !== 'compute') return fail(APPLICATION_NUMBER_ERRORS, 'check_digit');
  if (given !== undefined && given !== check) return fail(APPLICATION_NUMBER_ERRORS, 'check_digit');
  return {
    ok: true,
    normalised: `${digits}.${check}`,
    format: current ? 'current' : 'old',
    year,
    kind,
    serial: digits.slice(current ? 5 : 3),
    checkComputed: given === undefined,
  };
}

/** The patent kind an application kind leads to (PCT national-phase entries are inventions or utility models). */
export function patentKindOf(kind: ApplicationKind): PatentKind {
  return kind === 'pct_invention' ? 'invention' : kind === 'pct_utility_model' ? 'utility_model' : kind;
}

// ---------------------------------------------------------------- publication / grant numbers

/**
 * Kind codes of CNIPA publications. Since 2010: A application published, B invention granted, U utility
 * model granted, S design granted; 8/9 suffixes are re-publications (corrections), C1–C7/Y1–Y7/S1–S7
 * partial invalidations. 1993–2010: C invention granted, Y utility model granted, D design granted.
 * The first digit of the number says the kind: 1 invention, 2 utility model, 3 design.
 */
const KIND_CODE = /^(?:[ABUS][89]?|[CYS][1-7]?|D)$/;
const KIND_BY_FIRST_DIGIT: Record<string, { kind: PatentKind; letters: string }> = {
  '1': { kind: 'invention', letters: 'ABC' },
  '2': { kind: 'utility_model', letters: 'UY' },
  '3': { kind: 'design', letters: 'SD' },
};

export type PublicationNumber = {
  ok: true;
  /** 'CN112345678A' */
  normalised: string;
  number: string;
  kindCode: string;
  kind: PatentKind;
};
export type PublicationNumberResult = PublicationNumber | Failure<PublicationNumberError>;

/** 'CN112345678A', 'CN 112345678 A', 'cn212345678u', '112345678A', old 7-digit 'CN2726224Y'. */
export function parsePublicationNumber(input: string): PublicationNumberResult {
  const m = /^(?:CN)?\s*(\d{9}|\d{7})\s*([A-Z]\d?)$/.exec(clean(input));
  if (!m) return fail(PUBLICATION_NUMBER_ERRORS, 'format');
  const number = m[1] as string;
  const kindCode = m[2] as string;
  const byDigit = KIND_BY_FIRST_DIGIT[number[0] as string];
  if (!KIND_CODE.test(kindCode) || !byDigit?.letters.includes(kindCode[0] as string)) {
    return fail(PUBLICATION_NUMBER_ERRORS, 'kind');
  }
  return { ok: true, normalised: `CN${number}${kindCode}`, number, kindCode, kind: byDigit.kind };
}

// ---------------------------------------------------------------- IPC

export type IpcCode = {
  ok: true;
  /** 'F21V29/70' — the compact form of CNIPA data and of shared/data/ipc; formatIpc gives 'F21V 29/70'. */
  normalised: string;
  section: string;
  ipcClass: string;
  subclass: string;
  mainGroup: string;
  subgroup: string;
};
export type IpcPrefix = {
  ok: true;
  /** Matches codes by plain string prefix on the normalised form: 'F', 'F21', 'F21V', 'F21V29/', 'F21V29/7'. */
  prefix: string;
  level: 'section' | 'class' | 'subclass' | 'main_group' | 'subgroup';
};
export type IpcFailure = Failure<IpcError> & { position: number };

/**
 * One scanner for full codes and prefixes so both report the same position (0-based, in the input as
 * given). Spaces are allowed between subclass and main group only; main group leading zeros go
 * ('F21V0029/70' in fixed-width feeds), subgroup digits stay as written ('G01N23/2000' is a real code).
 */
function scanIpc(input: string, partial: boolean): IpcCode | IpcPrefix | IpcFailure {
  const s = input.normalize('NFKC').toUpperCase();
  const failAt = (code: IpcError, position: number): IpcFailure => ({ ...fail(IPC_ERRORS, code), position });
  if (s.trim() === '') return failAt('empty', 0);
  let i = 0;
  while (i < s.length && /\s/.test(s[i] as string)) i++;
  const end = s.trimEnd().length;
  const digitsAt = (from: number, max: number) => {
    let j = from;
    while (j < end && j - from < max && /\d/.test(s[j] as string)) j++;
    return s.slice(from, j);
  };
  const done = (prefix: string, level: IpcPrefix['level']): IpcPrefix | IpcFailure =>
    partial ? { ok: true, prefix, level } : failAt(nextExpected(level), i);

  if (!/[A-H]/.test(s[i] as string)) return failAt('section', i);
  const section = s[i] as string;
  i++;
  if (i === end) return done(section, 'section');
  const cls = digitsAt(i, 2);
  if (cls.length !== 2) return failAt('class', i + cls.length);
  i += 2;
  if (i === end) return done(`${section}${cls}`, 'class');
  if (!/[A-Z]/.test(s[i] as string)) return failAt('subclass', i);
  const subclass = `${section}${cls}${s[i]}`;
  i++;
  while (i < end && s[i] === ' ') i++;
  if (i === end) return done(subclass, 'subclass');
  const main = digitsAt(i, 4);
  if (main.length === 0) return failAt('main_group', i);
  i += main.length;
  const mainGroup = String(Number(main));
  if (Number(main) === 0) return failAt('main_group', i - main.length);
  if (i === end) return done(`${subclass}${mainGroup}/`, 'main_group');
  if (s[i] !== '/') return failAt(/\d/.test(s[i] as string) ? 'main_group' : 'slash', i);
  i++;
  if (i === end) return done(`${subclass}${mainGroup}/`, 'main_group');
  const sub = digitsAt(i, 6);
  if (sub.length === 0 || (!partial && sub.length < 2)) return failAt('subgroup', i + sub.length);
  i += sub.length;
  if (i !== end) return failAt(/\d/.test(s[i] as string) ? 'subgroup' : 'trailing', i);
  if (partial) return { ok: true, prefix: `${subclass}${mainGroup}/${sub}`, level: 'subgroup' };
  return {
    ok: true,
    normalised: `${subclass}${mainGroup}/${sub}`,
    section,
    ipcClass: `${section}${cls}`,
    subclass,
    mainGroup,
    subgroup: sub,
  };
}
function nextExpected(level: IpcPrefix['level']): IpcError {
  return level === 'section' ? 'class' : level === 'class' ? 'subclass' : level === 'subclass' ? 'main_group' : 'subgroup';
}

/** A full IPC code: 'F21V 29/70', 'F21V29/70', 'f21v 29/503', 'G06F18/2321'. */
export function parseIpcCode(input: string): IpcCode | IpcFailure {
  return scanIpc(input, false) as IpcCode | IpcFailure;
}

/** A search-filter prefix: 'F', 'F21', 'F21V', 'F21V 29', 'F21V29/', 'F21V29/7', or a full code. */
export function parseIpcPrefix(input: string): IpcPrefix | IpcFailure {
  return scanIpc(input, true) as IpcPrefix | IpcFailure;
}

/** Whether a normalised IPC code falls under a normalised prefix (the same test a SQL LIKE 'prefix%' makes). */
export function ipcMatchesPrefix(normalisedCode: string, prefix: string): boolean {
  return normalisedCode.startsWith(prefix);
}

/** Display form with the space WIPO prints: 'F21V 29/70'. */
export function formatIpc(normalised: string): string {
  return normalised.replace(/^([A-H]\d{2}[A-Z])/, '$1 ');
}

// ---------------------------------------------------------------- Locarno (designs)

export type LocarnoClass = { ok: true; normalised: string; locarnoClass: number; subclass: number };

/**
 * Locarno classification of a design: class-subclass, 2 digits each, '26-05' (also '2605', '26.05',
 * '26 05'). Classes 01–32, plus 99 (miscellaneous) which the Locarno list keeps; class 32 has only
 * subclass 00.
 */
export function parseLocarnoClass(input: string): LocarnoClass | Failure<LocarnoError> {
  const m = /^(?:LOC\s*)?(\d{2})\s*[-.\s]?\s*(\d{2})$/.exec(clean(input));
  if (!m) return fail(LOCARNO_ERRORS, 'format');
  const cls = Number(m[1]);
  const sub = Number(m[2]);
  if (!((cls >= 1 && cls <= 32) || cls === 99)) return fail(LOCARNO_ERRORS, 'class');
  return { ok: true, normalised: `${m[1]}-${m[2]}`, locarnoClass: cls, subclass: sub };
}

// ---------------------------------------------------------------- zod schemas (forms and routes)

/** A Chinese application number normalised to 'YYYYKNNNNNNN.C', or a foreign one kept as given. */
export const applicationNumberSchema = z.string().transform((value, ctx) => {
  if (!isChineseApplicationNumber(value)) {
    const kept = keepForeignNumber(value);
    if (kept === '') ctx.addIssue({ code: 'custom', message: APPLICATION_NUMBER_ERRORS.format.message });
    return kept;
  }
  const r = parseApplicationNumber(value);
  if (r.ok) return r.normalised;
  ctx.addIssue({ code: 'custom', message: APPLICATION_NUMBER_ERRORS[r.code].message });
  return z.NEVER;
});

export const publicationNumberSchema = z.string().transform((value, ctx) => {
  const r = parsePublicationNumber(value);
  if (r.ok) return r.normalised;
  ctx.addIssue({ code: 'custom', message: PUBLICATION_NUMBER_ERRORS[r.code].message });
  return z.NEVER;
});

export const ipcCodeSchema = z.string().transform((value, ctx) => {
  const r = parseIpcCode(value);
  if (r.ok) return r.normalised;
  ctx.addIssue({ code: 'custom', message: IPC_ERRORS[r.code].message, params: { position: r.position } });
  return z.NEVER;
});

export const ipcPrefixSchema = z.string().transform((value, ctx) => {
  const r = parseIpcPrefix(value);
  if (r.ok) return r.prefix;
  ctx.addIssue({ code: 'custom', message: IPC_ERRORS[r.code].message, params: { position: r.position } });
  return z.NEVER;
});

export const locarnoClassSchema = z.string().transform((value, ctx) => {
  const r = parseLocarnoClass(value);
  if (r.ok) return r.normalised;
  ctx.addIssue({ code: 'custom', message: LOCARNO_ERRORS[r.code].message });
  return z.NEVER;
});
