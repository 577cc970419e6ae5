import { applicationCheckChar } from '@innotown/contracts/patent-codes';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { demoIds, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD } from '../../../test/harness.ts';
import { makeAttachment } from '../../../test/voucher-order-fixtures.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/working-days.ts';
import { patentTimeline } from '../patents/patent-timeline.ts';

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
const ipcadmin = await t.login('ipcadmin');
const ipcofficer = await t.login('ipcofficer');
const ipcexaminer = await t.login('ipcexaminer');
const other = await (async () => {
  const res = await call('POST', '/api/v1/users', admin, {
    username: 'ipcpreother',
    password: DEMO_PASSWORD,
    displayName: '另一企业',
    role: 'enterprise',
    enterpriseId: ids.sameTownEnterpriseId,
  });
  expect(res.status).toBe(201);
  return t.login('ipcpreother');
})();
const codeOf = async (id: string) =>
  (await one<{ c: string }>(t.database, sql`select credit_code as c from enterprises where id = ${id}`)).c;
const ownCode = await codeOf(ids.ownEnterpriseId);
const otherCode = await codeOf(ids.sameTownEnterpriseId);
const today = shanghaiDate(new Date());
const APPS = '/api/v1/pre-examination/applications';

const submit = async (over: Record<string, unknown> = {}, cookie = enterprise, status = 201) => {
  const res = await call('POST', APPS, cookie, {
    title: '一种新型 LED 吊灯',
    kind: 'design',
    classCode: '26-05',
    applicantCreditCode: ownCode,
    draftFileIds: [await makeAttachment(t.database, cookie === enterprise ? 'enterprise' : 'ipcpreother')],
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
const post = async (id: string, p: string, cookie: string, body: unknown, status = 200) => {
  const res = await call('POST', `${APPS}/${id}${p}`, cookie, body);
  expect(res.status, `${p} ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
};

describe('eligibility at submission', () => {
  it('refuses an applicant not registered in the city, another enterprise, an unlisted class — with every reason', async () => {
    // A credit code with a wrong check character is a field error
    expect(
      (await submit({ applicantCreditCode: `${ownCode.slice(0, 17)}${ownCode.endsWith('0') ? '1' : '0'}` }, enterprise, 400)).error.code,
    ).toBe('VALIDATION_FAILED');
    // A valid credit code of no registered enterprise
    const free = '91440000MA5FREE01';
    const { isValidCreditCode } = await import('@innotown/contracts/credit-code');
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = [...alphabet].map((c) => free + c).find(isValidCreditCode) as string;
    const a = await submit({ applicantCreditCode: code }, enterprise, 422);
    expect(a.error.code).toBe('PRE_EXAM_NOT_ELIGIBLE');
    expect(a.error.details.reasons).toEqual(['applicant_not_local']);
    const b = await submit({ applicantCreditCode: otherCode, classCode: '06-01' }, enterprise, 422);
    expect(b.error.details.reasons).toEqual(['applicant_not_own', 'class_not_listed']);
    const c = await submit({ kind: 'utility_model', classCode: 'F24C 3/00' }, enterprise, 422);
    expect(c.error.details.reasons).toEqual(['class_not_listed']);
  });
  it('validates the class against the kind (IPC for utility models, Locarno for designs) with a field message', async () => {
    const res = await submit({ kind: 'utility_model', classCode: '26-05' }, enterprise, 400);
    expect(res.error.details.fields[0].path).toBe('classCode');
    expect(res.error.details.fields[0].messageEn).toContain('IPC');
    const bad = await submit({ classCode: 'F21V 29/70' }, enterprise, 400);
    expect(bad.error.details.fields[0].messageZh).toContain('洛迦诺');
  });
  it('draft files must be the caller’s own attachments', async () => {
    const res = await call('POST', APPS, enterprise, {
      title: 'x',
      kind: 'design',
      classCode: '26-05',
      applicantCreditCode: ownCode,
      draftFileIds: [await makeAttachment(t.database, 'ipcpreother')],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PRE_EXAM_FILES_INVALID');
  });
});

describe('rounds, pass, forwarding and grant', () => {
  it('keeps every round; a pass records forwarding and grant, creating the patent with a timeline entry', async () => {
    const a = await submit({ kind: 'utility_model', classCode: 'f21v 29/70', title: '一种散热灯座' });
    expect(a.classCode).toBe('F21V29/70');
    expect(a.classGroup).toBe('F21V');
    expect(a.status).toBe('submitted');
    // The applicant cannot review; an officer (no pre-examination duty) cannot even see it
    await post(a.id, '/review', enterprise, { decision: 'passed' }, 403);
    await post(a.id, '/review', ipcofficer, { decision: 'passed' }, 404);
    await post(a.id, '/review', ipcexaminer, { decision: 'returned' }, 400);
    const r1 = await post(a.id, '/review', ipcexaminer, { decision: 'returned', advice: '请补充附图' });
    expect(r1.status).toBe('returned');
    await post(a.id, '/review', ipcexaminer, { decision: 'passed' }, 409);
    const r2 = await post(a.id, '/resubmit', enterprise, {
      draftFileIds: [await makeAttachment(t.database, 'enterprise')],
      note: '已补充',
    });
    expect(r2.round).toBe(2);
    expect(r2.status).toBe('submitted');
    const passed = await post(a.id, '/review', ipcexaminer, { decision: 'passed' });
    expect(passed.status).toBe('passed');
    expect(passed.rounds.map((r: { round: number; decision: string }) => [r.round, r.decision])).toEqual([
      [1, 'returned'],
      [2, 'passed'],
    ]);
    expect(passed.rounds[0].advice).toBe('请补充附图');
    // Grant before forwarding, forwarding in the future: refused
    const number = (() => {
      const body = `${today.slice(0, 4)}2${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
      return `${body}.${applicationCheckChar(body)}`;
    })();
    await post(a.id, '/grant', ipcadmin, { grantedOn: today, applicationNumber: number }, 409);
    await post(a.id, '/forward', ipcadmin, { forwardedOn: addCalendarDays(today, 1) }, 422);
    await post(a.id, '/forward', ipcexaminer, { forwardedOn: today });
    // A wrong check digit is a field error; a design number for a utility model a 422
    const tampered = number.slice(0, -1) + (number.endsWith('1') ? '2' : '1');
    await post(a.id, '/grant', ipcadmin, { grantedOn: today, applicationNumber: tampered }, 400);
    const designNumber = (() => {
      const body = `${today.slice(0, 4)}3${number.slice(5, 12)}`;
      return `${body}.${applicationCheckChar(body)}`;
    })();
    expect((await post(a.id, '/grant', ipcadmin, { grantedOn: today, applicationNumber: designNumber }, 422)).error.code).toBe(
      'PRE_EXAM_NUMBER_KIND',
    );
    const granted = await post(a.id, '/grant', ipcadmin, { grantedOn: today, applicationNumber: number });
    expect(granted.status).toBe('granted');
    expect(granted.patentId).toBeTruthy();
    const patent = await one<{ kind: string; legal_status: string; owner_enterprise_ids: string[]; ipc_codes: string[] }>(
      t.database,
      sql`select * from patents where id = ${granted.patentId}`,
    );
    expect(patent).toMatchObject({
      kind: 'utility_model',
      legal_status: 'granted',
      owner_enterprise_ids: [ids.ownEnterpriseId],
      ipc_codes: ['F21V29/70'],
    });
    const timeline = await patentTimeline(t.database.db, granted.patentId, ANONYMOUS);
    // All on one day here: entries of a day sort by kind
    expect(timeline.filter((e) => e.source === 'pre_examination').map((e) => e.kind)).toEqual([
      'pre_exam_forwarded',
      'pre_exam_passed',
      'pre_exam_submitted',
    ]);
    // Anonymous viewers get the facts, not the link to the application
    expect(timeline.find((e) => e.kind === 'pre_exam_passed')?.refId).toBeNull();
    const audit = await rows<{ action: string }>(t.database, sql`select action from audit_events where target_id = ${a.id}`);
    // (refused requests are audited too, by the request hook)
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'pre_exam.create',
        'pre_exam.forward',
        'pre_exam.grant',
        'pre_exam.pass',
        'pre_exam.resubmit',
        'pre_exam.return',
      ]),
    );
    const notes = await rows(
      t.database,
      sql`select n.kind from notifications n join users u on u.id = n.user_id where u.username = 'enterprise' and n.link = ${`/pre-examination/${a.id}`}`,
    );
    expect(notes.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['pre_exam.returned', 'pre_exam.passed', 'pre_exam.forwarded', 'pre_exam.granted']),
    );
  });
});

describe('who sees what', () => {
  it('the applicant its own, the centre’s examiners and admins the queue, others 404 or nothing', async () => {
    const a = await submit();
    const read = async (cookie: string | undefined) => (await call('GET', `${APPS}/${a.id}`, cookie)).status;
    expect(await read(enterprise)).toBe(200);
    expect(await read(ipcexaminer)).toBe(200);
    expect(await read(ipcadmin)).toBe(200);
    expect(await read(admin)).toBe(200);
    for (const cookie of [other, provider, ipcofficer]) expect(await read(cookie)).toBe(404);
    // Town admins have no pre-examination rule at all
    expect(await read(guzhen)).toBe(403);
    expect(await read(undefined)).toBe(401);
    const queue = await call('GET', `${APPS}?status=submitted&pageSize=100`, ipcexaminer);
    expect(queue.body.items.some((x: { id: string }) => x.id === a.id)).toBe(true);
    expect((await call('GET', `${APPS}?pageSize=100`, other)).body.items.some((x: { id: string }) => x.id === a.id)).toBe(false);
    expect((await call('GET', `${APPS}?pageSize=100`, provider)).body.total).toBe(0);
  });
});

describe('class list and cycle times', () => {
  it('the centre’s admin configures the list; others may not', async () => {
    const listed = await call('GET', '/api/v1/pre-examination/classes');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { prefix: string }) => c.prefix)).toEqual(
      expect.arrayContaining(['F21', 'H05B45/', 'H05B47/', '26-']),
    );
    const add = await call('POST', '/api/v1/pre-examination/classes', ipcadmin, { scheme: 'locarno', prefix: '03-01', label: '箱包' });
    expect(add.status).toBe(201);
    expect(
      (await call('POST', '/api/v1/pre-examination/classes', ipcadmin, { scheme: 'locarno', prefix: '03 01', label: 'x' })).status,
    ).toBe(409);
    expect((await call('POST', '/api/v1/pre-examination/classes', ipcexaminer, { scheme: 'ipc', prefix: 'F24C', label: 'x' })).status).toBe(
      404,
    );
    expect((await call('POST', '/api/v1/pre-examination/classes', provider, { scheme: 'ipc', prefix: 'F24C', label: 'x' })).status).toBe(
      404,
    );
    expect((await call('POST', '/api/v1/pre-examination/classes', enterprise, { scheme: 'ipc', prefix: 'F24C', label: 'x' })).status).toBe(
      403,
    );
    // Now a 03-01 design is eligible
    await submit({ classCode: '03-01', title: '灯具收纳箱' });
    expect((await call('DELETE', `/api/v1/pre-examination/classes/${add.body.id}`, ipcadmin)).status).toBe(204);
    await submit({ classCode: '03-01', title: '灯具收纳箱' }, enterprise, 422);
  });
  it('reports cycle times per class from the seeded applications', async () => {
    const res = await call('GET', '/api/v1/pre-examination/cycle-times', ipcadmin);
    expect(res.status).toBe(200);
    const group = res.body.rows.find((r: { classGroup: string }) => r.classGroup === 'F21V');
    expect(group.submissionToPassDays.count).toBeGreaterThan(0);
    expect(group.rounds.p50).toBeGreaterThanOrEqual(1);
    expect(res.body.total.applications).toBeGreaterThan(5);
    for (const cookie of [enterprise, guzhen, ipcofficer, provider])
      expect((await call('GET', '/api/v1/pre-examination/cycle-times', cookie)).status).toBe(403);
    expect((await call('GET', '/api/v1/pre-examination/cycle-times?from=2026-05-01&to=2026-04-01', ipcadmin)).status).toBe(400);
  });
});
