import { describe, expect, it } from 'vitest';
import {
  type EnterpriseIndex,
  normaliseRecord,
  parseDate,
  parseKind,
  parseLegalStatus,
  type SourceRecord,
} from './patent-import.normalise.ts';

const base = {
  applicationNumber: '202121635235.X',
  title: '无人机巡检系统',
  applicationDate: '20210715',
  applicants: '中科大数据研究院',
  ipcCodes: 'H04N7/18;G07C1/20',
};
const run = (fields: SourceRecord['fields'], enterprises?: EnterpriseIndex) =>
  normaliseRecord({ row: 2, fields }, { source: 'csv', currentYear: 2026, newId: () => 'id-1', ...(enterprises ? { enterprises } : {}) });
const codes = (fields: SourceRecord['fields']) => {
  const r = run(fields);
  return r.ok ? [] : r.issues.map((i) => `${i.column}:${i.code}`);
};

describe('patent record normalisation', () => {
  it('a real CNIPA record: number with X check character, kind from the number, classes, prefixes, events', () => {
    const r = run({
      ...base,
      publicationNumber: 'CN217546176U',
      publicationDate: '20221004',
      grantNumber: 'CN217546176U',
      grantDate: '20221004',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.patent).toMatchObject({
      applicationNumber: '202121635235.X',
      jurisdiction: 'CN',
      kind: 'utility_model',
      mainClass: 'H04N7/18',
      legalStatus: 'granted',
      legalStatusDate: '2022-10-04',
      owners: ['中科大数据研究院'],
      localApplicant: false,
    });
    expect(r.patent.classPrefixes).toEqual(['H', 'H04', 'H04N', 'H04N7/', 'H04N7/18', 'G', 'G07', 'G07C', 'G07C1/', 'G07C1/20']);
    expect(r.patent.events.map((e) => e.importKey)).toEqual(['filed:2021-07-15', 'granted:2022-10-04']);
  });

  it('wrong check digit, malformed IPC, dates out of order, missing applicant: one issue each, zh and en', () => {
    expect(codes({ ...base, applicationNumber: '202121635235.3' })).toEqual(['applicationNumber:patent_application_number_check_digit']);
    expect(codes({ ...base, ipcCodes: 'H04N7/18;G07C' })).toEqual(['ipcCodes:ipc_main_group']);
    expect(codes({ ...base, ipcCodes: 'Z04N7/18' })).toEqual(['ipcCodes:ipc_section']);
    expect(codes({ ...base, grantDate: '2021-07-14' })).toEqual(['grantDate:patent_import_grant_before_application']);
    expect(codes({ ...base, publicationDate: '2020-01-01' })).toEqual(['publicationDate:patent_import_publication_before_application']);
    expect(codes({ ...base, applicationDate: '2021-02-30' })).toEqual(['applicationDate:patent_import_date_format']);
    expect(codes({ ...base, applicants: '' })).toEqual(['applicants:patent_import_required']);
    expect(codes({ ...base, kind: '发明' })).toEqual(['kind:patent_import_kind_mismatch']);
    const r = run({ ...base, applicationNumber: '202121635235.3' });
    expect(!r.ok && r.issues[0]).toMatchObject({ zh: expect.stringContaining('校验'), en: expect.stringMatching(/check character/) });
  });

  it('foreign numbers are kept as given and need an office code; designs take Locarno classes', () => {
    const us = run({ ...base, applicationNumber: '12460559', jurisdiction: 'US', kind: 'utility', ipcCodes: 'B63C 11/04' });
    expect(us.ok && [us.patent.applicationNumber, us.patent.jurisdiction, us.patent.kind, us.patent.ipcCodes]).toEqual([
      '12460559',
      'US',
      'invention',
      ['B63C11/04'],
    ]);
    expect(codes({ ...base, applicationNumber: '14/041,364', kind: 'invention' })).toEqual(['jurisdiction:patent_import_jurisdiction']);
    const design = run({ ...base, applicationNumber: '202430123456.1', ipcCodes: '26-05' });
    expect(design.ok && [design.patent.kind, design.patent.locarnoCodes, design.patent.classPrefixes]).toEqual([
      'design',
      ['26-05'],
      ['LOC26', 'LOC26-05'],
    ]);
  });

  it('legal status and events: CNIPA wording, event notes, the status event', () => {
    expect(
      ['有权-审定授权', '审中-实质审查', '无权-未缴年费', '无权-期限届满', '全部无效', '驳回', 'withdrawn', 'xyz'].map(parseLegalStatus),
    ).toEqual(['granted', 'pending', 'lapsed', 'expired', 'invalidated', 'rejected', 'withdrawn', 'invalid']);
    expect(['发明公开;发明授权', '实用新型', 'design', '发明;外观设计'].map(parseKind)).toEqual([
      'invention',
      'utility_model',
      'design',
      'invalid',
    ]);
    expect(['2021-07-15', '20210715', '2021/7/5', '2021年7月15日', '0', '', '2021-13-01'].map(parseDate)).toEqual([
      '2021-07-15',
      '2021-07-15',
      '2021-07-05',
      '2021-07-15',
      null,
      null,
      'invalid',
    ]);
    const r = run({
      ...base,
      grantDate: '2022-10-04',
      legalStatus: '无权-未缴年费',
      legalStatusDate: '2024-10-04',
      events: '2023-05-01 转让 中山市某公司; 2023-06-01 许可 某厂',
    });
    expect(r.ok && r.patent.events.map((e) => [e.kind, e.eventDate, e.detail])).toEqual([
      ['filed', '2021-07-15', {}],
      ['granted', '2022-10-04', {}],
      ['transferred', '2023-05-01', { to: '中山市某公司' }],
      ['licensed', '2023-06-01', { licensee: '某厂' }],
      ['lapsed', '2024-10-04', {}],
    ]);
    expect(codes({ ...base, events: '2023-05-01 被偷了' })).toEqual(['events:patent_import_event']);
  });

  it('links owners to local enterprises by credit code or exact name; the town of the first linked applicant', () => {
    const index: EnterpriseIndex = {
      byCode: new Map([['91442000MA4UJ5XQ8Y', { id: 'e-code', townId: 't-xiaolan' }]]),
      byName: new Map([['中山市古镇星辉灯饰有限公司', { id: 'e-name', townId: 't-guzhen' }]]),
    };
    const r = run({ ...base, applicants: '深圳某公司;中山市古镇星辉灯饰有限公司', owners: '中山市古镇星辉灯饰有限公司' }, index);
    expect(r.ok && [r.patent.ownerEnterpriseIds, r.patent.townId, r.patent.localApplicant]).toEqual([['e-name'], 't-guzhen', true]);
    const byCode = run({ ...base, applicantCreditCodes: '91442000MA4UJ5XQ8Y' }, index);
    expect(byCode.ok && [byCode.patent.ownerEnterpriseIds, byCode.patent.townId]).toEqual([['e-code'], 't-xiaolan']);
    expect(codes({ ...base, applicantCreditCodes: '91442000MA4UJ5XQ8Z' })).toEqual(['applicantCreditCodes:patent_import_credit_code']);
  });
});
