import { applicationCheckChar } from '@innotown/contracts/patent-codes';
import type { PatentEventKind, PatentKind, PatentLegalStatus } from '@innotown/contracts/patents';
import { PATENT_THEMES, type PatentTheme, type PatentThemeKey, themeOfIndustry } from './patent-themes.ts';
import { mixSeed, Random } from './random.ts';

/**
 * Deterministic patent records for the demo data and the benchmarks: the same options always give
 * the same records, byte for byte (no clock, no Math.random). Records come one at a time from a
 * generator, so a benchmark can stream a million of them into a file with flat memory.
 *
 * The life of each record follows CNIPA practice closely enough for search and landscape figures to
 * look real: an invention is published 18 months after filing and examined for 2–3.5 years (about
 * half granted); utility models and designs are granted within months; granted patents lapse for
 * unpaid annual fees at a yearly rate per kind, or expire at the end of their term; a few are
 * transferred or licensed. Every date is on or before `asOf`.
 */

export type GeneratedEvent = { kind: PatentEventKind; date: string; detail: Record<string, unknown> };

export type GeneratedPatent = {
  applicationNumber: string;
  kind: PatentKind;
  title: string;
  abstract: string;
  claims: string | null;
  ipcCodes: string[];
  locarnoCodes: string[];
  applicationDate: string;
  publicationNumber: string | null;
  publicationDate: string | null;
  grantNumber: string | null;
  grantDate: string | null;
  legalStatus: PatentLegalStatus;
  legalStatusDate: string;
  applicants: string[];
  /** Credit code of each applicant, or null (outside firms, universities and people are not linked). */
  applicantCreditCodes: (string | null)[];
  owners: string[];
  inventors: string[];
  applicantAddress: string | null;
  agency: string | null;
  events: GeneratedEvent[];
};

/** Someone who files patents: a local enterprise (with credit code and address) or an outside party. */
export type PatentApplicant = {
  name: string;
  creditCode: string | null;
  address: string | null;
  theme: PatentThemeKey;
  /** Relative filing activity. */
  weight: number;
};

export type PatentGeneratorOptions = {
  count: number;
  applicants: readonly PatentApplicant[];
  seed?: number;
  firstYear?: number;
  /** No date after this day (ISO). */
  asOf?: string;
  /** Serial offset for application numbers, so two generated sets never collide. */
  serialOffset?: number;
};

const SURNAMES = '陈李黄张梁刘何林吴郑罗周谢冯邓杨赵曾苏卢蔡潘钟彭叶';
const GIVEN = [
  '志强',
  '伟明',
  '嘉欣',
  '俊杰',
  '丽娟',
  '家豪',
  '国华',
  '文静',
  '建军',
  '海燕',
  '子轩',
  '晓东',
  '美玲',
  '锦华',
  '永康',
  '振宇',
  '雅婷',
  '卓然',
  '浩然',
  '秀英',
];
const AGENCY_WORDS = ['智汇', '创知', '科信', '华誉', '博远', '正合', '鼎力', '中睿'];
const OUTSIDE_CITIES = ['深圳市', '佛山市', '广州市', '东莞市', '江门市', '宁波市', '杭州市', '苏州市'];
const TRADE_CHARS = '华新金宏盛达鸿泰永兴恒信明利源丰瑞昌通嘉凯锦辉优创';
const UNIVERSITIES = ['华南理工大学', '广东工业大学', '中山大学', '电子科技大学中山学院', '暨南大学'];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return isoDate(d);
}

/** Patent term from the filing date: invention 20 years, utility model 10, design 10 (filed before 2021-06-01) or 15. */
export function patentTermYears(kind: PatentKind, applicationDate: string): number {
  if (kind === 'invention') return 20;
  if (kind === 'utility_model') return 10;
  return applicationDate < '2021-06-01' ? 10 : 15;
}

/** Outside applicants for a theme: firms of other cities, universities, private inventors. */
export function outsideApplicants(theme: PatentThemeKey, count: number, seed = 1): PatentApplicant[] {
  const rnd = new Random(mixSeed(seed, count, theme.length));
  const out: PatentApplicant[] = [];
  const names = new Set<string>();
  const words: Record<PatentThemeKey, string> = {
    lighting: '照明科技',
    locks_hardware: '智能锁业',
    appliances: '电器',
    game_machines: '动漫游艺',
    furniture: '家具',
    garments: '服饰',
    food: '食品',
    electronics: '电子科技',
    machinery: '智能装备',
    plastics: '塑胶制品',
    health: '医疗科技',
  };
  while (out.length < count) {
    const r = rnd.next();
    let name: string;
    if (r < 0.08) name = rnd.pick(UNIVERSITIES);
    else if (r < 0.16) name = `${rnd.pick([...SURNAMES])}${rnd.pick(GIVEN)}`;
    else name = `${rnd.pick(OUTSIDE_CITIES)}${rnd.pick([...TRADE_CHARS])}${rnd.pick([...TRADE_CHARS])}${words[theme]}有限公司`;
    if (names.has(name)) {
      if (names.size > count * 3) break;
      continue;
    }
    names.add(name);
    out.push({ name, creditCode: null, address: null, theme, weight: rnd.logBetween(0.3, 3) });
  }
  return out;
}

/** `n` different items (the lists hold more than n). */
function distinct(rnd: Random, items: readonly string[], n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const item = rnd.pick(items);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function personName(rnd: Random): string {
  return `${rnd.pick([...SURNAMES])}${rnd.pick(GIVEN)}`;
}

function title(rnd: Random, t: PatentTheme, kind: PatentKind): { title: string; product: string } {
  const product = rnd.pick(t.products);
  if (kind === 'design') return { title: `${product}（${rnd.pick(['A', 'B', 'C', 'M', 'S', 'X'])}${rnd.int(1, 30)}）`, product };
  const r = rnd.next();
  if (kind === 'invention' && r < 0.25)
    return { title: `一种${product}的${rnd.pick(['制造方法', '控制方法', '检测方法', '生产工艺'])}`, product };
  if (r < 0.7) return { title: `一种${rnd.pick(t.features)}的${product}`, product };
  return { title: `一种${product}${rnd.pick(t.parts)}`, product };
}

function abstractOf(rnd: Random, t: PatentTheme, kind: PatentKind, titleText: string, product: string): string {
  if (kind === 'design') {
    return `1．本外观设计产品的名称：${titleText}。2．本外观设计产品的用途：本外观设计产品${t.use}。3．本外观设计产品的设计要点：在于形状与图案的结合。4．最能表明设计要点的图片或照片：立体图1。`;
  }
  const who = kind === 'invention' ? '本发明' : '本实用新型';
  const [a, b, c, d] = distinct(rnd, t.parts, 4);
  const e1 = rnd.pick(t.effects);
  const e2 = rnd.pick(t.effects);
  return (
    `${who}公开了${titleText}，涉及${product}技术领域，包括${a}、${b}和${c}，所述${a}与${b}${rnd.pick(['固定连接', '可拆卸连接', '电性连接', '转动连接'])}，` +
    `所述${c}设置于${d}${rnd.pick(['的一侧', '的内部', '的上方', '的外周'])}。${who}通过${rnd.pick(t.features)}的${b}设计，` +
    `${e1}，${e2 === e1 ? rnd.pick(t.effects) : e2}，适用于${product}的批量生产和推广应用。`
  );
}

function claimsOf(rnd: Random, t: PatentTheme, titleText: string): string {
  const core = titleText.replace(/^一种/, '');
  const [a, b, c] = distinct(rnd, t.parts, 3);
  return (
    `1.一种${core}，其特征在于，包括${a}、${b}和${c}，所述${a}与所述${b}连接，所述${c}设置于所述${a}上。` +
    `2.根据权利要求1所述的${core}，其特征在于，所述${b}为${rnd.pick(t.features)}结构。` +
    `3.根据权利要求1或2所述的${core}，其特征在于，还包括${rnd.pick(t.parts.filter((x) => x !== a && x !== b && x !== c))}。`
  );
}

const KIND_DIGIT: Record<PatentKind, string> = { invention: '1', utility_model: '2', design: '3' };
const PUBLICATION_SUFFIX: Record<PatentKind, string> = { invention: 'A', utility_model: 'U', design: 'S' };

/** Records one at a time; see the module comment for the life each record follows. */
export function* generatePatents(options: PatentGeneratorOptions): Generator<GeneratedPatent> {
  const { count, applicants } = options;
  if (applicants.length === 0) throw new Error('generatePatents: no applicants');
  const asOf = options.asOf ?? '2026-10-31';
  const firstYear = options.firstYear ?? 2014;
  const lastYear = Number(asOf.slice(0, 4));
  const rnd = new Random(mixSeed(options.seed ?? 2026, 0x9a7e));
  // Filings grow about 10% a year; the current year counts up to asOf only.
  const years: [number, number][] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    const share = y === lastYear ? Number(new Date(`${asOf}T00:00:00Z`).getUTCMonth() + 1) / 12 : 1;
    years.push([y, 1.1 ** (y - firstYear) * share]);
  }
  const weighted = applicants.map((a) => [a, a.weight] as const);
  const serials = new Map<string, number>();
  let publicationSerial = 0;
  const agencies = AGENCY_WORDS.map((w) => `中山市${w}专利代理事务所（普通合伙）`);

  for (let i = 0; i < count; i++) {
    const applicant = rnd.weighted(weighted);
    const t: PatentTheme = PATENT_THEMES[applicant.theme];
    const r = rnd.next();
    const kind: PatentKind = r < t.designShare ? 'design' : r < t.designShare + t.inventionShare ? 'invention' : 'utility_model';
    const year = rnd.weighted(years);
    const yearEnd = year === lastYear ? asOf : `${year}-12-31`;
    const dayCount = Math.round((Date.parse(yearEnd) - Date.parse(`${year}-01-01`)) / 86_400_000);
    const applicationDate = addDays(`${year}-01-01`, rnd.int(0, dayCount));
    const serialKey = `${year}${KIND_DIGIT[kind]}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const body = `${serialKey}${String((options.serialOffset ?? 0) + serial).padStart(7, '0')}`;
    const applicationNumber = `${body}.${applicationCheckChar(body)}`;

    const { title: titleText, product } = title(rnd, t, kind);
    const ipcCodes =
      kind === 'design'
        ? []
        : [rnd.weighted(t.ipc), ...(rnd.chance(0.5) ? [rnd.pick(t.extraIpc)] : [])].filter((c, j, all) => all.indexOf(c) === j);
    const locarnoCodes = kind === 'design' ? [rnd.pick(t.locarno)] : [];

    const coApplicant = rnd.chance(0.08) ? rnd.weighted(weighted) : null;
    const parties = coApplicant && coApplicant.name !== applicant.name ? [applicant, coApplicant] : [applicant];
    const inventors = Array.from({ length: rnd.int(1, 4) }, () => personName(rnd)).filter((n, j, all) => all.indexOf(n) === j);

    const events: GeneratedEvent[] = [{ kind: 'filed', date: applicationDate, detail: {} }];
    let status: PatentLegalStatus = 'pending';
    let statusDate = applicationDate;
    let publicationDate: string | null = null;
    let grantDate: string | null = null;
    const publicationNumber = () =>
      `CN${KIND_DIGIT[kind]}${String(10_000_000 + (options.serialOffset ?? 0) + ++publicationSerial).slice(-8)}`;
    let publicationNo: string | null = null;
    let grantNo: string | null = null;

    if (kind === 'invention') {
      const published = addDays(applicationDate, rnd.int(500, 560));
      if (published <= asOf) {
        publicationDate = published;
        publicationNo = `${publicationNumber()}A`;
        events.push({ kind: 'published', date: published, detail: {} });
      }
      const outcome = rnd.next();
      const decided = addDays(applicationDate, rnd.int(730, 1280));
      if (decided <= asOf) {
        if (outcome < 0.55) {
          grantDate = decided;
          grantNo = `${publicationNo?.slice(0, -1) ?? publicationNumber()}B`;
        } else if (outcome < 0.72) {
          status = 'rejected';
          statusDate = decided;
        } else if (outcome < 0.88) {
          status = 'withdrawn';
          statusDate = decided;
        }
      }
    } else {
      const decided = addDays(applicationDate, kind === 'design' ? rnd.int(110, 270) : rnd.int(150, 360));
      if (decided <= asOf) {
        if (rnd.chance(kind === 'design' ? 0.95 : 0.92)) {
          grantDate = decided;
          publicationDate = decided;
          grantNo = `${publicationNumber()}${PUBLICATION_SUFFIX[kind]}`;
          publicationNo = grantNo;
        } else {
          status = 'withdrawn';
          statusDate = decided;
        }
      }
    }

    let owners = parties.map((p) => p.name);
    if (grantDate) {
      status = 'granted';
      statusDate = grantDate;
      events.push({ kind: 'granted', date: grantDate, detail: {} });
      const lapseRate = kind === 'invention' ? 0.06 : kind === 'utility_model' ? 0.15 : 0.18;
      const end = addYears(applicationDate, patentTermYears(kind, applicationDate));
      // Fees are due on each anniversary of filing after the grant; an unpaid fee lapses the patent after 6 months' grace.
      for (let y = Number(grantDate.slice(0, 4)) - year + 1; ; y++) {
        const due = addYears(applicationDate, y);
        if (due >= end || due > asOf) break;
        if (rnd.chance(0.04) && due > grantDate) {
          const to = rnd.weighted(weighted).name;
          if (!owners.includes(to)) {
            events.push({ kind: 'transferred', date: addDays(due, -rnd.int(30, 200)), detail: { from: owners, to: [to] } });
            owners = [to];
          }
        }
        if (rnd.chance(0.02)) {
          events.push({
            kind: 'licensed',
            date: addDays(due, -rnd.int(30, 200)),
            detail: { licensee: rnd.weighted(weighted).name, licenceType: rnd.chance(0.3) ? 'exclusive' : 'non_exclusive' },
          });
        }
        if (rnd.chance(lapseRate)) {
          const lapsed = addDays(due, 183);
          if (lapsed <= asOf) {
            status = 'lapsed';
            statusDate = lapsed;
            events.push({ kind: 'lapsed', date: lapsed, detail: { reason: 'fees_unpaid' } });
          }
          break;
        }
      }
      if (status === 'granted' && end <= asOf) {
        status = 'expired';
        statusDate = end;
        events.push({ kind: 'expired', date: end, detail: {} });
      }
    }
    events.sort((a, b) => a.date.localeCompare(b.date));

    yield {
      applicationNumber,
      kind,
      title: titleText,
      abstract: abstractOf(rnd, t, kind, titleText, product),
      claims: kind !== 'design' && rnd.chance(0.6) ? claimsOf(rnd, t, titleText) : null,
      ipcCodes,
      locarnoCodes,
      applicationDate,
      publicationNumber: publicationNo,
      publicationDate,
      grantNumber: grantNo,
      grantDate,
      legalStatus: status,
      legalStatusDate: statusDate,
      applicants: parties.map((p) => p.name),
      applicantCreditCodes: parties.map((p) => p.creditCode),
      owners,
      inventors,
      applicantAddress: applicant.address,
      agency: rnd.chance(0.8) ? rnd.pick(agencies) : null,
      events,
    };
  }
}

/** An enterprise as the seed and the benchmarks know it. */
export type ApplicantEnterprise = {
  name: string;
  creditCode: string;
  address: string;
  industryCode: string;
  isHighTech: boolean;
  sizeClass: string;
};

const SIZE_WEIGHT: Record<string, number> = { large: 6, medium: 3, small: 1.2, micro: 0.5 };

/**
 * The applicant pool of a city: its enterprises in a patenting industry (weighted by size and
 * high-tech status) plus outside applicants of the same fields holding `outsideShare` of the filings.
 */
export function applicantsFromEnterprises(
  enterprises: readonly ApplicantEnterprise[],
  options: { seed?: number; outsideShare?: number; boost?: ReadonlyMap<string, number> } = {},
): PatentApplicant[] {
  const local: PatentApplicant[] = [];
  const themeWeight = new Map<PatentThemeKey, number>();
  for (const e of enterprises) {
    const theme = themeOfIndustry(e.industryCode);
    if (!theme) continue;
    const weight = (SIZE_WEIGHT[e.sizeClass] ?? 1) * (e.isHighTech ? 2.5 : 1) * (options.boost?.get(e.creditCode) ?? 1);
    local.push({ name: e.name, creditCode: e.creditCode, address: e.address, theme, weight });
    themeWeight.set(theme, (themeWeight.get(theme) ?? 0) + weight);
  }
  const outsideShare = options.outsideShare ?? 0.35;
  const outside: PatentApplicant[] = [];
  for (const [theme, weight] of themeWeight) {
    const pool = outsideApplicants(theme, Math.max(5, Math.round(local.filter((l) => l.theme === theme).length / 2)), options.seed);
    const total = pool.reduce((s, a) => s + a.weight, 0);
    const scale = (weight * outsideShare) / (1 - outsideShare) / total;
    for (const a of pool) outside.push({ ...a, weight: a.weight * scale });
  }
  return [...local, ...outside];
}
