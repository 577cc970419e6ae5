import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInstrument, shanghaiAhead } from '../../../test/booking-fixtures.ts';
import { countOf, demoIds, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let enterprise: string;
let provider: string;
let guzhen: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let instrument: string;

const post = (url: string, cookie: string, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const slot = (day: number, from: string, to: string) => ({ start: shanghaiAhead(day, from), end: shanghaiAhead(day, to) });
const request = (o: object) => ({ resourceId: instrument, mode: 'operator_assisted', purpose: 'LED 灯具光色电参数检测', ...o });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  [enterprise, provider, guzhen] = await Promise.all([t.login('enterprise'), t.login('provider'), t.login('guzhen')]);
  instrument = await makeInstrument(t.database, ids.providerInstitutionId, {
    openingHours: {
      mon: [['08:00', '20:00']],
      tue: [['08:00', '20:00']],
      wed: [['08:00', '20:00']],
      thu: [['08:00', '20:00']],
      fri: [['08:00', '20:00']],
      sat: [['08:00', '20:00']],
      sun: [['08:00', '20:00']],
    },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('requesting a slot', () => {
  it('shows the price before submitting', async () => {
    const res = await post('/api/v1/bookings/quote', enterprise, request(slot(10, '09:00', '10:50')));
    expect(res.statusCode).toBe(200);
    expect(res.json().quote).toEqual({ units: 2, unit: 'hour', feeFen: 60_000, feeMaxFen: 90_000 });
  });

  it('refuses bad slots with a code saying which rule, and stores nothing', async () => {
    const before = await countOf(t.database, 'bookings');
    const cases: [object, number, string][] = [
      [slot(10, '11:00', '10:00'), 422, 'BOOKING_ENDS_BEFORE_START'],
      [slot(-2, '09:00', '10:00'), 422, 'BOOKING_IN_PAST'],
      [slot(10, '07:00', '09:00'), 422, 'BOOKING_OUTSIDE_OPENING_HOURS'],
      [slot(10, '09:00', '09:10'), 422, 'BOOKING_TOO_SHORT'],
      [{ mode: 'self_service', ...slot(10, '09:00', '10:00') }, 422, 'BOOKING_TRAINING_REQUIRED'],
      [{ start: shanghaiAhead(10, '09:00') }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('/api/v1/bookings', enterprise, request(body));
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    expect(await countOf(t.database, 'bookings')).toBe(before);
  });

  it('allows self-service once the owner has recorded training', async () => {
    const denied = await post(`/api/v1/resources/${instrument}/trainings`, guzhen, { userId: ids.userIds.enterprise });
    expect(denied.statusCode).toBe(403);
    const trained = await post(`/api/v1/resources/${instrument}/trainings`, provider, { userId: ids.userIds.enterprise });
    expect(trained.statusCode).toBe(201);
    const res = await post('/api/v1/bookings', enterprise, request({ mode: 'self_service', ...slot(11, '09:00', '10:00') }));
    expect(res.statusCode).toBe(201);
  });
});

describe('the workflow', () => {
  it('request → approve → confirmed; an overlapping request then gets 409; both sides are notified', async () => {
    const created = await post('/api/v1/bookings', enterprise, request(slot(12, '09:00', '11:00')));
    expect(created.statusCode).toBe(201);
    const b = created.json();
    expect([b.status, b.quotedFeeFen]).toEqual(['requested', 60_000]);

    const queue = await get('/api/v1/bookings?status=requested', provider);
    expect(queue.json().items.map((x: { id: string }) => x.id)).toContain(b.id);

    const approved = await post(`/api/v1/bookings/${b.id}/approve`, provider);
    expect([approved.statusCode, approved.json().status]).toEqual([200, 'confirmed']);
    const again = await post(`/api/v1/bookings/${b.id}/approve`, provider);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'BOOKING_STATE_CHANGED']);

    const overlapping = await post('/api/v1/bookings', enterprise, request(slot(12, '10:00', '12:00')));
    expect([overlapping.statusCode, overlapping.json().error.code]).toEqual([409, 'BOOKING_SLOT_TAKEN']);
    expect(overlapping.json().error.messageEn).toMatch(/overlaps a confirmed booking/);

    const calendar = await get(
      `/api/v1/resources/${instrument}/bookings?from=${shanghaiAhead(12, '00:00')}&to=${shanghaiAhead(13, '00:00')}`,
      provider,
    );
    expect(calendar.statusCode).toBe(200);
    expect(calendar.json().items).toEqual([{ start: b.start, end: b.end, bookingId: b.id, mine: false }]);

    const kinds = await rows<{ kind: string; username: string }>(
      t.database,
      sql`select n.kind, u.username from notifications n join users u on u.id = n.user_id where n.link = ${`/bookings/${b.id}`} order by n.kind, u.username`,
    );
    expect(kinds).toContainEqual({ kind: 'booking.requested', username: 'provider' });
    expect(kinds).toContainEqual({ kind: 'booking.confirmed', username: 'enterprise' });
    expect(kinds).toContainEqual({ kind: 'booking.confirmed', username: 'provider' });
    const audit = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${b.id} order by occurred_at`,
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['booking.create', 'booking.approve']));
  });

  it('rejects with a reason; cancels free early and late close to the start', async () => {
    const r = (await post('/api/v1/bookings', enterprise, request(slot(13, '09:00', '10:00')))).json();
    expect((await post(`/api/v1/bookings/${r.id}/reject`, provider, {})).statusCode).toBe(400);
    const rejected = await post(`/api/v1/bookings/${r.id}/reject`, provider, { reason: '仪器维护' });
    expect([rejected.json().status, rejected.json().decisionReason]).toEqual(['rejected', '仪器维护']);
    expect((await post(`/api/v1/bookings/${r.id}/cancel`, enterprise)).json().error.code).toBe('BOOKING_NOT_CANCELLABLE');

    const early = (await post('/api/v1/bookings', enterprise, request(slot(14, '09:00', '10:00')))).json();
    await post(`/api/v1/bookings/${early.id}/approve`, provider);
    const cancelled = await post(`/api/v1/bookings/${early.id}/cancel`, enterprise, { reason: '计划变更' });
    expect([cancelled.json().status, cancelled.json().cancelledLate]).toEqual(['cancelled', false]);

    // A slot starting in two hours (default: free until 24 h before) is cancelled late.
    const soon = new Date(Date.now() + 2 * 3_600_000);
    soon.setUTCMinutes(0, 0, 0);
    const close = await makeInstrument(t.database, ids.providerInstitutionId, { openingHours: null });
    const late = (
      await post(
        '/api/v1/bookings',
        enterprise,
        request({ resourceId: close, start: soon.toISOString(), end: new Date(soon.getTime() + 3_600_000).toISOString() }),
      )
    ).json();
    await post(`/api/v1/bookings/${late.id}/approve`, provider);
    const lateCancel = await post(`/api/v1/bookings/${late.id}/cancel`, enterprise);
    expect([lateCancel.json().status, lateCancel.json().cancelledLate]).toEqual(['cancelled', true]);
  });

  it('takes a sample test without a slot, priced per sample', async () => {
    const perSample = await makeInstrument(t.database, ids.providerInstitutionId, {
      feeUnit: 'sample',
      feeMinFen: 8_000,
      feeMaxFen: 12_000,
    });
    const res = await post(
      '/api/v1/bookings',
      enterprise,
      request({ resourceId: perSample, mode: 'sample', sampleCount: 5, sampleDetails: '5 只 LED 筒灯' }),
    );
    expect(res.statusCode).toBe(201);
    expect([res.json().start, res.json().quotedFeeFen, res.json().quotedFeeMaxFen]).toEqual([null, 40_000, 60_000]);
  });
});

describe('the booking race (invariant 9)', () => {
  it(`50 concurrent approvals of overlapping requests: exactly one confirmed, 49 × 409, no 5xx (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite, serialised'})`, async () => {
    const raced = await makeInstrument(t.database, ids.providerInstitutionId);
    const base = Date.parse(shanghaiAhead(20, '09:00'));
    const requested: string[] = [];
    for (let i = 0; i < 50; i++) {
      // Every pair overlaps: starts differ by at most 49 minutes, each slot lasts an hour.
      const start = new Date(base + i * 60_000);
      const res = await post(
        '/api/v1/bookings',
        enterprise,
        request({ resourceId: raced, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() }),
      );
      expect(res.statusCode).toBe(201);
      requested.push(res.json().id);
    }
    const results = await Promise.all(requested.map((id) => post(`/api/v1/bookings/${id}/approve`, provider)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'BOOKING_SLOT_TAKEN')).toBe(true);
    expect(await countOf(t.database, 'bookings', sql`resource_id = ${raced} and status = 'confirmed'`)).toBe(1);
    expect(await countOf(t.database, 'bookings', sql`resource_id = ${raced} and status = 'requested'`)).toBe(49);
  });
});

describe('an internal instrument', () => {
  it('follows the catalogue’s visibility: only its managers see its calendar, nobody outside can book it', async () => {
    const internal = await makeInstrument(t.database, ids.providerInstitutionId);
    await t.database.db.execute(sql`update resources set sharing = 'internal' where id = ${internal}`);
    const range = `from=${shanghaiAhead(12, '00:00')}&to=${shanghaiAhead(13, '00:00')}`;
    expect((await get(`/api/v1/resources/${internal}/bookings?${range}`, enterprise)).statusCode).toBe(404);
    expect((await get(`/api/v1/resources/${internal}/bookings.ics`, enterprise)).statusCode).toBe(404);
    expect((await get(`/api/v1/resources/${internal}/bookings?${range}`, provider)).statusCode).toBe(200);
    const refused = await post('/api/v1/bookings', enterprise, { ...request(slot(12, '10:00', '11:00')), resourceId: internal });
    expect(refused.statusCode).toBe(404);
  });
});
