import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBooking, makeInstrument, shanghaiAhead } from '../../../test/booking-fixtures.ts';
import { countOf, demoIds, rows } from '../../../test/fixtures.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { expertOverrides, makeResource } from '../../../test/resource-fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const c = {} as Record<'enterprise' | 'other' | 'provider' | 'lamplab' | 'admin' | 'guzhen' | 'expert', string>;

const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: unknown) => {
  const res = await t.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
};
const consultation = (resourceId: string, day = 20, from = '10:00', to = '11:00') => ({
  resourceId,
  mode: 'consultation',
  start: shanghaiAhead(day, from),
  end: shanghaiAhead(day, to),
  purpose: 'LED 驱动电源 EMC 整改咨询',
});

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  c.admin = await t.login('admin');
  // A second enterprise account, of another enterprise in the same town.
  const created = await call('POST', '/api/v1/users', c.admin, {
    username: 'otherent',
    password: DEMO_PASSWORD,
    displayName: '另一企业用户',
    role: 'enterprise',
    enterpriseId: ids.sameTownEnterpriseId,
  });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [key, username] of [
    ['enterprise', 'enterprise'],
    ['other', 'otherent'],
    ['provider', 'provider'],
    ['lamplab', 'lamplab'],
    ['guzhen', 'guzhen'],
    ['expert', 'expert'],
  ] as const) {
    c[key] = await t.login(username);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('expert consultations', () => {
  it('an enterprise books a consultation slot with an expert; the owner approves it', async () => {
    const expert = await makeResource(t.database, ids.providerInstitutionId, {
      ...expertOverrides,
      reviewStatus: 'published',
      openingHours: null,
      feeUnit: 'hour',
      feeMinFen: 50_000,
      feeMaxFen: 50_000,
    });
    const quote = await call('POST', '/api/v1/bookings/quote', c.enterprise, consultation(expert));
    expect(quote.status).toBe(200);
    expect(quote.body.quote).toMatchObject({ units: 1, unit: 'hour', feeFen: 50_000 });
    const created = await call('POST', '/api/v1/bookings', c.enterprise, consultation(expert));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mode: 'consultation', status: 'requested', quotedFeeFen: 50_000 });
    const approved = await call('POST', `/api/v1/bookings/${created.body.id}/approve`, c.provider, {});
    expect(approved.status).toBe(200);
    // The same no-overlap rule: a second confirmed consultation at that hour is refused.
    const second = await call('POST', '/api/v1/bookings', c.other, consultation(expert));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('BOOKING_SLOT_TAKEN');
  });

  it('refuses a mode the resource does not offer, and resources that cannot be booked, changing nothing', async () => {
    const expert = await makeResource(t.database, ids.providerInstitutionId, { ...expertOverrides, reviewStatus: 'published' });
    const instrument = await makeInstrument(t.database, ids.providerInstitutionId);
    const lab = await makeResource(t.database, ids.providerInstitutionId, { kind: 'lab', name: '测试实验室', reviewStatus: 'published' });
    const before = await countOf(t.database, 'bookings');
    const expertAssisted = await call('POST', '/api/v1/bookings', c.enterprise, { ...consultation(expert), mode: 'operator_assisted' });
    expect([expertAssisted.status, expertAssisted.body.error.code]).toEqual([422, 'BOOKING_MODE_NOT_OFFERED']);
    expect(expertAssisted.body.error.messageZh).toContain('专家只能预约咨询');
    const instrumentConsult = await call('POST', '/api/v1/bookings', c.enterprise, consultation(instrument));
    expect([instrumentConsult.status, instrumentConsult.body.error.code]).toEqual([422, 'BOOKING_MODE_NOT_OFFERED']);
    const labConsult = await call('POST', '/api/v1/bookings', c.enterprise, consultation(lab));
    expect([labConsult.status, labConsult.body.error.code]).toEqual([422, 'BOOKING_NOT_INSTRUMENT']);
    // A consultation is a slot: without one it is a 400 with the field named.
    const noSlot = await call('POST', '/api/v1/bookings', c.enterprise, { resourceId: expert, mode: 'consultation', purpose: '咨询' });
    expect(noSlot.status).toBe(400);
    expect(noSlot.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['end', 'start']);
    expect(await countOf(t.database, 'bookings')).toBe(before);
  });
});

describe('an expert’s phone and e-mail', () => {
  const FULL = ['13912345678', 'expert.test@example.com'];
  const MASKED = ['139****5678', 'e***@example.com'];
  let expert: string;
  const contact = async (cookie?: string) => {
    const r = await call('GET', `/api/v1/resources/${expert}`, cookie);
    expect(r.status).toBe(200);
    return [r.body.contactPhone, r.body.contactEmail];
  };
  const setStatus = (id: string, status: string) => t.database.db.execute(sql`update bookings set status = ${status} where id = ${id}`);

  beforeAll(async () => {
    expert = await makeResource(t.database, ids.providerInstitutionId, { ...expertOverrides, reviewStatus: 'published' });
  });

  it('are masked for anonymous callers and for signed-in users without a booking', async () => {
    expect(await contact()).toEqual(MASKED);
    expect(await contact(c.enterprise)).toEqual(MASKED);
    expect(await contact(c.expert)).toEqual(MASKED);
    expect(await contact(c.guzhen)).toEqual(MASKED);
    expect(await contact(c.lamplab)).toEqual(MASKED); // a provider of another institution
  });

  it('are shown in full to the owner institution and city admins', async () => {
    expect(await contact(c.provider)).toEqual(FULL);
    expect(await contact(c.admin)).toEqual(FULL);
  });

  it('are shown to an enterprise with a booking in any state but rejected or cancelled — audited, not cached', async () => {
    const id = await makeBooking(t.database, {
      resourceId: expert,
      enterpriseId: ids.ownEnterpriseId,
      userId: ids.userIds.enterprise as string,
      status: 'requested',
    });
    for (const status of ['requested', 'confirmed', 'usage_recorded', 'disputed', 'completed', 'no_show']) {
      await setStatus(id, status);
      expect(await contact(c.enterprise), status).toEqual(FULL);
    }
    const res = await call('GET', `/api/v1/resources/${expert}`, c.enterprise);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const audited = await rows<{ action: string; username: string }>(
      t.database,
      sql`select action, username from audit_events where target_id = ${expert} and action = 'resource.contact.reveal'`,
    );
    expect(audited.length).toBeGreaterThanOrEqual(6);
    expect(new Set(audited.map((a) => a.username))).toEqual(new Set(['enterprise']));
    // Another enterprise's booking reveals nothing to this one.
    expect(await contact(c.other)).toEqual(MASKED);
    for (const status of ['rejected', 'cancelled']) {
      await setStatus(id, status);
      expect(await contact(c.enterprise), status).toEqual(MASKED);
    }
  });

  it('a consultation requested through the API reveals them to the booker only', async () => {
    const other = await makeResource(t.database, ids.providerInstitutionId, {
      ...expertOverrides,
      reviewStatus: 'published',
      openingHours: null,
    });
    expect((await call('GET', `/api/v1/resources/${other}`, c.other)).body.contactPhone).toBe(MASKED[0]);
    const created = await call('POST', '/api/v1/bookings', c.other, consultation(other, 25));
    expect(created.status).toBe(201);
    expect((await call('GET', `/api/v1/resources/${other}`, c.other)).body.contactPhone).toBe(FULL[0]);
    expect((await call('GET', `/api/v1/resources/${other}`, c.enterprise)).body.contactPhone).toBe(MASKED[0]);
    expect((await call('POST', `/api/v1/bookings/${created.body.id}/cancel`, c.other, {})).status).toBe(200);
    expect((await call('GET', `/api/v1/resources/${other}`, c.other)).body.contactPhone).toBe(MASKED[0]);
  });
});

describe('training records', () => {
  let instrument: string;
  const enterpriseUser = () => ids.userIds.enterprise as string;
  const selfService = () => ({
    resourceId: instrument,
    mode: 'self_service',
    start: shanghaiAhead(30, '09:00'),
    end: shanghaiAhead(30, '10:00'),
  });

  beforeAll(async () => {
    instrument = await makeInstrument(t.database, ids.providerInstitutionId);
  });

  it('an untrained user learns so before booking, and self-service is refused', async () => {
    expect((await call('GET', `/api/v1/resources/${instrument}/trainings/me`, c.enterprise)).body).toEqual({
      trained: false,
      trainedAt: null,
    });
    const quote = await call('POST', '/api/v1/bookings/quote', c.enterprise, selfService());
    expect([quote.status, quote.body.error.code]).toEqual([422, 'BOOKING_TRAINING_REQUIRED']);
  });

  it('the owner adds a trainee by username, lists and removes them; each step audited', async () => {
    const added = await call('POST', `/api/v1/resources/${instrument}/trainings`, c.provider, { username: 'ENTERPRISE' });
    expect(added.status).toBe(201);
    expect(added.body.userId).toBe(enterpriseUser());
    const list = await call('GET', `/api/v1/resources/${instrument}/trainings`, c.provider);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ userId: enterpriseUser(), username: 'enterprise', enterpriseId: ids.ownEnterpriseId });
    const mine = await call('GET', `/api/v1/resources/${instrument}/trainings/me`, c.enterprise);
    expect(mine.body.trained).toBe(true);
    expect((await call('POST', '/api/v1/bookings/quote', c.enterprise, selfService())).status).toBe(200);
    // Town and city read the list; the owner alone removes.
    expect((await call('GET', `/api/v1/resources/${instrument}/trainings`, c.admin)).status).toBe(200);
    const removed = await call('DELETE', `/api/v1/resources/${instrument}/trainings/${enterpriseUser()}`, c.provider);
    expect(removed.status).toBe(204);
    expect((await call('GET', `/api/v1/resources/${instrument}/trainings`, c.provider)).body.items).toEqual([]);
    const again = await call('DELETE', `/api/v1/resources/${instrument}/trainings/${enterpriseUser()}`, c.provider);
    expect([again.status, again.body.error.code]).toEqual([404, 'TRAINING_NOT_FOUND']);
    expect((await call('POST', '/api/v1/bookings/quote', c.enterprise, selfService())).body.error.code).toBe('BOOKING_TRAINING_REQUIRED');
    const actions = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${instrument} and action like 'instrument.training.%' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['instrument.training.record', 'instrument.training.remove']);
  });

  it('refuses bad trainees and bad bodies, changing nothing', async () => {
    const count = () => countOf(t.database, 'instrument_trainings');
    const before = await count();
    const unknown = await call('POST', `/api/v1/resources/${instrument}/trainings`, c.provider, { username: 'nobody-here' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'TRAINEE_INVALID']);
    const notEnterprise = await call('POST', `/api/v1/resources/${instrument}/trainings`, c.provider, { username: 'expert' });
    expect(notEnterprise.body.error.code).toBe('TRAINEE_INVALID');
    const both = await call('POST', `/api/v1/resources/${instrument}/trainings`, c.provider, {
      username: 'enterprise',
      userId: enterpriseUser(),
    });
    expect(both.status).toBe(400);
    expect(both.body.error.details.fields[0]).toMatchObject({ code: 'training_user_required' });
    expect(both.body.error.details.fields[0].messageEn).toContain('username');
    const foreign = await call('POST', `/api/v1/resources/${instrument}/trainings`, c.lamplab, { username: 'enterprise' });
    expect(foreign.status).toBe(404);
    expect(await count()).toBe(before);
  });
});

describe('an instrument’s calendar', () => {
  it('marks the caller’s own bookings; another enterprise sees them only as busy', async () => {
    const instrument = await makeInstrument(t.database, ids.providerInstitutionId);
    await makeBooking(t.database, {
      resourceId: instrument,
      enterpriseId: ids.ownEnterpriseId,
      userId: ids.userIds.enterprise as string,
      status: 'confirmed',
      daysAhead: 3,
    });
    const url = `/api/v1/resources/${instrument}/bookings?from=${encodeURIComponent(shanghaiAhead(2, '00:00'))}&to=${encodeURIComponent(shanghaiAhead(5, '00:00'))}`;
    const own = await call('GET', url, c.enterprise);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ mine: true });
    expect(own.body.items[0].bookingId).toBeTruthy();
    const other = await call('GET', url, c.other);
    expect(other.body.items[0]).toMatchObject({ mine: false, bookingId: null });
    const owner = await call('GET', url, c.provider);
    expect(owner.body.items[0].mine).toBe(false);
    expect(owner.body.items[0].bookingId).toBeTruthy();
  });
});

describe('bilingual validation', () => {
  it('a fee range with its minimum above its maximum is a 400 naming range_invalid in Chinese and English', async () => {
    const res = await call('GET', '/api/v1/resources/search?feeMin=50000&feeMax=100');
    expect(res.status).toBe(400);
    const field = res.body.error.details.fields.find((f: { path: string }) => f.path === 'feeMax');
    expect(field).toMatchObject({ code: 'range_invalid' });
    expect(field.messageZh).toContain('区间无效');
    expect(field.messageEn).toContain('Invalid range');
  });
});
