import { applicationCheckChar } from '@innotown/contracts/patent-codes';
import { asc, eq, inArray } from 'drizzle-orm';
import { users } from '../db/schema/accounts.ts';
import { enterprises, towns } from '../db/schema/organisations.ts';
import { storeFile } from '../modules/files/files.service.ts';
import { loadCalendar } from '../modules/holidays/holidays.service.ts';
import { acknowledge, assign, closeCase, createCase, recordOutcome, recordSession, triage } from '../modules/ip-cases/ip-cases.service.ts';
import { addStaff, centreInstitution } from '../modules/ip-cases/ip-centre.repository.ts';
import { insertClass } from '../modules/pre-examination/pre-examination.repository.ts';
import { createApplication, forward, grant, resubmit, review } from '../modules/pre-examination/pre-examination.service.ts';
import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { CentreDuty } from '../platform/policy.ts';
import { addWorkingDays, shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '../platform/working-days.ts';

/**
 * Demo data of the IP protection centre (中国中山（灯饰）知识产权快速维权中心): its staff (usernames `ipc…`, role
 * provider of the centre, a duty each), the configured class list, pre-examination applications in every state
 * and rights-protection cases in every state — a few overdue — so that the queue, the cycle-time report and the
 * SLA dashboard are alive. Made through the service functions at back-dated moments relative to `now`, so each
 * carries the audit trail and notifications real ones do. Deterministic for a given day.
 */
export const IP_CENTRE_STAFF: readonly { username: string; displayName: string; duty: CentreDuty }[] = [
  { username: 'ipcadmin', displayName: '维权中心主任 黄志坚', duty: 'admin' },
  { username: 'ipcofficer', displayName: '维权中心调解员 陈慧玲', duty: 'officer' },
  { username: 'ipcofficer2', displayName: '维权中心调解员 罗家豪', duty: 'officer' },
  { username: 'ipcexaminer', displayName: '维权中心预审员 吴静', duty: 'examiner' },
];

export const PRE_EXAM_DEMO_CLASSES = [
  { scheme: 'ipc', prefix: 'F21', label: '照明装置（F21 全部）' },
  { scheme: 'ipc', prefix: 'H05B45/', label: 'LED 驱动电路' },
  { scheme: 'ipc', prefix: 'H05B47/', label: '照明控制电路' },
  { scheme: 'locarno', prefix: '26-', label: '照明设备（洛迦诺 26 类）' },
] as const;

const MINUTE = 60_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** A design/utility application number that no generator hands out (serials from 9_990_000). */
function demoNumber(year: number, kind: 'utility_model' | 'design', n: number): string {
  const body = `${year}${kind === 'design' ? '3' : '2'}${String(9_990_000 + n).padStart(7, '0')}`;
  return `${body}.${applicationCheckChar(body)}`;
}

export async function seedIpProtection(
  tx: Db,
  passwordHash: string,
  now = new Date(),
): Promise<{ staff: number; applications: number; cases: number }> {
  const centre = await centreInstitution(tx);
  if (!centre) return { staff: 0, applications: 0, cases: 0 };
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const calendar: WorkingCalendar = await loadCalendar(tx, year - 1, year + 1);
  /** The moment `wd` working days before today (negative: after), at hh:mm Shanghai time. */
  const at = (wd: number, hh = 10, mm = 0): Date => {
    const day = wd === 0 ? today : addWorkingDays(today, -wd, calendar);
    return new Date(startOfShanghaiDay(day).getTime() + (hh * 60 + mm) * MINUTE);
  };
  const dayOf = (wd: number) => shanghaiDate(at(wd));

  // Staff
  const staffIds = new Map<string, string>();
  for (const s of IP_CENTRE_STAFF) {
    const [u] = await tx
      .insert(users)
      .values({
        username: s.username,
        passwordHash,
        displayName: s.displayName,
        role: 'provider',
        institutionId: centre.id,
        email: `${s.username}@innotown.example`,
      })
      .returning({ id: users.id });
    const id = (u as { id: string }).id;
    staffIds.set(s.username, id);
    await addStaff(tx, { userId: id, institutionId: centre.id, duty: s.duty });
  }
  for (const c of PRE_EXAM_DEMO_CLASSES)
    await insertClass(tx, { institutionId: centre.id, ...c, createdBy: staffIds.get('ipcadmin') ?? null });

  const ctxOf = async (username: string): Promise<RequestContext> => {
    const [a] = await tx
      .select({
        userId: users.id,
        username: users.username,
        role: users.role,
        townId: users.townId,
        institutionId: users.institutionId,
        enterpriseId: users.enterpriseId,
      })
      .from(users)
      .where(eq(users.username, username));
    if (!a) throw new Error(`seed: no user ${username}`);
    return systemContext({ ...a, role: a.role as 'provider' });
  };
  const admin = await ctxOf('ipcadmin');
  const officer = await ctxOf('ipcofficer');
  const officer2 = await ctxOf('ipcofficer2');
  const examiner = await ctxOf('ipcexaminer');
  const ent = await ctxOf('enterprise');
  // Two more complainants from other towns (client enterprises of the demo data), when present.
  const others = await tx
    .select({ username: users.username, enterpriseId: users.enterpriseId, creditCode: enterprises.creditCode, town: towns.name })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .innerJoin(towns, eq(towns.id, enterprises.townId))
    .where(inArray(towns.name, ['小榄镇', '横栏镇', '东凤镇']))
    .orderBy(asc(towns.name), asc(users.username))
    .limit(10);
  // One after the other: a transaction is one connection, and pg refuses (from v9) a query while another runs on it.
  const otherCtx: RequestContext[] = [];
  for (const o of [...new Map(others.map((o) => [o.town, o])).values()].slice(0, 2)) otherCtx.push(await ctxOf(o.username));
  const [demoEnt] = await tx
    .select({ creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(eq(enterprises.id, ent.actor.enterpriseId as string));
  const file = async (ctx: RequestContext, name: string) =>
    (await storeFile(tx, ctx, { purpose: 'attachment', filename: name, buffer: PDF })).id;

  // ---------------------------------------------------------------- pre-examination
  type Step = ['return' | 'resubmit' | 'pass' | 'forward' | 'grant', number];
  const apps: { title: string; kind: 'utility_model' | 'design'; classCode: string; submitted: number; steps: Step[] }[] = [
    {
      title: 'LED 水晶吊灯（星河系列）',
      kind: 'design',
      classCode: '26-05',
      submitted: 45,
      steps: [
        ['pass', 43],
        ['forward', 42],
        ['grant', 33],
      ],
    },
    {
      title: '新中式壁灯（月影）',
      kind: 'design',
      classCode: '26-03',
      submitted: 40,
      steps: [
        ['return', 39],
        ['resubmit', 37],
        ['pass', 36],
        ['forward', 35],
        ['grant', 27],
      ],
    },
    {
      title: '一种散热良好的 LED 灯座',
      kind: 'utility_model',
      classCode: 'F21V29/70',
      submitted: 30,
      steps: [
        ['return', 29],
        ['resubmit', 26],
        ['return', 25],
        ['resubmit', 22],
        ['pass', 21],
        ['forward', 20],
        ['grant', 6],
      ],
    },
    {
      title: '一种 LED 恒流驱动电路',
      kind: 'utility_model',
      classCode: 'H05B45/30',
      submitted: 12,
      steps: [
        ['pass', 10],
        ['forward', 9],
      ],
    },
    { title: '极简吸顶灯（方圆）', kind: 'design', classCode: '26-05', submitted: 5, steps: [['return', 4]] },
    { title: '折叠护眼台灯', kind: 'design', classCode: '26-04', submitted: 2, steps: [] },
    { title: '一种防水户外投光灯', kind: 'utility_model', classCode: 'F21S8/00', submitted: 0, steps: [] },
  ];
  const grantedPatents: string[] = [];
  let n = 0;
  for (const a of apps) {
    n++;
    const created = await createApplication(
      tx,
      ent,
      {
        title: a.title,
        kind: a.kind,
        classCode: a.classCode,
        applicantCreditCode: demoEnt?.creditCode as string,
        draftFileIds: [await file(ent, `${a.title}-申请文件.pdf`)],
        note: null,
      },
      at(a.submitted, 9, 30),
    );
    for (const [kind, wd] of a.steps) {
      if (kind === 'return') {
        await review(
          tx,
          examiner,
          created.id,
          { decision: 'returned', advice: '权利要求 1 的技术特征表述不清，请补充散热结构的连接关系；附图 3 视图不完整。' },
          at(wd, 15),
        );
      } else if (kind === 'resubmit') {
        await resubmit(tx, ent, created.id, { draftFileIds: [await file(ent, `${a.title}-修改稿.pdf`)], note: '已按意见修改' }, at(wd, 11));
      } else if (kind === 'pass') {
        await review(tx, examiner, created.id, { decision: 'passed', advice: null }, at(wd, 16));
      } else if (kind === 'forward') {
        await forward(tx, admin, created.id, dayOf(wd), at(wd, 17));
      } else {
        const g = await grant(
          tx,
          admin,
          created.id,
          {
            grantedOn: dayOf(wd),
            applicationNumber: demoNumber(Number(dayOf(a.steps.find((s) => s[0] === 'forward')?.[1] ?? wd).slice(0, 4)), a.kind, n),
            linkPatent: true,
          },
          at(wd, 17),
        );
        if (g.patentId) grantedPatents.push(g.patentId);
      }
    }
  }

  // ---------------------------------------------------------------- cases
  type CaseDemo = {
    by: RequestContext;
    filed: number;
    input: Parameters<typeof createCase>[2];
    ack?: number;
    triage?: number;
    assign?: [number, RequestContext];
    sessions?: number[];
    outcome?: [number, 'mediated_agreement' | 'withdrawn' | 'referred_administrative' | 'referred_court'];
    close?: number;
  };
  const complaint = (title: string, extra: Partial<Parameters<typeof createCase>[2]>) => ({
    kind: 'infringement_complaint' as const,
    title,
    description: `${title}：对方在电商平台销售与我司专利外观近似的灯具，价格低于我司三成，已公证购买样品。`,
    suspectedProduct: extra.suspectedProduct ?? '仿冒款 LED 吊灯',
    seller: extra.seller ?? '某灯饰商行',
    marketplaceUrl: extra.marketplaceUrl ?? 'https://item.example-mall.com/item/88012345',
    tradeFair: false,
    evidenceFileIds: [],
    ...extra,
  });
  const [firstOther, secondOther] = otherCtx;
  const demos: CaseDemo[] = [
    {
      by: ent,
      filed: 28,
      input: complaint('星河吊灯外观专利被仿冒', { patentId: grantedPatents[0] ?? null, seller: '中山某灯饰电商' }),
      ack: 28,
      triage: 27,
      assign: [27, officer],
      sessions: [24, 20],
      outcome: [12, 'mediated_agreement'],
      close: 11,
    },
    {
      by: ent,
      filed: 9,
      input: complaint('灯博会展位展出仿冒月影壁灯', {
        patentId: grantedPatents[1] ?? null,
        tradeFair: true,
        tradeFairName: '中国（古镇）国际灯饰博览会',
        suspectedProduct: '月影款壁灯',
        seller: '展位 3B-112',
        marketplaceUrl: null,
      }),
      ack: 9,
      triage: 9,
      assign: [8, officer],
      sessions: [6],
    },
    {
      by: ent,
      filed: 12,
      input: complaint('网店销售仿冒散热灯座', {
        patentId: grantedPatents[2] ?? null,
        suspectedProduct: '散热灯座 GZ-200',
        counterpartyName: '平台内企业（对方）',
        counterpartyCreditCode: others[0]?.creditCode ?? null,
      }),
      ack: 11,
      triage: 11,
      assign: [10, officer2],
    },
    { by: ent, filed: 3, input: complaint('仿冒吸顶灯在拼团平台销售', { patentNumber: demoNumber(year - 1, 'design', 71) }) },
    {
      by: ent,
      filed: 0,
      input: complaint('海外站点销售仿冒台灯', {
        patentNumber: demoNumber(year - 1, 'design', 72),
        marketplaceUrl: 'https://shop.example.com/p/5521',
      }),
    },
    ...(firstOther
      ? ([
          {
            by: firstOther,
            filed: 45,
            input: {
              kind: 'defence_assistance' as const,
              title: '收到燃气灶专利侵权警告函，请求应诉指导',
              description: '对方来函称我司燃气灶产品侵犯其实用新型专利，要求停止销售并赔偿，请求中心协助分析并应对。',
              patentNumber: demoNumber(year - 2, 'utility_model', 73),
              counterpartyName: '外地某厨具公司',
              tradeFair: false,
              evidenceFileIds: [],
            },
            ack: 44,
            triage: 44,
            assign: [43, officer2],
            sessions: [38],
            outcome: [20, 'referred_court' as const],
            close: 18,
          },
          {
            by: firstOther,
            filed: 6,
            input: complaint('五金锁具外观被仿冒', { patentNumber: demoNumber(year - 1, 'design', 74), suspectedProduct: '指纹锁面板' }),
            ack: 5,
            triage: 5,
          },
        ] satisfies CaseDemo[])
      : []),
    ...(secondOther
      ? ([
          {
            by: secondOther,
            filed: 30,
            input: complaint('灯饰外观专利被仿冒（展会外）', {
              patentNumber: demoNumber(year - 1, 'design', 75),
              suspectedProduct: '庭院灯',
            }),
            ack: 27,
            triage: 27,
            assign: [26, officer],
            sessions: [22],
            outcome: [9, 'withdrawn' as const],
          },
        ] satisfies CaseDemo[])
      : []),
  ];
  let cases = 0;
  for (const d of demos) {
    const evidence = [await file(d.by, '公证购买证据.pdf')];
    const c = await createCase(tx, d.by, { ...d.input, evidenceFileIds: evidence }, at(d.filed, 9, 15));
    cases++;
    if (d.ack !== undefined) await acknowledge(tx, admin, c.id, null, at(d.ack, d.ack === d.filed ? 14 : 9, 30));
    if (d.triage !== undefined) await triage(tx, admin, c.id, {}, at(d.triage, 15, 30));
    if (d.assign) await assign(tx, admin, c.id, { officerId: d.assign[1].actor.userId as string }, at(d.assign[0], 16));
    const handler = d.assign?.[1] ?? officer;
    for (const s of d.sessions ?? []) {
      await recordSession(
        tx,
        handler,
        c.id,
        {
          heldOn: dayOf(s),
          location: '古镇维权中心调解室',
          attendees: '双方代表、调解员',
          minutes: '双方陈述意见，对方承认销售涉案产品，愿意下架并协商赔偿金额。',
        },
        at(s, 17),
      );
    }
    if (d.outcome) {
      await recordOutcome(
        tx,
        handler,
        c.id,
        { outcome: d.outcome[1], summary: '双方达成书面调解协议：对方下架全部涉案链接，赔偿 3 万元。' },
        at(d.outcome[0], 16),
      );
    }
    if (d.close !== undefined)
      await closeCase(tx, handler, c.id, { report: '案件经调解结案，协议已履行，证据材料归档。' }, at(d.close, 17));
  }
  return { staff: IP_CENTRE_STAFF.length, applications: apps.length, cases };
}
