import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBooking, makeInstrument, shanghaiAhead } from '../../../test/booking-fixtures.ts';
import { countOf, demoIds, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { JobRow } from '../../platform/jobs.ts';
import { bookingHandlers } from './bookings.jobs.ts';
import { foldLine } from './ics.ts';

let t: TestApp;
let enterprise: string;
let provider: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let instrument: string;

const post = (url: string, cookie: string, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const booked = (o: { status?: string; daysAhead?: number; resourceId?: string } = {}) =>
  makeBooking(t.database, {
    resourceId: o.resourceId ?? instrument,
    enterpriseId: ids.ownEnterpriseId,
    userId: ids.userIds.enterprise as string,
    status: o.status ?? 'confirmed',
    daysAhead: o.daysAhead ?? -5,
  });
const audits = (id: string) =>
  rows<{ action: string }>(t.database, sql`select action from audit_events where target_id = ${id} and result = 'success' order by id`);
const notified = (id: string) =>
  rows<{ kind: string; username: string }>(
    t.database,
    sql`select n.kind, u.username from notifications n join users u on u.id = n.user_id where n.link = ${`/bookings/${id}`} order by n.id`,
  );

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  [enterprise, provider] = await Promise.all([t.login('enterprise'), t.login('provider')]);
  instrument = await makeInstrument(t.database, ids.providerInstitutionId);
});
afterAll(async () => {
  await t?.close();
});

describe('usage after the slot', () => {
  it('owner records → enterprise confirms → completed; audited, the other side notified', async () => {
    const id = await booked();
    const recorded = await post(`/api/v1/bookings/${id}/usage`, provider, {
      hours: 1.25,
      sampleCount: 4,
      feeFen: 37_500,
      extraCharges: [
        { kind: 'consumables', amountFen: 2_000, note: '标准灯' },
        { kind: 'operator_time', amountFen: 5_000 },
      ],
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().status).toBe('usage_recorded');
    expect(recorded.json().usage).toMatchObject({ minutes: 75, sampleCount: 4, feeFen: 37_500, extraFen: 7_000, totalFen: 44_500 });
    expect(recorded.json().usage.extraCharges).toEqual([
      { kind: 'consumables', amountFen: 2_000, note: '标准灯' },
      { kind: 'operator_time', amountFen: 5_000, note: null },
    ]);
    // Recording twice is a state change that already happened.
    expect((await post(`/api/v1/bookings/${id}/usage`, provider, { minutes: 60, feeFen: 1 })).json().error.code).toBe(
      'BOOKING_STATE_CHANGED',
    );

    const confirmed = await post(`/api/v1/bookings/${id}/usage/confirm`, enterprise);
    expect([confirmed.statusCode, confirmed.json().status]).toEqual([200, 'completed']);
    expect(confirmed.json().usage.confirmedAt).not.toBeNull();
    const again = await post(`/api/v1/bookings/${id}/usage/confirm`, enterprise);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'BOOKING_STATE_CHANGED']);

    expect((await audits(id)).map((a) => a.action)).toEqual(['booking.usage.record', 'booking.usage.confirm']);
    // The used slot stays on the instrument's calendar.
    const calendar = await get(
      `/api/v1/resources/${instrument}/bookings?from=${shanghaiAhead(-6, '00:00')}&to=${shanghaiAhead(-3, '00:00')}`,
      provider,
    );
    expect(calendar.json().items.map((i: { bookingId: string }) => i.bookingId)).toContain(id);
    const n = await notified(id);
    expect(n).toContainEqual({ kind: 'booking.usage_recorded', username: 'enterprise' });
    expect(n).toContainEqual({ kind: 'booking.usage_completed', username: 'provider' });
  });

  it('the enterprise disputes with a reason; the owner records again; then it is confirmed', async () => {
    const id = await booked();
    await post(`/api/v1/bookings/${id}/usage`, provider, { minutes: 120, feeFen: 60_000 });
    expect((await post(`/api/v1/bookings/${id}/usage/dispute`, enterprise, {})).statusCode).toBe(400);
    const disputed = await post(`/api/v1/bookings/${id}/usage/dispute`, enterprise, { reason: '实际只用了一小时' });
    expect([disputed.json().status, disputed.json().usage.disputeReason]).toEqual(['disputed', '实际只用了一小时']);
    expect(await notified(id)).toContainEqual({ kind: 'booking.usage_disputed', username: 'provider' });
    const corrected = await post(`/api/v1/bookings/${id}/usage`, provider, { minutes: 60, feeFen: 30_000 });
    expect([corrected.json().status, corrected.json().usage.minutes, corrected.json().usage.disputeReason]).toEqual([
      'usage_recorded',
      60,
      null,
    ]);
    expect((await post(`/api/v1/bookings/${id}/usage/confirm`, enterprise)).json().status).toBe('completed');
  });

  it('refuses usage before the slot has ended, bad figures, and negative money in the database', async () => {
    const future = await booked({ daysAhead: 3 });
    const early = await post(`/api/v1/bookings/${future}/usage`, provider, { minutes: 60, feeFen: 1 });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'BOOKING_SLOT_NOT_ENDED']);
    const id = await booked();
    for (const body of [
      { feeFen: 1 },
      { hours: 1, minutes: 60, feeFen: 1 },
      { minutes: 60, feeFen: -1 },
      { minutes: 60, feeFen: 1.5 },
      { minutes: 60, feeFen: 1, extraCharges: [{ kind: 'consumables', amountFen: -5 }] },
    ]) {
      expect((await post(`/api/v1/bookings/${id}/usage`, provider, body)).statusCode).toBe(400);
    }
    expect(await countOf(t.database, 'booking_usages', sql`booking_id = ${id}`)).toBe(0);
    await expect(
      t.database.db.execute(
        sql`insert into booking_usages (booking_id, minutes, fee_fen, extra_charges, recorded_by)
            values (${id}, 60, 0, '[{"kind":"consumables","amountFen":-1}]', ${ids.userIds.provider as string})`,
      ),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(
        sql`insert into booking_usages (booking_id, minutes, fee_fen, recorded_by) values (${id}, 60, -1, ${ids.userIds.provider as string})`,
      ),
    ).rejects.toThrow();
  });
});

describe('no-shows', () => {
  it('the owner marks one after the grace period, not before', async () => {
    const future = await booked({ daysAhead: 3 });
    const early = await post(`/api/v1/bookings/${future}/no-show`, provider);
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'BOOKING_NO_SHOW_TOO_EARLY']);
    const id = await booked();
    const marked = await post(`/api/v1/bookings/${id}/no-show`, provider, { reason: '未到场' });
    expect([marked.statusCode, marked.json().status]).toEqual([200, 'no_show']);
    expect((await post(`/api/v1/bookings/${id}/no-show`, provider)).json().error.code).toBe('BOOKING_STATE_CHANGED');
    expect((await post(`/api/v1/bookings/${id}/usage`, provider, { minutes: 1, feeFen: 0 })).json().error.code).toBe(
      'BOOKING_STATE_CHANGED',
    );
    expect(await notified(id)).toContainEqual({ kind: 'booking.no_show', username: 'enterprise' });
    expect((await audits(id)).map((a) => a.action)).toEqual(['booking.no_show']);
  });

  it(`the sweep marks overdue confirmed slots without usage exactly once, even run twice at once (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const swept = await makeInstrument(t.database, ids.providerInstitutionId);
    const overdue = await booked({ resourceId: swept, daysAhead: -10 });
    const recent = await booked({ resourceId: swept, daysAhead: 0 }); // ends in the coming hours: not yet
    const used = await booked({ resourceId: swept, daysAhead: -10 });
    await post(`/api/v1/bookings/${used}/usage`, provider, { minutes: 60, feeFen: 0 });
    const requested = await booked({ resourceId: swept, daysAhead: -10, status: 'requested' });

    const handler = bookingHandlers(t.config)['bookings.no_show_sweep'];
    if (!handler) throw new Error('no sweep handler');
    const log = pino({ level: 'silent' });
    const run = () => handler({ db: t.database.db, job: { id: 0, name: 'bookings.no_show_sweep' } as JobRow, log });
    const results = (await Promise.all([run(), run()])) as { marked: number }[];
    const status = async (id: string) =>
      (await one<{ status: string }>(t.database, sql`select status from bookings where id = ${id}`)).status;
    expect(await status(overdue)).toBe('no_show');
    expect([await status(recent), await status(used), await status(requested)]).toEqual(['confirmed', 'usage_recorded', 'requested']);
    // Exactly once: one audit record, one notification per side, and the runs' counts include it once.
    expect((await audits(overdue)).map((a) => a.action)).toEqual(['booking.no_show']);
    expect((await notified(overdue)).filter((n) => n.username === 'enterprise')).toHaveLength(1);
    expect(results.reduce((s, r) => s + r.marked, 0)).toBeGreaterThanOrEqual(1);
    expect(await run()).toEqual({ marked: 0 });
  });
});

describe('the .ics feed', () => {
  it('is RFC 5545: CRLF, folded at 75 octets, escaped text, UTC times, stable UIDs, no personal data', async () => {
    const feedOf = await makeInstrument(t.database, ids.providerInstitutionId);
    const longName = `LED 光色电综合测试系统（积分球 2 m; 光谱范围 380–780 nm, 含校准）${'测'.repeat(20)}`;
    await t.database.db.execute(sql`update resources set name = ${longName} where id = ${feedOf}`);
    const id = await booked({ resourceId: feedOf, daysAhead: 2 });
    await booked({ resourceId: feedOf, daysAhead: 3, status: 'requested' });

    const res = await get(`/api/v1/resources/${feedOf}/bookings.ics`, enterprise);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const body = res.body;
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line break is CRLF
    const physical = body.split('\r\n').slice(0, -1);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true); // the long name was folded
    const unfolded = body.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded[0]).toBe('BEGIN:VCALENDAR');
    expect(unfolded).toContain('VERSION:2.0');
    expect(unfolded.find((l) => l.startsWith('X-WR-CALNAME:'))).toBe(`X-WR-CALNAME:${longName.replace(/;/g, '\\;').replace(/,/g, '\\,')}`);
    expect(unfolded.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1); // the request holds no slot
    const start = await one<{ s: Date | string }>(t.database, sql`select lower(period) as s from bookings where id = ${id}`);
    const utc = new Date(start.s)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    expect(unfolded).toContain(`DTSTART:${utc}`);
    expect(unfolded.find((l) => l.startsWith('DTEND:'))).toMatch(/^DTEND:\d{8}T\d{6}Z$/);
    expect(unfolded).toContain('SUMMARY:已预约 / Booked');
    const uid = unfolded.find((l) => l.startsWith('UID:'));
    expect(uid).not.toContain(id);
    expect(body).not.toMatch(/企业|enterprise/i);

    // Stable: the same UID next time; the owner sees a link to the booking, an unrelated enterprise does not.
    const again = await get(`/api/v1/resources/${feedOf}/bookings.ics`, provider);
    expect(again.body.replace(/\r\n /g, '').split('\r\n')).toContain(uid);
    expect(again.body.replace(/\r\n /g, '')).toContain(`DESCRIPTION:/bookings/${id}`);
    const stranger = await get(`/api/v1/resources/${feedOf}/bookings.ics`, await t.login('guzhen'));
    expect(stranger.body).not.toContain('DESCRIPTION');
    // Calendar apps subscribe without a session: an open instrument's feed shows the busy slot, never whose it is.
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${feedOf}/bookings.ics` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body.replace(/\r\n /g, '').split('\r\n')).toContain(uid);
    expect(anonymous.body).not.toContain('DESCRIPTION');
  });

  it('folds without splitting a UTF-8 character', () => {
    const folded = foldLine(`SUMMARY:${'测'.repeat(40)}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'测'.repeat(40)}`);
  });
});
