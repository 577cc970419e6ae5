import ExcelJS from 'exceljs';
import type { PatentRow } from './patent-search.repository.ts';

const KIND_ZH: Record<string, string> = { invention: '发明', utility_model: '实用新型', design: '外观设计' };
const STATUS_ZH: Record<string, string> = {
  pending: '审中',
  granted: '有效（已授权）',
  lapsed: '失效',
  invalidated: '宣告无效',
  expired: '期限届满',
  rejected: '驳回',
  withdrawn: '撤回',
};
/** Cells starting with = + - @ would run as formulas in a spreadsheet (CSV/formula injection). */
const safeText = (s: string | null | undefined) => {
  const v = s ?? '';
  return /^[=+\-@]/.test(v) ? `'${v}` : v;
};

/** A search result as a workbook: one row per patent, bibliographic fields only, and a note of the search. */
export async function patentWorkbook(rows: PatentRow[], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const sheet = workbook.addWorksheet('专利 Patents', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '申请号 Application no.', key: 'applicationNumber', width: 18 },
    { header: '公开号 Publication no.', key: 'publicationNumber', width: 16 },
    { header: '授权号 Grant no.', key: 'grantNumber', width: 16 },
    { header: '类型 Kind', key: 'kind', width: 10 },
    { header: '名称 Title', key: 'title', width: 40 },
    { header: '申请人 Applicants', key: 'applicants', width: 30 },
    { header: '专利权人 Owners', key: 'owners', width: 30 },
    { header: '发明人 Inventors', key: 'inventors', width: 20 },
    { header: '分类号 IPC / Locarno', key: 'classes', width: 24 },
    { header: '申请日 Application date', key: 'applicationDate', width: 14 },
    { header: '公开日 Publication date', key: 'publicationDate', width: 14 },
    { header: '授权日 Grant date', key: 'grantDate', width: 14 },
    { header: '法律状态 Legal status', key: 'legalStatus', width: 14 },
    { header: '镇街 Town', key: 'town', width: 10 },
    { header: '摘要 Abstract', key: 'abstract', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow({
      applicationNumber: r.application_number,
      publicationNumber: r.publication_number ?? '',
      grantNumber: r.grant_number ?? '',
      kind: KIND_ZH[r.kind] ?? r.kind,
      title: safeText(r.title),
      applicants: safeText(r.applicants.join('；')),
      owners: safeText(r.owners.join('；')),
      inventors: safeText(r.inventors.join('；')),
      classes: [...r.ipc_codes, ...r.locarno_codes].join('；'),
      applicationDate: r.application_date,
      publicationDate: r.publication_date ?? '',
      grantDate: r.grant_date ?? '',
      legalStatus: STATUS_ZH[r.legal_status] ?? r.legal_status,
      town: r.town_name ?? '',
      abstract: safeText(r.abstract),
    });
  }
  const info = workbook.addWorksheet('说明 Note');
  info.getCell('A1').value = note;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
