import { randomUUID } from 'node:crypto';
import { isValidCreditCode } from '@innotown/contracts/credit-code';
import { type ValidationMessageKey, validationMessages } from '@innotown/contracts/messages';
import {
  isChineseApplicationNumber,
  keepForeignNumber,
  parseApplicationNumber,
  parseIpcCode,
  parseLocarnoClass,
  parsePublicationNumber,
  patentKindOf,
} from '@innotown/contracts/patent-codes';
import { PATENT_IMPORT_COLUMNS, type PatentImportColumnKey } from '@innotown/contracts/patent-import';
import { classPrefixesOf, type PatentEventKind, type PatentKind, type PatentLegalStatus } from '@innotown/contracts/patents';

/**
 * Pure normalisation of one source record (a CSV/Excel row or an ST.36 document, already read into
 * named fields) into a `patents` row and its legal-status events, or a list of per-field errors in
 * zh/en. No I/O: the enterprise index is passed in; ids are made here so events can point at the row.
 */

export type FieldValue = string | readonly string[] | undefined;
export type SourceRecord = {
  /** Spreadsheet row (header = 1) or position of the XML document (1-based). */
  row: number;
  fields: Partial<Record<PatentImportColumnKey, FieldValue>>;
};

export type FieldIssue = {
  column: PatentImportColumnKey | null;
  value: string | null;
  code: string;
  zh: string;
  en: string;
};

export type EnterpriseRef = { id: string; townId: string | null };
/** Local enterprises by credit code and by exact name (loaded once per import). */
export type EnterpriseIndex = { byCode: ReadonlyMap<string, EnterpriseRef>; byName: ReadonlyMap<string, EnterpriseRef> };
export const EMPTY_ENTERPRISE_INDEX: EnterpriseIndex = { byCode: new Map(), byName: new Map() };

export type PatentEventRow = {
  eventDate: string;
  kind: PatentEventKind;
  detail: Record<string, string>;
  importKey: string;
};

export type PatentRow = {
  id: string;
  applicationNumber: string;
  jurisdiction: string;
  publicationNumber: string | null;
  grantNumber: string | null;
  kind: PatentKind;
  title: string;
  abstract: string | null;
  claims: string | null;
  mainClass: string | null;
  ipcCodes: string[];
  locarnoCodes: string[];
  classPrefixes: string[];
  applicationDate: string;
  publicationDate: string | null;
  grantDate: string | null;
  legalStatus: PatentLegalStatus;
  legalStatusDate: string | null;
  applicants: string[];
  owners: string[];
  inventors: string[];
  ownerEnterpriseIds: string[];
  localApplicant: boolean;
  townId: string | null;
  applicantAddress: string | null;
  agency: string | null;
  feesPaidUntil: string | null;
  source: string;
  events: PatentEventRow[];
};

export type NormaliseResult = { ok: true; patent: PatentRow } | { ok: false; applicationNumber: string | null; issues: FieldIssue[] };

export type NormaliseOptions = {
  source: 'csv' | 'xlsx' | 'xml' | 'seed';
  enterprises?: EnterpriseIndex;
  /** Beijing-time year for the application-number year check (tests pin it). */
  currentYear?: number;
  /** Id generator (tests and the seed make ids deterministic). */
  newId?: () => string;
};

const LIMITS: Partial<Record<PatentImportColumnKey, number>> = {
  title: 1_000,
  abstract: 20_000,
  claims: 100_000,
  applicantAddress: 1_000,
  agency: 120,
};

// ---------------------------------------------------------------------------------------------- values

const text = (v: FieldValue): string => (v === undefined ? '' : typeof v === 'string' ? v : v.join(';')).trim();

/** List cells: ';' '；' '、' or line breaks separate; XML gives arrays already. */
export function listOf(v: FieldValue): string[] {
  if (v === undefined) return [];
  const parts = typeof v === 'string' ? v.split(/[;；、\n]/) : v;
  const out: string[] = [];
  for (const p of parts) {
    const s = p.normalize('NFKC').trim().replace(/\s+/g, ' ');
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** '2021-07-15', '20210715', '2021/7/15', '2021.07.15', '2021年7月15日'; '' and '0' (CNIPA: none) are null. */
export function parseDate(raw: string): string | null | 'invalid' {
  const s = raw.normalize('NFKC').trim();
  if (s === '' || s === '0') return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(s);
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 'invalid';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const KIND_WORDS: Record<string, PatentKind> = {
  发明: 'invention',
  发明专利: 'invention',
  发明公开: 'invention',
  发明授权: 'invention',
  发明申请: 'invention',
  invention: 'invention',
  utility: 'invention',
  plant: 'invention',
  reissue: 'invention',
  实用新型: 'utility_model',
  实用新型专利: 'utility_model',
  新型: 'utility_model',
  utility_model: 'utility_model',
  utilitymodel: 'utility_model',
  'utility model': 'utility_model',
  外观设计: 'design',
  外观设计专利: 'design',
  外观: 'design',
  design: 'design',
};

/** '发明公开;发明授权' (CNIPA lists both stages) is one kind; mixed kinds are an error. */
export function parseKind(raw: string): PatentKind | null | 'invalid' {
  const parts = listOf(raw.replace(/[,，]/g, ';')).map((p) => p.toLowerCase());
  if (parts.length === 0) return null;
  const kinds = new Set(parts.map((p) => KIND_WORDS[p]));
  if (kinds.size !== 1 || kinds.has(undefined)) return 'invalid';
  return [...kinds][0] as PatentKind;
}

const STATUS_WORDS: [RegExp, PatentLegalStatus][] = [
  [/^(pending|审中|在审|公开|实质审查|实审|审中-.*|.*实质审查.*)$/, 'pending'],
  [/^(granted|有权|有效|授权|有权-.*|专利权维持)$/, 'granted'],
  [/^(expired|期限届满|届满|无权-期限届满|.*期限届满.*)$/, 'expired'],
  [/^(invalidated|全部无效|无效|无权-全部无效|.*无效宣告.*)$/, 'invalidated'],
  [/^(rejected|驳回|无权-驳回|.*驳回.*)$/, 'rejected'],
  [/^(withdrawn|撤回|视为撤回|放弃|无权-撤回|无权-视为撤回|无权-放弃|.*撤回.*)$/, 'withdrawn'],
  [/^(lapsed|失效|无权|终止|未缴年费|无权-未缴年费|无权-.*|.*未缴年费.*|.*终止.*)$/, 'lapsed'],
];

export function parseLegalStatus(raw: string): PatentLegalStatus | null | 'invalid' {
  const s = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  for (const [re, status] of STATUS_WORDS) if (re.test(s)) return status;
  return 'invalid';
}

const EVENT_WORDS: [RegExp, PatentEventKind][] = [
  [/^(filed|申请|提交申请)$/, 'filed'],
  [/^(published|公开|公布)$/, 'published'],
  [/^(granted|授权|授予专利权)$/, 'granted'],
  [/^(pledge_released|质押解除|质押注销|解除质押)$/, 'pledge_released'],
  [/^(restored|恢复|权利恢复)$/, 'restored'],
  [/^(transferred|转让|权利转移|专利权转移|专利申请权转移)$/, 'transferred'],
  [/^(licensed|许可|实施许可|专利实施许可)$/, 'licensed'],
  [/^(pledged|质押|专利权质押)$/, 'pledged'],
  [/^(invalidated|无效|全部无效|无效宣告)$/, 'invalidated'],
  [/^(expired|届满|期限届满)$/, 'expired'],
  [/^(lapsed|失效|终止|未缴年费)$/, 'lapsed'],
];

export function parseEventKind(raw: string): PatentEventKind | null {
  const s = raw.trim().toLowerCase();
  for (const [re, kind] of EVENT_WORDS) if (re.test(s)) return kind;
  return null;
}

/** Which detail a note of an event is. */
const NOTE_FIELD: Partial<Record<PatentEventKind, string>> = { transferred: 'to', licensed: 'licensee', pledged: 'pledgee' };

const STATUS_EVENT: Partial<Record<PatentLegalStatus, PatentEventKind>> = {
  lapsed: 'lapsed',
  expired: 'expired',
  invalidated: 'invalidated',
};

// ---------------------------------------------------------------------------------------------- normalise

const MESSAGES = validationMessages as Record<string, { zh: string; en: string }>;
const COLUMN_LABEL = new Map(PATENT_IMPORT_COLUMNS.map((c) => [c.key, c]));

export function columnLabel(key: string | null): string | null {
  if (!key) return null;
  const c = COLUMN_LABEL.get(key as PatentImportColumnKey);
  return c ? `${c.zh} (${c.en})` : key;
}

export function normaliseRecord(record: SourceRecord, options: NormaliseOptions): NormaliseResult {
  const f = record.fields;
  const issues: FieldIssue[] = [];
  const issue = (column: PatentImportColumnKey | null, value: string | null, code: string, message?: { zh: string; en: string }) => {
    const m = message ?? (MESSAGES[code] as { zh: string; en: string });
    issues.push({ column, value, code, zh: m.zh, en: m.en });
  };
  const required = (key: PatentImportColumnKey): string => {
    const v = text(f[key]);
    if (!v) issue(key, null, 'patent_import_required');
    return v;
  };
  const limited = (key: PatentImportColumnKey): string | null => {
    const v = text(f[key]);
    const max = LIMITS[key];
    if (max && v.length > max) issue(key, `${v.slice(0, 40)}…`, 'patent_import_too_long');
    return v || null;
  };
  const dateField = (key: PatentImportColumnKey): string | null => {
    const raw = text(f[key]);
    const d = parseDate(raw);
    if (d === 'invalid') {
      issue(key, raw, 'patent_import_date_format');
      return null;
    }
    return d;
  };

  // Application number, jurisdiction, kind
  const rawNumber = required('applicationNumber');
  let applicationNumber: string | null = null;
  let jurisdiction = text(f.jurisdiction).toUpperCase();
  let kindFromNumber: PatentKind | null = null;
  if (rawNumber) {
    const chinese = (jurisdiction === '' || jurisdiction === 'CN') && isChineseApplicationNumber(rawNumber);
    if (chinese) {
      const parsed = parseApplicationNumber(rawNumber, options.currentYear ? { currentYear: options.currentYear } : {});
      if (parsed.ok) {
        applicationNumber = parsed.normalised;
        kindFromNumber = patentKindOf(parsed.kind);
        jurisdiction = 'CN';
      } else issue('applicationNumber', rawNumber, messageKey('patent_application_number_', parsed.code), parsed.message);
    } else {
      applicationNumber = keepForeignNumber(rawNumber);
      if (applicationNumber.length > 40) {
        issue('applicationNumber', rawNumber, 'patent_import_too_long');
        applicationNumber = null;
      }
      if (!/^[A-Z]{2}$/.test(jurisdiction)) {
        const prefix = /^([A-Z]{2})[\s\d]/.exec(rawNumber.normalize('NFKC').trim().toUpperCase());
        if (prefix && !jurisdiction) jurisdiction = prefix[1] as string;
        else issue('jurisdiction', text(f.jurisdiction) || null, 'patent_import_jurisdiction');
      }
    }
  }
  const rawKind = text(f.kind);
  let kind = parseKind(rawKind);
  if (kind === 'invalid') {
    issue('kind', rawKind, 'patent_import_kind');
    kind = null;
  } else if (kind && kindFromNumber && kind !== kindFromNumber) {
    issue('kind', rawKind, 'patent_import_kind_mismatch');
  }
  kind = kind ?? kindFromNumber;
  if (!kind && !rawKind && applicationNumber) issue('kind', null, 'patent_import_required');

  const title = required('title');
  if (title.length > (LIMITS.title as number)) issue('title', `${title.slice(0, 40)}…`, 'patent_import_too_long');
  const abstract = limited('abstract');
  const claims = limited('claims');
  const applicantAddress = limited('applicantAddress');
  const agency = limited('agency');

  // Numbers
  const documentNumber = (key: 'publicationNumber' | 'grantNumber'): string | null => {
    const raw = text(f[key]);
    if (!raw) return null;
    if (jurisdiction === 'CN' && /^(CN)?\s*\d/i.test(raw.normalize('NFKC').trim())) {
      const parsed = parsePublicationNumber(raw);
      if (parsed.ok) return parsed.normalised;
      issue(key, raw, messageKey('patent_publication_number_', parsed.code), parsed.message);
      return null;
    }
    const kept = keepForeignNumber(raw);
    if (kept.length > 40) issue(key, raw, 'patent_import_too_long');
    return kept;
  };
  const publicationNumber = documentNumber('publicationNumber');
  const grantNumber = documentNumber('grantNumber');

  // Classification: IPC, or Locarno for designs (a design's 分类号 column holds Locarno classes)
  const ipcCodes: string[] = [];
  const locarnoCodes: string[] = [];
  const addIpc = (key: PatentImportColumnKey, raw: string) => {
    const parsed = parseIpcCode(raw);
    if (parsed.ok) {
      if (!ipcCodes.includes(parsed.normalised)) ipcCodes.push(parsed.normalised);
    } else issue(key, raw, `ipc_${parsed.code}`, parsed.message);
  };
  const addLocarno = (key: PatentImportColumnKey, raw: string) => {
    const parsed = parseLocarnoClass(raw.replace(/^LOC\s*(\(\d+\))?\s*(CL\.?)?\s*/i, ''));
    if (parsed.ok) {
      if (!locarnoCodes.includes(parsed.normalised)) locarnoCodes.push(parsed.normalised);
    } else issue(key, raw, `locarno_${parsed.code}`, parsed.message);
  };
  const isDesign = kind === 'design';
  for (const raw of listOf(f.ipcCodes)) (isDesign ? addLocarno : addIpc)('ipcCodes', raw);
  for (const raw of listOf(f.locarnoCodes)) addLocarno('locarnoCodes', raw);
  let mainClass: string | null = null;
  const rawMain = text(f.mainClass);
  if (rawMain) {
    const before = issues.length;
    if (isDesign) addLocarno('mainClass', rawMain);
    else addIpc('mainClass', rawMain);
    if (issues.length === before) {
      mainClass = isDesign
        ? (parseLocarnoClass(rawMain.replace(/^LOC\s*(\(\d+\))?\s*(CL\.?)?\s*/i, '')) as { normalised: string }).normalised
        : (parseIpcCode(rawMain) as { normalised: string }).normalised;
      // The main class leads the list.
      const list = isDesign ? locarnoCodes : ipcCodes;
      list.splice(list.indexOf(mainClass), 1);
      list.unshift(mainClass);
    }
  } else mainClass = (isDesign ? locarnoCodes[0] : ipcCodes[0]) ?? locarnoCodes[0] ?? null;

  // Dates
  const applicationDate = dateField('applicationDate');
  if (!text(f.applicationDate)) issue('applicationDate', null, 'patent_import_required');
  const publicationDate = dateField('publicationDate');
  const grantDate = dateField('grantDate');
  const legalStatusDateGiven = dateField('legalStatusDate');
  const feesPaidUntil = dateField('feesPaidUntil');
  if (applicationDate && publicationDate && publicationDate < applicationDate) {
    issue('publicationDate', publicationDate, 'patent_import_publication_before_application');
  }
  if (applicationDate && grantDate && grantDate < applicationDate) issue('grantDate', grantDate, 'patent_import_grant_before_application');

  // Parties
  const applicants = listOf(f.applicants);
  if (applicants.length === 0) issue('applicants', null, 'patent_import_required');
  const ownersGiven = listOf(f.owners);
  const owners = ownersGiven.length > 0 ? ownersGiven : applicants;
  const inventors = listOf(f.inventors);
  const codesOf = (key: 'applicantCreditCodes' | 'ownerCreditCodes') => {
    const codes = listOf(f[key]).map((c) => c.toUpperCase());
    for (const c of codes) if (!isValidCreditCode(c)) issue(key, c, 'patent_import_credit_code');
    return codes;
  };
  const applicantCodes = codesOf('applicantCreditCodes');
  const ownerCodes = codesOf('ownerCreditCodes');

  // Legal status and events
  const rawStatus = text(f.legalStatus);
  let legalStatus = parseLegalStatus(rawStatus);
  if (legalStatus === 'invalid') {
    issue('legalStatus', rawStatus, 'patent_import_legal_status');
    legalStatus = null;
  }
  const events: PatentEventRow[] = [];
  const addEvent = (eventDate: string, eventKind: PatentEventKind, detail: Record<string, string> = {}) => {
    const note = Object.values(detail).join('|');
    const importKey = `${eventKind}:${eventDate}${note ? `:${note}` : ''}`.slice(0, 200);
    if (events.some((e) => e.importKey === importKey)) return;
    events.push({ eventDate, kind: eventKind, detail, importKey });
  };
  if (applicationDate) addEvent(applicationDate, 'filed');
  if (publicationDate && publicationDate !== grantDate) addEvent(publicationDate, 'published');
  else if (publicationDate && kind === 'invention') addEvent(publicationDate, 'published');
  if (grantDate) addEvent(grantDate, 'granted');
  const dateColumns: [PatentImportColumnKey, PatentEventKind][] = [
    ['transferDates', 'transferred'],
    ['lapseDates', 'lapsed'],
    ['licenceDates', 'licensed'],
    ['pledgeDates', 'pledged'],
    ['invalidationDates', 'invalidated'],
  ];
  for (const [key, eventKind] of dateColumns) {
    for (const raw of listOf(f[key])) {
      const d = parseDate(raw);
      if (d === 'invalid') issue(key, raw, 'patent_import_date_format');
      else if (d) addEvent(d, eventKind);
    }
  }
  for (const raw of listOf(f.events)) {
    const m = /^(\S+)\s+(\S+)(?:\s+(.+))?$/.exec(raw);
    const d = m ? parseDate(m[1] as string) : 'invalid';
    const eventKind = m ? parseEventKind(m[2] as string) : null;
    if (!m || d === 'invalid' || d === null || !eventKind) {
      issue('events', raw, 'patent_import_event');
      continue;
    }
    const note = m[3]?.trim();
    const field = NOTE_FIELD[eventKind] ?? 'note';
    addEvent(d, eventKind, note ? { [field]: note.slice(0, 200) } : {});
  }
  if (applicationDate) {
    for (const e of events) {
      // Publication and grant dates have their own checks above.
      if (e.eventDate < applicationDate && e.kind !== 'filed' && e.kind !== 'published' && e.kind !== 'granted') {
        issue(columnOfEvent(e.kind, f), e.eventDate, 'patent_import_event_before_application');
        break;
      }
    }
  }
  if (!legalStatus) legalStatus = grantDate ? 'granted' : 'pending';
  let legalStatusDate = legalStatusDateGiven;
  const statusEvent = STATUS_EVENT[legalStatus];
  if (statusEvent) {
    const existing = events.filter((e) => e.kind === statusEvent).map((e) => e.eventDate);
    if (legalStatusDate && !existing.includes(legalStatusDate)) addEvent(legalStatusDate, statusEvent);
    legalStatusDate = legalStatusDate ?? existing.sort().at(-1) ?? null;
  }
  if (!legalStatusDate) legalStatusDate = legalStatus === 'granted' ? grantDate : null;
  if (applicationDate && legalStatusDateGiven && legalStatusDateGiven < applicationDate) {
    issue('legalStatusDate', legalStatusDateGiven, 'patent_import_event_before_application');
  }
  events.sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0));

  if (issues.length > 0 || !applicationNumber || !kind || !applicationDate) {
    return { ok: false, applicationNumber: applicationNumber ?? (rawNumber || null), issues };
  }

  // Local enterprises: owners by credit code or exact name; the town of the first linked applicant.
  const index = options.enterprises ?? EMPTY_ENTERPRISE_INDEX;
  const ownerIds: string[] = [];
  const link = (ref: EnterpriseRef | undefined) => {
    if (ref && !ownerIds.includes(ref.id)) ownerIds.push(ref.id);
  };
  for (const c of ownerCodes) link(index.byCode.get(c));
  for (const name of owners) link(index.byName.get(name));
  if (ownersGiven.length === 0) for (const c of applicantCodes) link(index.byCode.get(c));
  let firstLocal: EnterpriseRef | undefined;
  for (const c of applicantCodes) firstLocal ??= index.byCode.get(c);
  for (const name of applicants) firstLocal ??= index.byName.get(name);
  const localApplicant = firstLocal !== undefined || /中山市|中山/.test(applicantAddress ?? '');

  return {
    ok: true,
    patent: {
      id: (options.newId ?? randomUUID)(),
      applicationNumber,
      jurisdiction: jurisdiction || 'CN',
      publicationNumber,
      grantNumber,
      kind,
      title,
      abstract,
      claims,
      mainClass,
      ipcCodes,
      locarnoCodes,
      classPrefixes: classPrefixesOf(ipcCodes, locarnoCodes),
      applicationDate,
      publicationDate,
      grantDate,
      legalStatus,
      legalStatusDate,
      applicants,
      owners,
      inventors,
      ownerEnterpriseIds: ownerIds,
      localApplicant,
      townId: firstLocal?.townId ?? null,
      applicantAddress,
      agency,
      feesPaidUntil,
      source: options.source,
      events,
    },
  };
}

function messageKey(prefix: string, code: string): ValidationMessageKey {
  return `${prefix}${code}` as ValidationMessageKey;
}

function columnOfEvent(kind: PatentEventKind, f: SourceRecord['fields']): PatentImportColumnKey {
  if (kind === 'published') return 'publicationDate';
  if (kind === 'granted') return 'grantDate';
  const byKind: Partial<Record<PatentEventKind, PatentImportColumnKey>> = {
    transferred: 'transferDates',
    lapsed: 'lapseDates',
    licensed: 'licenceDates',
    pledged: 'pledgeDates',
    invalidated: 'invalidationDates',
  };
  const col = byKind[kind];
  return col && text(f[col]) ? col : 'events';
}
