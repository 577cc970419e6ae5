import { readFileSync } from 'node:fs';
import type { InnovationMap } from '@innotown/contracts/innovation-map';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../../test/fixtures.ts';
import { createTestApp } from '../../../test/harness.ts';
import { TOWN_ROWS } from '../../seed/towns-data.ts';
import { TOWN_CENTRES } from './town-centres-data.ts';

const OUTLINE = new URL('../../../../web/src/app/charts/geo/zhongshan-outline.json', import.meta.url);

/** Even-odd ray casting against the outline's rings (the outer ring and any holes). */
function inside([x, y]: readonly [number, number], rings: readonly (readonly [number, number])[][]): boolean {
  let c = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

describe('town centres', () => {
  const outline = JSON.parse(readFileSync(OUTLINE, 'utf8'));
  const geometry = outline.features[0].geometry as { type: string; coordinates: [number, number][][] };

  it('the outline is the city of Zhongshan', () => {
    expect(outline.features[0].properties).toMatchObject({ adcode: '442000', name: '中山市' });
    expect(geometry.type).toBe('Polygon');
  });

  it('every town centre lies inside the real city outline, and points outside it are detected', () => {
    expect(Object.keys(TOWN_CENTRES)).toHaveLength(23);
    for (const [code, point] of Object.entries(TOWN_CENTRES)) expect(inside(point, geometry.coordinates), code).toBe(true);
    // Guangzhou, Zhuhai's Xiangzhou and a point in the Pearl River estuary east of 南朗 are not in Zhongshan.
    for (const p of [
      [113.264, 23.129],
      [113.553, 22.256],
      [113.75, 22.45],
    ] as const) {
      expect(inside(p, geometry.coordinates)).toBe(false);
    }
  });

  it('the codes are the 23 official towns and subdistricts of the seed (NBS 2023 codes)', () => {
    expect(Object.keys(TOWN_CENTRES).sort()).toEqual(TOWN_ROWS.map((x) => x.code).sort());
  });
});

describe('GET /api/v1/innovation-map', async () => {
  const t = await createTestApp();
  afterAll(async () => {
    await t?.close();
  });
  const get = async (q = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/innovation-map${q}` });
    return { status: res.statusCode, body: res.json() as InnovationMap };
  };

  it('is public: every seeded town with its centre, providers that are alliance members, open instruments', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const towns = await rows<{ id: string }>(t.database, sql`select id from towns`);
    expect(body.towns).toHaveLength(towns.length);
    for (const town of body.towns) expect(town.centre, town.name).not.toBeNull();
    const members = await rows<{ institution_id: string }>(
      t.database,
      sql`select institution_id from alliance_memberships where status = 'approved'`,
    );
    const listed = body.towns.flatMap((x) => x.providers.map((p) => p.id));
    expect(listed.sort()).toEqual(members.map((m) => m.institution_id).sort());
    for (const town of body.towns) {
      const n = await one<{ n: number }>(
        t.database,
        sql`select count(*)::int as n from resources where town_id = ${town.id} and kind = 'instrument' and review_status = 'published' and sharing = 'open'`,
      );
      expect(town.openInstruments, town.name).toBe(n.n);
      expect(town.instruments.length).toBe(Math.min(n.n, 5));
    }
    expect(body.towns.reduce((s, x) => s + x.openInstruments, 0)).toBeGreaterThan(0);
  });

  it('counts a provider’s published services and their categories', async () => {
    const { body } = await get();
    const p = body.towns.flatMap((x) => x.providers).find((x) => x.serviceCount > 0);
    expect(p).toBeDefined();
    const n = await one<{ n: number; cats: string[] }>(
      t.database,
      sql`select count(*)::int as n, array_agg(distinct category order by category) as cats from services where institution_id = ${p?.id as string} and status = 'published'`,
    );
    expect(p?.serviceCount).toBe(n.n);
    expect(p?.categories).toEqual(n.cats);
  });

  it('a category keeps only providers that publish a service in it; a bad category is 400', async () => {
    const { body } = await get('?category=testing');
    expect(body.category).toBe('testing');
    const providers = body.towns.flatMap((x) => x.providers);
    expect(providers.length).toBeGreaterThan(0);
    for (const p of providers) expect(p.categories).toContain('testing');
    expect((await get('?category=banking')).status).toBe(400);
  });
});
