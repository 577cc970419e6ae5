// The benchmark's file formats: generated patents as a CSV row (the template's Chinese columns, legal events
// included) and as a CN-style ST.36 XML document. Shared by the import benchmark and its CPU profile.
import type { GeneratedPatent } from '../src/seed/patent-generator.ts';

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const xmlText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const KIND_ZH = { invention: '发明', utility_model: '实用新型', design: '外观设计' } as const;
export const CSV_HEADER = [
  '申请号',
  '专利类型',
  '专利名称',
  '摘要',
  '主权项',
  '申请日',
  '公开号',
  '公开日',
  '授权公告号',
  '授权公告日',
  '申请人',
  '申请人信用代码',
  '申请人地址',
  '发明人',
  '当前权利人',
  '分类号',
  '法律状态',
  '法律状态日',
  '法律事件',
  '专利代理机构',
];

function eventsCell(p: GeneratedPatent): string {
  return p.events
    .filter((e) => !['filed', 'published', 'granted'].includes(e.kind))
    .map((e) => {
      const d = e.detail as Record<string, unknown>;
      const note =
        e.kind === 'transferred' ? (d.to as string[] | undefined)?.join('、') : e.kind === 'licensed' ? (d.licensee as string) : '';
      return `${e.date} ${e.kind}${note ? ` ${note}` : ''}`;
    })
    .join('; ');
}

export function csvRow(p: GeneratedPatent): string {
  return `${[
    p.applicationNumber,
    KIND_ZH[p.kind],
    p.title,
    p.abstract,
    p.claims ?? '',
    p.applicationDate,
    p.publicationNumber ?? '',
    p.publicationDate ?? '',
    p.grantNumber ?? '',
    p.grantDate ?? '',
    p.applicants.join(';'),
    p.applicantCreditCodes.filter((c): c is string => c !== null).join(';'),
    p.applicantAddress ?? '',
    p.inventors.join(';'),
    p.owners.join(';'),
    (p.kind === 'design' ? p.locarnoCodes : p.ipcCodes).join(';'),
    p.legalStatus,
    p.legalStatusDate,
    eventsCell(p),
    p.agency ?? '',
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

const KIND_LETTER = /^(CN)?(\d+)([A-Z]\d?)$/;
function docId(number: string | null, date: string | null) {
  const m = number ? KIND_LETTER.exec(number) : null;
  if (!m || !date) return '';
  return `<base:document-id><base:country>CN</base:country><base:doc-number>${m[2]}</base:doc-number><base:kind>${m[3]}</base:kind><base:date>${date.replace(/-/g, '')}</base:date></base:document-id>`;
}

export function xmlDoc(p: GeneratedPatent): string {
  const pub = p.grantNumber && p.kind !== 'invention' ? docId(p.grantNumber, p.grantDate) : docId(p.publicationNumber, p.publicationDate);
  const grant =
    p.kind === 'invention' && p.grantNumber
      ? `<business:cn-grant-reference>${docId(p.grantNumber, p.grantDate)}</business:cn-grant-reference>`
      : '';
  const classes =
    p.kind === 'design'
      ? p.locarnoCodes
          .map(
            (c) =>
              `<business:classification-locarno><base:main-classification>${c}</base:main-classification></business:classification-locarno>`,
          )
          .join('')
      : `<business:classifications-ipcr>${p.ipcCodes.map((c) => `<business:classification-ipcr><base:text>${c}</base:text></business:classification-ipcr>`).join('')}</business:classifications-ipcr>`;
  const party = (tag: string, names: string[], address?: string | null) =>
    names
      .map(
        (n, i) =>
          `<business:${tag} sequence="${i + 1}"><base:name>${xmlText(n)}</base:name>${i === 0 && address ? `<base:address><base:text>${xmlText(address)}</base:text></base:address>` : ''}</business:${tag}>`,
      )
      .join('');
  return (
    `<cn-patent-document lang="zh" country="CN">\n<business:cn-bibliographic-data>` +
    (pub ? `<business:cn-publication-reference>${pub}</business:cn-publication-reference>` : '') +
    grant +
    `<business:application-reference appl-type="${KIND_ZH[p.kind]}"><base:document-id><base:country>CN</base:country><base:doc-number>${p.applicationNumber}</base:doc-number><base:date>${p.applicationDate.replace(/-/g, '')}</base:date></base:document-id></business:application-reference>` +
    classes +
    `<business:invention-title lang="zh">${xmlText(p.title)}</business:invention-title>` +
    `<business:cn-parties><business:cn-applicants>${party('cn-applicant', p.applicants, p.applicantAddress)}</business:cn-applicants>` +
    `<business:cn-inventors>${party('cn-inventor', p.inventors)}</business:cn-inventors>` +
    `<business:cn-patentees>${party('cn-patentee', p.owners)}</business:cn-patentees></business:cn-parties>` +
    (p.agency ? `<business:cn-agency><base:name>${xmlText(p.agency)}</base:name></business:cn-agency>` : '') +
    `</business:cn-bibliographic-data>\n<business:abstract><base:paragraphs>${xmlText(p.abstract)}</base:paragraphs></business:abstract>` +
    (p.claims
      ? `<business:application-body><business:claims><business:claim><business:claim-text>${xmlText(p.claims)}</business:claim-text></business:claim></business:claims></business:application-body>`
      : '') +
    '\n</cn-patent-document>\n'
  );
}

export const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<cn-patent-documents xmlns:business="http://www.sipo.gov.cn/XMLSchema/business" xmlns:base="http://www.sipo.gov.cn/XMLSchema/base">\n';
export const XML_TAIL = '</cn-patent-documents>\n';
