import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { demoIds, missingId, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD } from '../../../test/harness.ts';
import { makePatent } from '../../../test/patent-fixtures.ts';
import { makeAttachment } from '../../../test/voucher-order-fixtures.ts';
import { systemContext } from '../../platform/context.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { patentTimeline } from '../patents/patent-timeline.ts';
import { acknowledge } from './ip-cases.service.ts';

const t = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const call = t.call;
const ids = await demoIds(t.database);
const admin = await t.login('admin');
const guzhen = await t.login('guzhen');
const provider = await t.login('provider');
const enterprise = await t.login('enterprise');
const expert = await t.login('expert');
const ipcadmin = await t.login('ipcadmin');
const ipcofficer = await t.login('ipcofficer');
const ipcofficer2 = await t.login('ipcofficer2');
const ipcexaminer = await t.login('ipcexaminer');

/** A user of another enterprise (the counterparty) and of a third one (a stranger). */
async function enterpriseUser(username: string, enterpriseId: string) {
  const res = await call('POST', '/api/v1/users', admin, {
    username,
    password: DEMO_PASSWORD,
    displayName: username,
    role: 'enterprise',
    enterpriseId,
  });
  expect(res.status).toBe(201);
  return t.login(username);
}
const counterparty = await enterpriseUser('ipccounter', ids.sameTownEnterpriseId);
const stranger = await enterpriseUser('ipcstranger', ids.otherTownEnterpriseId);
const counterpartyCode = (
  await one<{ c: string }>(t.database, sql`select credit_code as c from enterprises where id = ${ids.sameTownEnterpriseId}`)
).c;
const userId = async (username: string) =>
  (await one<{ id: string }>(t.database, sql`select id from users where username = ${username}`)).id;
const officerId = await userId('ipcofficer');

const designPatent = await makePatent(t.database, {
  kind: 'design',
  title: '吊灯（星河）',
  locarnoCodes: ['26-05'],
  ownerEnterpriseIds: [ids.ownEnterpriseId],
  applicants: ['中山市古镇镇星耀灯饰照明有限公司'],
  townId: ids.guzhenTownId,
});
const utilityPatent = await makePatent(t.database, {
  kind: 'utility_model',
  ownerEnterpriseIds: [ids.ownEnterpriseId],
  townId: ids.guzhenTownId,
});
const foreignPatent = await makePatent(t.database, { kind: 'design', ownerEnterpriseIds: [ids.sameTownEnterpriseId] });

const complaint = async (over: Record<string, unknown> = {}, cookie = enterprise) => {
  const evidence = await makeAttachment(t.database, 'enterprise');
  const res = await call('POST', '/api/v1/ip-cases', cookie, {
    kind: 'infringement_complaint',
    title: '星河吊灯被仿冒',
    description: '网店销售仿冒款吊灯',
    patentId: designPatent.id,
    suspectedProduct: '仿冒吊灯',
    seller: '某灯饰商行',
    marketplaceUrl: 'https://item.example-mall.com/item/1',
    counterpartyName: '同镇某企业',
    counterpartyCreditCode: counterpartyCode,
    evidenceFileIds: [evidence],
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; caseNo: string; suggestedTrack: string; status: string };
};
const url = (id: string, p = '') => `/api/v1/ip-cases/${id}${p}`;
const step = async (id: string, p: string, cookie: string, body: unknown = {}, status = 200) => {
  const res = await call('POST', url(id, p), cookie, body);
  expect(res.status, `${p}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
};
const notificationsOf = async (username: string, kind: string) =>
  rows(
    t.database,
    sql`select n.* from notifications n join users u on u.id = n.user_id where u.username = ${username} and n.kind = ${kind}`,
  );
const today = shanghaiDate(new Date());

describe('filing', () => {
  it('validates the marketplace link, the patent, and the evidence files', async () => {
    const bad = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'infringement_complaint',
      title: 'x',
      description: 'y',
      patentId: designPatent.id,
      suspectedProduct: 'z',
      marketplaceUrl: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('marketplaceUrl');
    const noPatent = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'infringement_complaint',
      title: 'x',
      description: 'y',
      suspectedProduct: 'z',
    });
    expect(noPatent.status).toBe(400);
    const badNumber = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'infringement_complaint',
      title: 'x',
      description: 'y',
      suspectedProduct: 'z',
      patentNumber: '202130123456.0',
    });
    expect(badNumber.status).toBe(400);
    // Someone else's patent
    const notOwn = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'infringement_complaint',
      title: 'x',
      description: 'y',
      suspectedProduct: 'z',
      patentId: foreignPatent.id,
    });
    expect(notOwn.status).toBe(422);
    expect(notOwn.body.error.code).toBe('IP_CASE_PATENT_NOT_OWN');
    // Another user's upload is not evidence of this one
    const foreignFile = await makeAttachment(t.database, 'ipccounter');
    const res = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'infringement_complaint',
      title: 'x',
      description: 'y',
      suspectedProduct: 'z',
      patentId: designPatent.id,
      evidenceFileIds: [foreignFile],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IP_CASE_EVIDENCE_INVALID');
  });

  it('suggests the fast track for a lighting design patent and for trade-fair cases, normal otherwise', async () => {
    expect((await complaint()).suggestedTrack).toBe('fast');
    expect((await complaint({ patentId: utilityPatent.id })).suggestedTrack).toBe('normal');
    expect((await complaint({ patentId: utilityPatent.id, tradeFair: true, tradeFairName: '古镇灯博会' })).suggestedTrack).toBe('fast');
    const defence = await call('POST', '/api/v1/ip-cases', enterprise, {
      kind: 'defence_assistance',
      title: '收到警告函',
      description: '请求应诉指导',
      counterpartyName: '外地公司',
    });
    expect(defence.status).toBe(201);
    // The demo enterprise is a lighting company (C3872) but without a design patent: normal.
    expect(defence.body.suggestedTrack).toBe('normal');
  });

  it('tells the centre’s admins, audits the filing', async () => {
    const c = await complaint();
    expect((await notificationsOf('ipcadmin', 'ip_case.filed')).some((n) => String(n.link).endsWith(c.id))).toBe(true);
    const audit = await rows(t.database, sql`select * from audit_events where target_id = ${c.id} and action = 'ip_case.file'`);
    expect(audit).toHaveLength(1);
  });
});

describe('workflow', () => {
  it('intake → triage → assignment → sessions → outcome → closing report, each step audited and announced', async () => {
    const c = await complaint();
    expect(c.status).toBe('filed');
    // Out of order: cannot triage before intake
    await step(c.id, '/triage', ipcadmin, {}, 409);
    const acked = await step(c.id, '/acknowledge', ipcadmin, { note: '材料齐全' });
    expect(acked.status).toBe('acknowledged');
    expect(acked.sla.intakeDays).toBe(0);
    // A second acknowledgement is refused
    await step(c.id, '/acknowledge', ipcadmin, {}, 409);
    // Overriding the rule needs a reason
    await step(c.id, '/triage', ipcadmin, { track: 'normal' }, 422);
    const triaged = await step(c.id, '/triage', ipcadmin, {});
    expect(triaged.track).toBe('fast');
    // Only centre officers can be assigned
    await step(c.id, '/assign', ipcadmin, { officerId: await userId('provider') }, 422);
    await step(c.id, '/assign', ipcadmin, { officerId: await userId('ipcexaminer') }, 422);
    const assigned = await step(c.id, '/assign', ipcadmin, { officerId });
    expect(assigned.officerName).toContain('陈慧玲');
    expect(await notificationsOf('ipcofficer', 'ip_case.assigned')).not.toHaveLength(0);
    // A mediated agreement needs a session first
    await step(c.id, '/outcome', ipcofficer, { outcome: 'mediated_agreement', summary: '协议' }, 422);
    await step(c.id, '/sessions', ipcofficer, { heldOn: '2000-01-01', minutes: '太早' }, 422);
    const s1 = await step(c.id, '/sessions', ipcofficer, { heldOn: today, location: '调解室', attendees: '双方', minutes: '第一次调解' });
    expect(s1.status).toBe('mediating');
    expect(s1.sessions).toHaveLength(1);
    expect(s1.sla.firstMediationDays).toBe(0);
    // The complainant cannot record a session on its own case (it may read it)
    await step(c.id, '/sessions', enterprise, { heldOn: today, minutes: 'x' }, 403);
    const out = await step(c.id, '/outcome', ipcofficer, { outcome: 'mediated_agreement', summary: '对方下架并赔偿' });
    expect(out.status).toBe('concluded');
    await step(c.id, '/sessions', ipcofficer, { heldOn: today, minutes: '结案后' }, 409);
    const closed = await step(c.id, '/close', ipcofficer, { report: '调解结案，协议已履行' });
    expect(closed.status).toBe('closed');
    expect(closed.sla.closeDays).toBe(0);
    expect(closed.sla.late).toEqual([]);
    const actions = (
      await rows<{ action: string }>(t.database, sql`select action from audit_events where target_id = ${c.id} order by occurred_at, id`)
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'ip_case.file',
        'ip_case.acknowledge',
        'ip_case.triage',
        'ip_case.assign',
        'ip_case.session',
        'ip_case.outcome',
        'ip_case.close',
      ]),
    );
    expect((await notificationsOf('enterprise', 'ip_case.closed')).some((n) => String(n.link).endsWith(c.id))).toBe(true);
    expect((await notificationsOf('ipccounter', 'ip_case.closed')).some((n) => String(n.link).endsWith(c.id))).toBe(true);
  });

  it('a Friday filing acknowledged on Monday is on time; Tuesday is late', async () => {
    const c = await complaint();
    // 2026-11-06 is a Friday; 2026-11-09 Monday
    await t.database.db.execute(sql`update ip_cases set filed_at = '2026-11-06T17:00:00+08:00' where id = ${c.id}`);
    const adminCtx = systemContext({ ...ANONYMOUS, role: 'city_admin', userId: await userId('admin'), username: 'admin' });
    const acked = await acknowledge(t.database.db, adminCtx, c.id, null, new Date('2026-11-09T09:00:00+08:00'));
    expect(acked.sla.intakeDays).toBe(1);
    expect(acked.sla.late).toEqual([]);
    const c2 = await complaint();
    await t.database.db.execute(sql`update ip_cases set filed_at = '2026-11-06T17:00:00+08:00' where id = ${c2.id}`);
    const late = await acknowledge(t.database.db, adminCtx, c2.id, null, new Date('2026-11-10T09:00:00+08:00'));
    expect(late.sla.intakeDays).toBe(2);
    expect(late.sla.late).toContain('intake');
  });
});

describe('confidentiality', () => {
  it('only the parties, the assigned officer, the centre’s admins and the city see a case; everyone else 404', async () => {
    const c = await complaint();
    const read = async (cookie: string | undefined) => (await call('GET', url(c.id), cookie)).status;
    // Before assignment the other side does not see it yet
    expect(await read(counterparty)).toBe(404);
    expect(await read(enterprise)).toBe(200);
    expect(await read(ipcadmin)).toBe(200);
    expect(await read(admin)).toBe(200);
    expect(await read(ipcofficer)).toBe(404);
    await step(c.id, '/acknowledge', ipcadmin);
    await step(c.id, '/triage', ipcadmin);
    await step(c.id, '/assign', ipcadmin, { officerId });
    expect(await read(ipcofficer)).toBe(200);
    expect(await read(counterparty)).toBe(200);
    for (const [who, cookie] of [
      ['other officer', ipcofficer2],
      ['examiner', ipcexaminer],
      ['town admin of the town', guzhen],
      ['other provider', provider],
      ['other enterprise', stranger],
      ['expert', expert],
    ] as const) {
      expect(await read(cookie), who).toBe(404);
      expect((await call('GET', url(c.id, `/files/${missingId()}/content`), cookie)).status, who).toBe(404);
      // Commands: a role that never records sessions is refused at the edge (403); a centre user without the case 404.
      const roleHasNoRule = who === 'expert' || who === 'town admin of the town' || who === 'other enterprise';
      expect((await call('POST', url(c.id, '/sessions'), cookie, { heldOn: today, minutes: 'x' })).status, who).toBe(
        roleHasNoRule ? 403 : 404,
      );
    }
    expect(await read(undefined)).toBe(401);
    // The other side sees the case but not the complainant's evidence
    const seen = await call('GET', url(c.id), counterparty);
    expect(seen.body.viewerRole).toBe('counterparty');
    expect(seen.body.evidence).toEqual([]);
    const own = await call('GET', url(c.id), enterprise);
    expect(own.body.evidence).toHaveLength(1);
    const fileId = own.body.evidence[0].id as string;
    // The content is not JSON: read the status only.
    const download = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: url(c.id, `/files/${fileId}/content`), headers: { cookie } })).statusCode;
    expect(await download(enterprise)).toBe(200);
    expect(await download(ipcofficer)).toBe(200);
    expect(await download(counterparty)).toBe(404);
    // Lists follow the same rule
    const listed = async (cookie: string) =>
      ((await call('GET', '/api/v1/ip-cases?pageSize=100', cookie)).body.items as { id: string }[]).some((x) => x.id === c.id);
    expect(await listed(enterprise)).toBe(true);
    expect(await listed(counterparty)).toBe(true);
    expect(await listed(ipcofficer)).toBe(true);
    expect(await listed(ipcadmin)).toBe(true);
    expect(await listed(ipcofficer2)).toBe(false);
    expect(await listed(guzhen)).toBe(false);
    expect(await listed(stranger)).toBe(false);
    expect(await listed(provider)).toBe(false);
  });

  it('the assigned officer may act, another officer gets 404, a party 403', async () => {
    const c = await complaint();
    await step(c.id, '/acknowledge', ipcadmin);
    await step(c.id, '/triage', ipcadmin);
    await step(c.id, '/assign', ipcadmin, { officerId });
    await step(c.id, '/sessions', ipcofficer2, { heldOn: today, minutes: 'x' }, 404);
    await step(c.id, '/assign', ipcofficer, { officerId: await userId('ipcofficer2') }, 403);
    await step(c.id, '/sessions', ipcofficer, { heldOn: today, minutes: '记录' });
    // Reassigned: the first officer loses the case
    await step(c.id, '/assign', ipcadmin, { officerId: await userId('ipcofficer2') });
    expect((await call('GET', url(c.id), ipcofficer)).status).toBe(404);
    expect((await call('GET', url(c.id), ipcofficer2)).status).toBe(200);
  });

  it('the patent timeline shows a dispute without details unless the viewer may see the case', async () => {
    const patent = await makePatent(t.database, { kind: 'design', ownerEnterpriseIds: [ids.ownEnterpriseId], townId: ids.guzhenTownId });
    const c = await complaint({ patentId: patent.id });
    const actor = async (username: string) => {
      const u = await one<{
        id: string;
        role: string;
        town_id: string | null;
        institution_id: string | null;
        enterprise_id: string | null;
      }>(t.database, sql`select id, role, town_id, institution_id, enterprise_id from users where username = ${username}`);
      return {
        userId: u.id,
        username,
        role: u.role as 'enterprise',
        townId: u.town_id,
        institutionId: u.institution_id,
        enterpriseId: u.enterprise_id,
      };
    };
    const entries = async (username: string | null) =>
      (await patentTimeline(t.database.db, patent.id, username ? await actor(username) : ANONYMOUS)).filter(
        (e) => e.source === 'rights_protection',
      );
    expect(await entries('enterprise')).toEqual([
      expect.objectContaining({ kind: 'case_filed', refId: c.id, detail: expect.objectContaining({ caseNo: c.caseNo }) }),
    ]);
    expect(await entries('ipcadmin')).toEqual([expect.objectContaining({ refId: c.id })]);
    for (const who of [null, 'ipcstranger', 'guzhen', 'ipcofficer2']) {
      expect(await entries(who), String(who)).toEqual([expect.objectContaining({ kind: 'case_filed', refId: null, detail: {} })]);
    }
  });
});

describe('SLA dashboard', () => {
  it('is for the centre’s admins and the city only', async () => {
    expect((await call('GET', '/api/v1/ip-cases/sla', ipcadmin)).status).toBe(200);
    expect((await call('GET', '/api/v1/ip-cases/sla', admin)).status).toBe(200);
    for (const cookie of [ipcofficer, ipcexaminer, provider]) expect((await call('GET', '/api/v1/ip-cases/sla', cookie)).status).toBe(403);
    for (const cookie of [guzhen, enterprise, expert]) expect((await call('GET', '/api/v1/ip-cases/sla', cookie)).status).toBe(403);
    expect((await call('GET', '/api/v1/ip-cases/sla', undefined)).status).toBe(401);
  });
  it('shows the seeded overdue cases with their late step', async () => {
    const res = await call('GET', '/api/v1/ip-cases/sla', ipcadmin);
    expect(res.body.targets).toEqual({
      fast: { intake: 1, firstMediation: 5, close: 20 },
      normal: { intake: 1, firstMediation: 10, close: 60 },
    });
    expect(res.body.overdue.length).toBeGreaterThan(0);
    const fast = res.body.byTrack.find((g: { track: string }) => g.track === 'fast');
    expect(fast.cases).toBeGreaterThan(0);
    expect(res.body.byTrackAndTown.length).toBeGreaterThan(1);
    const overdueList = await call('GET', '/api/v1/ip-cases?overdue=true&pageSize=100', ipcadmin);
    expect(overdueList.body.total).toBe(res.body.overdue.length);
    expect(overdueList.body.items.every((c: { sla: { overdue: boolean } }) => c.sla.overdue)).toBe(true);
  });
});
