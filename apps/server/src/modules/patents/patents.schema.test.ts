import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makePatent } from '../../../test/patent-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('patents table', () => {
  it('answers an IPC prefix search from class_prefixes', async () => {
    const led = await makePatent(t.database, { ipcCodes: ['G21K1/06'] });
    await makePatent(t.database, { ipcCodes: ['G21K5/00'], title: '一种辐射屏蔽装置' });
    const hits = await rows<{ id: string }>(t.database, sql`select id from patents where class_prefixes @> array['G21K1/']::text[]`);
    expect(hits.map((h) => h.id)).toEqual([led.id]);
  });

  it('refuses a grant date before the application date and a duplicate application number', async () => {
    await expect(makePatent(t.database, { applicationDate: '2022-05-01', grantDate: '2022-04-01' })).rejects.toThrow();
    const first = await makePatent(t.database);
    await expect(makePatent(t.database, { applicationNumber: first.applicationNumber })).rejects.toThrow();
  });
});
