/**
 * A year of demo use of the seeded instruments, so that the open-sharing statistics show something
 * true: bookings by a dozen client enterprises with the usage their owners recorded (mostly confirmed,
 * a few deemed confirmed, disputed or no-shows, some extra charges), and internal use by the owners'
 * own staff. Utilisation varies by instrument: some are busy, many moderately used, some idle.
 * Pure and deterministic: fixed dates before BOOKING_REFERENCE_DAY, one random stream per instrument.
 * At scale < 1 (the test harness) only the last months are generated, to keep seeding fast.
 */
import { addCalendarDays, calendarFrom, dayOfWeek, isWorkingDay } from '../platform/working-days.ts';
import type { SeedEnterprise } from './demo-data.ts';
import type { SeedHoliday } from './holidays-data.ts';
import { mixSeed, Random } from './random.ts';
import { BOOKING_REFERENCE_DAY, type SeedOpeningHours, type SeedResource } from './resources-data.ts';

export type SeedExtraCharge = { kind: 'consumables' | 'operator_time'; amountFen: number; note: string | null };
export type SeedUsageBooking = {
  resourceKey: string;
  enterpriseKey: string;
  /** Username of the client account that booked. */
  username: string;
  mode: 'operator_assisted' | 'self_service';
  period: [string, string];
  purpose: string;
  quotedFeeFen: number;
  status: 'completed' | 'usage_recorded' | 'disputed' | 'no_show';
  createdAt: string;
  decidedAt: string;
  usage: {
    minutes: number;
    feeFen: number;
    extraCharges: SeedExtraCharge[];
    extraFen: number;
    recordedAt: string;
    confirmedAt: string | null;
    disputeReason: string | null;
  } | null;
};
export type SeedInternalUsage = { resourceKey: string; usedOn: string; minutes: number; incomeFen: number; note: string };
/** Planned purchases on file in the demo (新购仪器查重): one waiting for review, one decided. */
export type SeedPurchaseReview = {
  institutionKey: string;
  /** Username of the provider who filed it. */
  filedBy: string;
  name: string;
  model: string | null;
  category: string | null;
  keywords: string | null;
  budgetFen: number;
  reason: string;
  status: 'submitted' | 'approved' | 'rejected';
  decisionComment: string | null;
  /** Username of the reviewer. */
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
};
export const DEMO_PURCHASE_REVIEWS: readonly SeedPurchaseReview[] = [
  {
    institutionKey: 'national-lighting-test-centre',
    filedBy: 'lamplab',
    name: '积分球光谱辐射计',
    model: 'HAAS-2000 2 m',
    category: '光学测量',
    keywords: 'LED 光通量 光色',
    budgetFen: 86_000_000,
    reason: '出口灯具能效检测业务增长，现有积分球排队时间较长，拟新增一套 2 米积分球系统。',
    status: 'submitted',
    decisionComment: null,
    decidedBy: null,
    createdAt: '2026-11-18T10:20:00+08:00',
    decidedAt: null,
  },
  {
    institutionKey: 'zhongshan-productivity-centre',
    filedBy: 'provider',
    name: '盐雾试验箱',
    model: null,
    category: '环境试验',
    keywords: '盐雾 腐蚀',
    budgetFen: 18_000_000,
    reason: '为东区五金企业提供中性盐雾试验服务。',
    status: 'rejected',
    decisionComment: '小榄镇已有多台同类设备且使用率不足三成，建议通过平台共享预约，暂不新购。',
    decidedBy: 'admin',
    createdAt: '2026-10-09T15:00:00+08:00',
    decidedAt: '2026-10-12T09:40:00+08:00',
  },
];

/** An enterprise user account of a client enterprise (the bookers of the history). */
export type SeedClient = { username: string; displayName: string; enterpriseKey: string; email: string };

const HISTORY_STREAM = 0x5a7e;
const HISTORY_MONTHS = 12;
const CLIENTS = 16;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const PURPOSES = [
  '新产品型式试验前摸底测试',
  '客户验厂要求的出厂检验',
  '出口认证（CE/UL）送检前预测试',
  '来料质量抽检',
  '工艺改进前后对比测试',
  '研发样机性能验证',
  '质量投诉样品复测',
];

const offset = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Owners use about half the external rate for internal accounting (内部核算价). */
const INTERNAL_PRICE_SHARE = 0.5;

export function generateUsageHistory(
  resources: readonly SeedResource[],
  enterprises: readonly SeedEnterprise[],
  holidays: readonly SeedHoliday[],
  options: { scale: number; excludeEnterpriseKey: string },
): { clients: SeedClient[]; bookings: SeedUsageBooking[]; internalUsages: SeedInternalUsage[] } {
  const calendar = calendarFrom(holidays);
  const months = options.scale >= 1 ? HISTORY_MONTHS : Math.max(2, Math.round(HISTORY_MONTHS * options.scale));
  // Ends a week before the reference day, so that every slot lies in the past when the demo runs.
  const to = addCalendarDays(BOOKING_REFERENCE_DAY, -7);
  const [y, m] = BOOKING_REFERENCE_DAY.split('-').map(Number) as [number, number];
  const startMonth = new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 10);

  // Clients: spread over the enterprise list (so over the towns), never the demo account's enterprise.
  const candidates = enterprises.filter((e) => e.key !== options.excludeEnterpriseKey);
  const step = Math.max(1, Math.floor(candidates.length / CLIENTS));
  const clients: SeedClient[] = [];
  for (let i = 0; i < candidates.length && clients.length < CLIENTS; i += step) {
    const e = candidates[i] as SeedEnterprise;
    const n = String(clients.length + 1).padStart(2, '0');
    clients.push({ username: `client${n}`, displayName: e.contactName, enterpriseKey: e.key, email: `client${n}@innotown.example` });
  }

  const bookings: SeedUsageBooking[] = [];
  const internalUsages: SeedInternalUsage[] = [];
  if (clients.length === 0) return { clients, bookings, internalUsages };

  const instruments = resources.filter((r) => r.kind === 'instrument' && r.reviewStatus === 'published' && r.openingHours);
  instruments.forEach((r, index) => {
    const rng = new Random(mixSeed(HISTORY_STREAM, index + 1));
    // How much this instrument is wanted: idle, little, moderately, much.
    const demand = rng.weighted<[number, number]>([
      [[0, 0], 15],
      [[0.05, 0.2], 35],
      [[0.2, 0.5], 35],
      [[0.5, 0.85], 15],
    ]);
    const rate = rng.between(demand[0], demand[1]);
    // Each instrument has a few regular clients and a wider circle of occasional ones.
    const regulars = [rng.pick(clients), rng.pick(clients), rng.pick(clients)];
    const circle = Array.from({ length: 5 }, () => rng.pick(clients));
    const hours = r.openingHours as SeedOpeningHours;
    const fee = r.feeMinFen ?? 0;
    const hasInternalUse = rate > 0 ? rng.chance(0.6) : rng.chance(0.15);

    for (let day = startMonth; day <= to; day = addCalendarDays(day, 1)) {
      if (!isWorkingDay(day, calendar)) continue;
      const intervals = hours[WEEKDAYS[dayOfWeek(day)] as keyof SeedOpeningHours] ?? hours.mon ?? [];
      if (intervals.length === 0) continue;
      if (rate > 0 && rng.chance(Math.min(0.95, rate * 1.3))) {
        // The whole day, or one of its sessions.
        const whole = rng.chance(0.35);
        const first = intervals[0] as [string, string];
        const last = intervals[intervals.length - 1] as [string, string];
        const [from, until] = whole ? [first[0], last[1]] : (rng.pick(intervals) as [string, string]);
        const slotMinutes = minutesOf(until) - minutesOf(from);
        const client = rng.chance(0.8) ? rng.pick(regulars) : rng.pick(circle);
        const status = rng.weighted<SeedUsageBooking['status']>([
          ['completed', 88],
          ['usage_recorded', 3],
          ['disputed', 2],
          ['no_show', 7],
        ]);
        const minutes = Math.max(30, slotMinutes - rng.int(0, 6) * 10);
        const units = r.feeUnit === 'hour' ? minutes / 60 : r.feeUnit === 'sample' ? rng.int(1, 6) : 1;
        const feeFen = Math.round((fee * units) / 100) * 100;
        const extra: SeedExtraCharge[] = rng.chance(0.12)
          ? [
              rng.chance(0.5)
                ? { kind: 'consumables', amountFen: rng.int(5, 60) * 1000, note: '标准样品及耗材' }
                : { kind: 'operator_time', amountFen: rng.int(2, 10) * 5000, note: '工程师加班操作' },
            ]
          : [];
        const created = addCalendarDays(day, -rng.int(2, 10));
        const recorded = offset(day, until);
        bookings.push({
          resourceKey: r.key,
          enterpriseKey: client.enterpriseKey,
          username: client.username,
          mode: r.operatorRequired ? 'operator_assisted' : 'self_service',
          period: [offset(day, from), offset(day, until)],
          purpose: rng.pick(PURPOSES),
          quotedFeeFen: Math.round((fee * (r.feeUnit === 'hour' ? slotMinutes / 60 : units)) / 100) * 100,
          status,
          createdAt: offset(created, '10:00'),
          decidedAt: offset(addCalendarDays(created, 1), '09:30'),
          usage:
            status === 'no_show'
              ? null
              : {
                  minutes,
                  feeFen,
                  extraCharges: extra,
                  extraFen: extra.reduce((s, c) => s + c.amountFen, 0),
                  recordedAt: recorded,
                  confirmedAt: status === 'completed' ? offset(addCalendarDays(day, rng.int(0, 3)), '16:00') : null,
                  disputeReason: status === 'disputed' ? '实际上机时间与记录不符，请核对' : null,
                },
        });
      }
      if (hasInternalUse && rng.chance(0.12)) {
        const minutes = rng.int(1, 4) * 60;
        internalUsages.push({
          resourceKey: r.key,
          usedOn: day,
          minutes,
          incomeFen: Math.round((fee * (r.feeUnit === 'hour' ? minutes / 60 : 1) * INTERNAL_PRICE_SHARE) / 100) * 100,
          note: rng.pick(['本单位科研项目使用', '内部质控比对', '设备期间核查', '人员培训上机']),
        });
      }
    }
  });
  return { clients, bookings, internalUsages };
}
