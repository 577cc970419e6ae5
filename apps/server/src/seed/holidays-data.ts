/**
 * China's public holidays and make-up working days (调休上班), as published by the State
 * Council General Office: 国务院办公厅关于2025年部分节假日安排的通知 (Nov 2024, the year
 * 春节 and 劳动节 each gained a day) and the corresponding 2026 notice (Nov 2025).
 * Ranges are written as published; the list is expanded to one entry per day.
 */

type Period = { name: string; from: string; to: string; workdays: string[] };

const PERIODS: readonly Period[] = [
  // 2025
  { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
  { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
  { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
  { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
  { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
  { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
  // 2026
  { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
  { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
  { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
  { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
  { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
  { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
];

export type SeedHoliday = { date: string; name: string; isWorkday: boolean };

const DAY_MS = 86_400_000;

/** Days off and make-up working days, sorted by date. */
export function holidays(): SeedHoliday[] {
  const days: SeedHoliday[] = [];
  for (const p of PERIODS) {
    // Date arithmetic in UTC on fixed strings: no clock, no time zone.
    for (let t = Date.parse(`${p.from}T00:00:00Z`); t <= Date.parse(`${p.to}T00:00:00Z`); t += DAY_MS) {
      days.push({ date: new Date(t).toISOString().slice(0, 10), name: p.name, isWorkday: false });
    }
    for (const date of p.workdays) days.push({ date, name: `${p.name}（调休上班）`, isWorkday: true });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
