import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

/** The demo catalogue that db/seed.ts loads is searchable like any provider-entered resource. */
type Item = { id: string; name: string; kind: string; townName: string; institutionName: string; sharing: string; reviewStatus: string };
type Result = { items: Item[]; total: number };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function search(query: string, cookie?: string): Promise<Result> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/resources/search?${query}`,
    ...(cookie ? { headers: { cookie } } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}

describe('seeded resource catalogue', () => {
  it('is loaded with a search document for every resource, and the demo bookings', async () => {
    expect(await countOf(t.database, 'resources')).toBe(300);
    expect(await countOf(t.database, 'resources', sql`search_vector is null`)).toBe(0);
    expect(await countOf(t.database, 'resource_links')).toBeGreaterThan(150);
    const mismatched = await rows(
      t.database,
      sql`select r.id from resources r join institutions i on i.id = r.institution_id where r.town_id <> i.town_id`,
    );
    expect(mismatched).toEqual([]);
    const bookings = await rows<{ status: string }>(
      t.database,
      sql`select b.status from bookings b join users u on u.id = b.user_id where u.username = 'enterprise' order by b.status`,
    );
    expect(bookings.map((b) => b.status)).toEqual(['completed', 'confirmed', 'rejected', 'requested']);
    // The completed one carries the recorded usage a voucher claim is checked against.
    const used = await rows<{ minutes: number; sample_count: number }>(
      t.database,
      sql`select bu.minutes, bu.sample_count from booking_usages bu join bookings b on b.id = bu.booking_id
        join users u on u.id = b.user_id where u.username = 'enterprise' and b.status = 'completed'`,
    );
    expect(used).toEqual([{ minutes: 150, sample_count: 2 }]);
  });

  it('finds the integrating-sphere spectroradiometer of 古镇 for 光谱, anonymously', async () => {
    const r = await search(`q=${encodeURIComponent('光谱')}&pageSize=50`);
    // Other institutions own one too; the national lighting centre's is the one of the demo.
    const spheres = r.items.filter((i) => i.name === '积分球光谱辐射计');
    expect(
      spheres.some((i) => i.kind === 'instrument' && i.townName === '古镇镇' && i.institutionName === '国家灯具质量监督检验中心（中山）'),
      JSON.stringify(spheres.map((i) => [i.name, i.institutionName])),
    ).toBe(true);
    expect(r.items[0]?.name).toContain('光谱');
  });

  it('finds a salt-spray chamber for 盐雾', async () => {
    const r = await search(`q=${encodeURIComponent('盐雾')}&pageSize=50`);
    expect(r.items.some((i) => i.name.startsWith('盐雾试验箱'))).toBe(true);
  });

  it('shows anonymous callers only published, open resources', async () => {
    for (const q of ['光谱', '盐雾', '试验箱', '实验室', 'LED', '技术']) {
      const r = await search(`q=${encodeURIComponent(q)}&pageSize=50`);
      for (const i of r.items) expect([i.reviewStatus, i.sharing], `${q}: ${i.name}`).toEqual(['published', 'open']);
    }
    const all = await search('pageSize=50');
    const open = await countOf(t.database, 'resources', sql`review_status = 'published' and sharing = 'open'`);
    expect(all.total).toBe(open);
    expect(open).toBeLessThan(300);
  });
});
