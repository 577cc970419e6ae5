import { parseApplicationNumber } from '@innotown/contracts/patent-codes';
import { describe, expect, it } from 'vitest';
import { applicantsFromEnterprises, generatePatents, patentTermYears } from './patent-generator.ts';

const enterprises = [
  {
    name: '中山市甲灯饰有限公司',
    creditCode: '91442000MA4UTEST01',
    address: '古镇镇',
    industryCode: 'C3872',
    isHighTech: true,
    sizeClass: 'small',
  },
  {
    name: '中山市乙锁业有限公司',
    creditCode: '91442000MA4UTEST02',
    address: '小榄镇',
    industryCode: 'C3351',
    isHighTech: false,
    sizeClass: 'medium',
  },
  {
    name: '中山市丙贸易有限公司',
    creditCode: '91442000MA4UTEST03',
    address: '石岐',
    industryCode: 'I6513',
    isHighTech: false,
    sizeClass: 'micro',
  },
];

describe('generatePatents', () => {
  const pool = applicantsFromEnterprises(enterprises, { seed: 7 });
  const records = [...generatePatents({ count: 2000, applicants: pool, seed: 7, asOf: '2026-06-30' })];

  it('is deterministic', () => {
    const again = [...generatePatents({ count: 50, applicants: pool, seed: 7, asOf: '2026-06-30' })];
    expect(again).toEqual(records.slice(0, 50));
  });

  it('gives valid, unique application numbers', () => {
    expect(new Set(records.map((r) => r.applicationNumber)).size).toBe(records.length);
    for (const r of records) expect(parseApplicationNumber(r.applicationNumber).ok).toBe(true);
  });

  it('keeps every date in order and on or before asOf, and the status in step with the last event', () => {
    for (const r of records) {
      expect(r.applicationDate <= '2026-06-30').toBe(true);
      if (r.grantDate) expect(r.grantDate >= r.applicationDate && r.grantDate <= '2026-06-30').toBe(true);
      const dates = r.events.map((e) => e.date);
      expect([...dates].sort()).toEqual(dates);
      expect(r.events[0]?.kind).toBe('filed');
      if (r.legalStatus === 'granted') expect(r.events.some((e) => e.kind === 'granted')).toBe(true);
      if (r.legalStatus === 'lapsed') expect(r.events.at(-1)?.kind).toBe('lapsed');
      if (r.legalStatus === 'expired')
        expect(r.legalStatusDate).toBe(
          `${Number(r.applicationDate.slice(0, 4)) + patentTermYears(r.kind, r.applicationDate)}${r.applicationDate.slice(4)}`,
        );
      expect(r.kind === 'design' ? r.locarnoCodes.length : r.ipcCodes.length).toBeGreaterThan(0);
    }
  });

  it('files for enterprises of patenting industries only, plus outside applicants', () => {
    const names = new Set(records.flatMap((r) => r.applicants));
    expect(names.has('中山市甲灯饰有限公司')).toBe(true);
    expect(names.has('中山市丙贸易有限公司')).toBe(false);
    expect([...names].some((n) => !n.startsWith('中山市'))).toBe(true);
  });

  it('uses the design term of 15 years from 2021-06-01', () => {
    expect(patentTermYears('design', '2021-05-31')).toBe(10);
    expect(patentTermYears('design', '2021-06-01')).toBe(15);
  });
});
