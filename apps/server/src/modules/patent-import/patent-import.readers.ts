import { Readable } from 'node:stream';
import { columnOfHeader, PATENT_IMPORT_COLUMNS, type PatentImportColumnKey } from '@innotown/contracts/patent-import';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import type { SourceRecord } from './patent-import.normalise.ts';

/**
 * Streaming readers: CSV (UTF-8 or GBK/GB18030), Excel (.xlsx) and ST.36-family XML, each an async
 * generator of source records over a byte stream. Memory stays flat: a record is built, yielded and
 * dropped. A problem of the whole file throws ImportFileError; problems of one record are the
 * normaliser's.
 */

export class ImportFileError extends Error {
  constructor(
    readonly code:
      | 'PATENT_IMPORT_ENCODING'
      | 'PATENT_IMPORT_MISSING_COLUMNS'
      | 'PATENT_IMPORT_EMPTY'
      | 'PATENT_IMPORT_XML_MALFORMED'
      | 'PATENT_IMPORT_XML_NOT_ST36'
      | 'PATENT_IMPORT_XLSX_UNREADABLE',
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export type ByteSource = AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>;

// ---------------------------------------------------------------------------------------------- text

/** UTF-8 when the head is valid UTF-8 (a character cut at its end is fine), else GB18030; NUL bytes are no text. */
function decoderFor(head: Uint8Array): TextDecoder {
  if (head.includes(0)) throw new ImportFileError('PATENT_IMPORT_ENCODING');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return new TextDecoder('gb18030', { fatal: true });
  }
}

/**
 * Whether the first bytes of a file read as text under the rule of `decodeText`. The head is a cut of a larger
 * file, so a character split at its end is not an error (decoded in stream mode): checking it as a whole file
 * refused two in three large Chinese files, whose byte 65,536 falls inside a character.
 */
export function textHeadDecodes(head: Uint8Array): boolean {
  try {
    decoderFor(head).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes to text: UTF-8 (BOM optional) when the first 64 KiB are valid UTF-8, else GB18030 (a
 * superset of GBK, what Excel writes on Chinese Windows), the same rule as modules/resources-io.
 */
export async function* decodeText(source: ByteSource): AsyncGenerator<string> {
  const HEAD = 64 * 1024;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let decoder: TextDecoder | null = null;
  let first = true;
  const choose = decoderFor;
  const emit = (bytes: Uint8Array, stream: boolean): string => {
    let s: string;
    try {
      s = (decoder as TextDecoder).decode(bytes, { stream });
    } catch {
      throw new ImportFileError('PATENT_IMPORT_ENCODING');
    }
    if (first && s.length > 0) {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    return s;
  };
  for await (const chunk of source) {
    const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk);
    if (!decoder) {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes < HEAD) continue;
      const head = Buffer.concat(pending);
      pending.length = 0;
      decoder = choose(head);
      yield emit(head, true);
      continue;
    }
    const s = emit(bytes, true);
    if (s) yield s;
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    decoder = choose(head);
    const s = emit(head, false);
    if (s) yield s;
    return;
  }
  const tail = emit(new Uint8Array(0), false);
  if (tail) yield tail;
}

// ---------------------------------------------------------------------------------------------- CSV

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF) from text chunks; comma or, when the header has none, tab. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let sep = -1;
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let sawCr = false;
  for await (const chunk of chunks) {
    if (sep < 0) {
      const firstLine = chunk.slice(0, chunk.search(/\r?\n|$/));
      sep = !firstLine.includes(',') && firstLine.includes('\t') ? 9 : 44;
    }
    const out: string[][] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (quoted) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          field += chunk.slice(i);
          i = n;
          break;
        }
        field += chunk.slice(i, q);
        quoted = false;
        afterQuote = true;
        i = q + 1;
        continue;
      }
      if (sawCr) {
        sawCr = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (c === 34 /* " */) {
        if (afterQuote) field += '"'; // a doubled quote inside a quoted field
        quoted = field === '' || afterQuote;
        if (!quoted) field += '"';
        afterQuote = false;
        i++;
        continue;
      }
      afterQuote = false;
      if (c === sep) {
        record.push(field);
        field = '';
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        record.push(field);
        out.push(record);
        record = [];
        field = '';
        if (c === 13) sawCr = true;
        i++;
        continue;
      }
      // A run of ordinary characters.
      let j = i + 1;
      while (j < n) {
        const d = chunk.charCodeAt(j);
        if (d === sep || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      field += chunk.slice(i, j);
      i = j;
    }
    for (const r of out) yield r;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

type Header = { columns: (PatentImportColumnKey | undefined)[] };
const REQUIRED_COLUMNS = PATENT_IMPORT_COLUMNS.filter((c) => c.required);

function readHeader(cells: string[]): Header {
  const columns = cells.map((c) => columnOfHeader(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c.key));
  if (missing.length > 0) {
    throw new ImportFileError('PATENT_IMPORT_MISSING_COLUMNS', {
      missing: missing.map((c) => ({ key: c.key, zh: c.zh, en: c.en })),
      found: cells.filter((c) => c.trim() !== ''),
    });
  }
  return { columns };
}

function toRecord(header: Header, cells: string[], row: number): SourceRecord | null {
  const fields: SourceRecord['fields'] = {};
  let any = false;
  for (let i = 0; i < header.columns.length; i++) {
    const key = header.columns[i];
    const v = cells[i];
    if (!key || v === undefined) continue;
    const t = v.trim();
    if (t) any = true;
    // Two headers for one column (申请摘要 and 摘要): the first non-blank wins.
    if (!fields[key]) fields[key] = t;
  }
  return any ? { row, fields } : null;
}

/** Rows of a CSV file; lines starting with '#' before the header are comments (provenance lines). */
export async function* readCsv(source: ByteSource): AsyncGenerator<SourceRecord> {
  let header: Header | null = null;
  let row = 0;
  for await (const cells of csvRecords(decodeText(source))) {
    if (!header) {
      if ((cells[0] ?? '').startsWith('#') || cells.every((c) => c.trim() === '')) continue;
      header = readHeader(cells);
      row = 1;
      continue;
    }
    row++;
    const record = toRecord(header, cells, row);
    if (record) yield record;
  }
  if (!header) throw new ImportFileError('PATENT_IMPORT_EMPTY');
}

// ---------------------------------------------------------------------------------------------- Excel

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

const DATE_COLUMNS = new Set<PatentImportColumnKey>([
  'applicationDate',
  'publicationDate',
  'grantDate',
  'legalStatusDate',
  'feesPaidUntil',
]);

/** Rows of the first worksheet of an .xlsx, streamed (ExcelJS WorkbookReader). */
export async function* readXlsx(source: ByteSource): AsyncGenerator<SourceRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let header: Header | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) {
          const v = values[c];
          // The streaming reader does not apply styles: a date cell arrives as its serial number.
          if (header && typeof v === 'number' && DATE_COLUMNS.has(header.columns[c - 1] as PatentImportColumnKey) && v > 0 && v < 2958466) {
            cells.push(new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000).toISOString().slice(0, 10));
          } else cells.push(cellText(v));
        }
        if (!header) {
          if (cells.every((c) => c.trim() === '') || (cells[0] ?? '').startsWith('#')) continue;
          header = readHeader(cells);
          continue;
        }
        const record = toRecord(header, cells, row.number);
        if (record) yield record;
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('PATENT_IMPORT_XLSX_UNREADABLE', { reason: err instanceof Error ? err.message.slice(0, 200) : '' });
  }
  if (!header) throw new ImportFileError('PATENT_IMPORT_EMPTY');
}

// ---------------------------------------------------------------------------------------------- ST.36 XML

/** Root elements of one patent document in the ST.36 family (local names, without namespace prefix). */
const DOCUMENT_ELEMENTS = new Set([
  'us-patent-application',
  'us-patent-grant',
  'patent-document',
  'cn-patent-document',
  'exchange-document',
  'tw-patent-grant',
  'PatentDocumentAndRelated',
]);
/** Wrappers that hold many documents. */
const COLLECTION_ELEMENTS = new Set([
  'patent-documents',
  'cn-patent-documents',
  'us-patent-grants',
  'us-patent-applications',
  'exchange-documents',
  'tw-patent-grants',
  'PatentDocuments',
]);

/** The code of an ST.36 `<text>` classification ('H04N   7/18   20060101AFI…' → 'H04N7/18'). */
function ipcOfText(text: string): string {
  const m = /^\s*([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*\/\s*(\d{1,6})(?=\s|$)/.exec(text);
  return m ? `${m[1]}${m[2]}/${m[3]}` : text;
}

const XML_DECL = /<\?xml\s/g;
const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

type Party = { name: string; address: string; appType: string };
type Draft = {
  row: number;
  pub: { country: string; number: string; kind: string; date: string };
  app: { country: string; number: string; date: string; type: string };
  grant: { country: string; number: string; kind: string; date: string };
  ipc: string[];
  locarno: string[];
  title: string;
  abstract: string[];
  claims: string[];
  applicants: Party[];
  inventors: Party[];
  assignees: Party[];
  agency: string;
};

const newDraft = (row: number): Draft => ({
  row,
  pub: { country: '', number: '', kind: '', date: '' },
  app: { country: '', number: '', date: '', type: '' },
  grant: { country: '', number: '', kind: '', date: '' },
  ipc: [],
  locarno: [],
  title: '',
  abstract: [],
  claims: [],
  applicants: [],
  inventors: [],
  assignees: [],
  agency: '',
});

const APPLICANT = new Set(['applicant', 'us-applicant', 'cn-applicant', 'Applicant']);
const INVENTOR = new Set(['inventor', 'us-inventor', 'cn-inventor', 'Inventor']);
const ASSIGNEE = new Set(['assignee', 'cn-assignee', 'cn-patentee', 'Patentee', 'Assignee']);
const PUBLICATION = new Set(['publication-reference', 'cn-publication-reference', 'PublicationReference']);
const APPLICATION = new Set(['application-reference', 'cn-application-reference', 'ApplicationReference']);
const GRANT = new Set(['cn-grant-reference', 'grant-reference', 'GrantReference']);

/** The source record of a finished document: the fields a CSV row would have. */
function draftToRecord(d: Draft): SourceRecord {
  const names = (ps: Party[]) => ps.map((p) => p.name).filter(Boolean);
  const inventors = [...names(d.inventors), ...names(d.applicants.filter((p) => /inventor/.test(p.appType)))];
  const companies = d.applicants.filter((p) => !/inventor/.test(p.appType));
  const applicants = names(companies).length > 0 ? names(companies) : names(d.applicants);
  const assignees = names(d.assignees);
  const country = (d.app.country || d.pub.country).toUpperCase();
  const grantNumber = d.grant.number
    ? /[A-Z]\d?$/.test(d.grant.number)
      ? d.grant.number
      : `${d.grant.country || country}${d.grant.number}${d.grant.kind}`
    : /^[BCUYSD]/.test(d.pub.kind)
      ? `${d.pub.country}${d.pub.number}${d.pub.kind}`
      : '';
  const grantDate = d.grant.date || (/^[BCUYSD]/.test(d.pub.kind) ? d.pub.date : '');
  return {
    row: d.row,
    fields: {
      applicationNumber: d.app.number,
      jurisdiction: country,
      kind: d.app.type,
      title: d.title,
      abstract: d.abstract.join('\n').trim(),
      claims: d.claims.join('\n').trim(),
      applicationDate: d.app.date,
      publicationNumber: d.pub.number ? `${d.pub.country}${d.pub.number}${d.pub.kind}` : '',
      publicationDate: d.pub.date,
      grantNumber,
      grantDate,
      // US applications name inventors as applicants; the assignee then is the applicant.
      applicants: applicants.length > 0 ? applicants : assignees,
      applicantAddress: (companies[0] ?? d.applicants[0])?.address ?? '',
      inventors,
      owners: assignees,
      ipcCodes: d.ipc,
      locarnoCodes: d.locarno,
      agency: d.agency,
    },
  };
}

/**
 * Documents of an ST.36-family XML file: USPTO (us-patent-application / us-patent-grant, also many
 * concatenated `<?xml …?>` documents in one file, as the USPTO bulk files are), WIPO/EPO patent-document
 * and CN-style cn-patent-document (cn-* element names; namespace prefixes such as business: are
 * ignored). Read by local element name, so prefixes and namespaces do not matter.
 */
export async function* readSt36(source: ByteSource): AsyncGenerator<SourceRecord> {
  const ready: SourceRecord[] = [];
  let docIndex = 0;
  let sawDocument = false;
  let draft: Draft | null = null;
  const stack: string[] = [];
  let textBuf = '';
  let party: Party | null = null;
  let partyRole: 'applicant' | 'inventor' | 'assignee' | null = null;
  let nameParts: { first: string; last: string } = { first: '', last: '' };
  let ipcParts: Record<string, string> = {};
  let inIpcr = false;
  let inLocarno = false;
  let ref: 'pub' | 'app' | 'grant' | null = null;
  let section: 'abstract' | 'claims' | 'title' | null = null;
  let rootChecked = false;
  let parser: SaxesParser;
  let offset = 0; // characters before the current document, for error positions
  let documentsInFile = 0;

  const within = (names: Set<string>) => stack.some((s) => names.has(s));
  const makeParser = () => {
    const p = new SaxesParser({ xmlns: false, position: true });
    rootChecked = false;
    p.on('doctype', () => {});
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (!rootChecked) {
        rootChecked = true;
        if (!DOCUMENT_ELEMENTS.has(name) && !COLLECTION_ELEMENTS.has(name)) {
          throw new ImportFileError('PATENT_IMPORT_XML_NOT_ST36', { root: tag.name });
        }
      }
      if (DOCUMENT_ELEMENTS.has(name) && !draft) {
        docIndex++;
        sawDocument = true;
        draft = newDraft(docIndex);
        stack.length = 0;
      }
      stack.push(name);
      textBuf = '';
      if (!draft) return;
      const attr = (a: string) => {
        const v = tag.attributes[a];
        return typeof v === 'string' ? v : '';
      };
      if (PUBLICATION.has(name)) ref = 'pub';
      else if (APPLICATION.has(name)) {
        ref = 'app';
        draft.app.type = attr('appl-type') || draft.app.type;
      } else if (GRANT.has(name)) ref = 'grant';
      else if (name === 'classification-ipcr' || name === 'classification-ipc') {
        inIpcr = true;
        ipcParts = {};
      } else if (name === 'classification-locarno') inLocarno = true;
      else if (name === 'invention-title' && !draft.title) section = 'title';
      else if (name === 'abstract' && draft.abstract.length === 0) section = 'abstract';
      else if (name === 'claims' && draft.claims.length === 0) section = 'claims';
      else if (APPLICANT.has(name) || INVENTOR.has(name) || ASSIGNEE.has(name)) {
        partyRole = APPLICANT.has(name) ? 'applicant' : INVENTOR.has(name) ? 'inventor' : 'assignee';
        party = { name: '', address: '', appType: attr('app-type') };
        nameParts = { first: '', last: '' };
      }
    });
    p.on('text', (t) => {
      if (!draft) return;
      if (section === 'abstract') draft.abstract.push(t);
      else if (section === 'claims') draft.claims.push(t);
      else if (section === 'title') draft.title += t;
      else textBuf += t;
    });
    p.on('cdata', (t) => {
      if (section === 'abstract') draft?.abstract.push(t);
      else if (section === 'claims') draft?.claims.push(t);
      else textBuf += t;
    });
    p.on('closetag', (tag) => {
      const name = local(tag.name);
      stack.pop();
      const d = draft;
      if (!d) return;
      const value = textBuf.trim().replace(/\s+/g, ' ');
      textBuf = '';
      if (section && (name === 'invention-title' || name === 'abstract' || name === 'claims')) section = null;
      if (section === 'claims' && name === 'claim') d.claims.push('\n');
      if (section) return;
      if (ref && !within(PUBLICATION) && !within(APPLICATION) && !within(GRANT)) ref = null;
      if (ref === 'pub' || ref === 'app' || ref === 'grant') {
        // Only the first document-id of a reference counts (priority and related documents nest their own).
        const target = ref === 'pub' ? d.pub : ref === 'app' ? d.app : d.grant;
        if (name === 'country' && 'country' in target && !target.country) target.country = value;
        else if (name === 'doc-number' && !target.number) target.number = value;
        else if (name === 'kind' && 'kind' in target && !target.kind) target.kind = value;
        else if (name === 'date' && !target.date) target.date = value;
      }
      if (inIpcr) {
        if (name === 'classification-ipcr' || name === 'classification-ipc') {
          inIpcr = false;
          const p2 = ipcParts;
          if (p2.text) d.ipc.push(ipcOfText(p2.text));
          else if (p2.section)
            d.ipc.push(`${p2.section}${p2.class ?? ''}${p2.subclass ?? ''}${p2['main-group'] ?? ''}/${p2.subgroup ?? ''}`);
        } else if (name === 'main-classification' || name === 'further-classification') {
          if (value) d.ipc.push(value);
        } else if (value) ipcParts[name] = value;
        return;
      }
      if (inLocarno) {
        if (name === 'classification-locarno') inLocarno = false;
        else if ((name === 'main-classification' || name === 'further-classification' || name === 'text') && value) {
          d.locarno.push(/^\d{4}$/.test(value) ? `${value.slice(0, 2)}-${value.slice(2)}` : value);
        }
        return;
      }
      if (party) {
        if (name === 'orgname' || name === 'name' || name === 'Name' || name === 'OrganizationName') party.name ||= value;
        else if (name === 'last-name') nameParts.last = value;
        else if (name === 'first-name') nameParts.first = value;
        else if (name === 'text' && stack.includes('address')) party.address ||= value;
        else if (name === 'address-1' || name === 'city') party.address ||= value;
        if (
          (partyRole === 'applicant' && APPLICANT.has(name)) ||
          (partyRole === 'inventor' && INVENTOR.has(name)) ||
          (partyRole === 'assignee' && ASSIGNEE.has(name))
        ) {
          if (!party.name) party.name = [nameParts.first, nameParts.last].filter(Boolean).join(' ');
          if (party.name) {
            const list = partyRole === 'applicant' ? d.applicants : partyRole === 'inventor' ? d.inventors : d.assignees;
            list.push(party);
          }
          party = null;
          partyRole = null;
        }
        return;
      }
      if ((name === 'agency' || name === 'cn-agency') && value) d.agency ||= value;
      else if (
        (name === 'orgname' || name === 'name') &&
        value &&
        stack.some((s) => s === 'agency' || s === 'cn-agency' || s === 'agents')
      ) {
        d.agency ||= value;
      }
      if (DOCUMENT_ELEMENTS.has(name)) {
        ready.push(draftToRecord(d));
        draft = null;
      }
    });
    return p;
  };

  const fail = (err: unknown): never => {
    if (err instanceof ImportFileError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportFileError('PATENT_IMPORT_XML_MALFORMED', {
      document: documentsInFile,
      reason: message.slice(0, 300),
      offset: offset + (parser?.position ?? 0),
    });
  };

  parser = makeParser();
  documentsInFile = 1;
  let carry = '';
  let started = false;
  const write = (s: string) => {
    try {
      parser.write(s);
    } catch (err) {
      fail(err);
    }
  };
  const nextDocument = () => {
    try {
      parser.close();
    } catch (err) {
      fail(err);
    }
    offset += parser.position;
    parser = makeParser();
    documentsInFile++;
    draft = null;
  };

  for await (const chunk of decodeText(source)) {
    let s = carry + chunk;
    carry = '';
    // A new `<?xml` after the first document starts a new document (USPTO bulk files).
    let from = 0;
    for (;;) {
      XML_DECL.lastIndex = from;
      const at = XML_DECL.exec(s)?.index ?? -1;
      if (at < 0) break;
      const isFirst = !started && s.slice(0, at).trim() === '';
      if (isFirst) {
        started = true;
        from = at + 5;
        continue;
      }
      write(s.slice(0, at));
      nextDocument();
      s = s.slice(at);
      from = 5;
      started = true;
    }
    // Keep a possible partial '<?xml' at the end for the next chunk.
    const tail = s.slice(-5);
    const partial = ['<', '<?', '<?x', '<?xm', '<?xml'].some((p) => tail.endsWith(p));
    if (partial) {
      const cut = s.lastIndexOf('<');
      carry = s.slice(cut);
      s = s.slice(0, cut);
    }
    if (!started && s.trim() !== '') started = true;
    if (s) write(s);
    while (ready.length > 0) yield ready.shift() as SourceRecord;
  }
  if (carry) write(carry);
  try {
    parser.close();
  } catch (err) {
    fail(err);
  }
  while (ready.length > 0) yield ready.shift() as SourceRecord;
  if (!sawDocument) {
    if (!started) throw new ImportFileError('PATENT_IMPORT_EMPTY');
    throw new ImportFileError('PATENT_IMPORT_XML_NOT_ST36', { root: null });
  }
}

export type ImportFormat = 'csv' | 'xlsx' | 'xml';

export function readRecords(format: ImportFormat, source: ByteSource): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(source) : format === 'xlsx' ? readXlsx(source) : readSt36(source);
}

/** The format of a file by its first bytes: a ZIP is .xlsx, '<' (after BOM/space) XML, other text CSV. */
export function sniffFormat(head: Uint8Array): ImportFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x3c /* < */) return 'xml';
  const sample = head.subarray(0, 4096);
  for (const b of sample) if (b === 0 || (b < 0x09 && b !== 0)) return null;
  return head.length > 0 ? 'csv' : null;
}
