import { eq } from 'drizzle-orm';
import { institutions } from '../src/db/schema/organisations.ts';
import { resources } from '../src/db/schema/resources.ts';
import type { Database } from '../src/platform/db.ts';

type ResourceInsert = typeof resources.$inferInsert;
let serial = 0;

/**
 * A valid resource of an institution (town copied from it), written straight to the database so that
 * tests can start from any review state: `makeResource(db, instId, { reviewStatus: 'submitted' })`.
 */
export async function makeResource(
  database: Database,
  institutionId: string,
  overrides: Partial<Omit<ResourceInsert, 'institutionId' | 'townId'>> = {},
): Promise<string> {
  const [inst] = await database.db.select({ townId: institutions.townId }).from(institutions).where(eq(institutions.id, institutionId));
  if (!inst) throw new Error(`no institution ${institutionId}`);
  const [row] = await database.db
    .insert(resources)
    .values({
      kind: 'instrument',
      name: `测试仪器${++serial}`,
      summary: '测试用仪器',
      sharing: 'open',
      reviewStatus: 'draft',
      feeUnit: 'hour',
      feeMinFen: 20_000,
      feeMaxFen: 50_000,
      openingHours: { mon: [['09:00', '17:30']] },
      ...overrides,
      institutionId,
      townId: inst.townId,
    })
    .returning({ id: resources.id });
  return (row as { id: string }).id;
}

export const expertOverrides = {
  kind: 'expert',
  name: '测试专家',
  contactName: '测试专家',
  contactPhone: '13912345678',
  contactEmail: 'expert.test@example.com',
  specs: { fields: ['LED 光学'], title: '高级工程师', organisation: '测试研究院' },
} as const satisfies Partial<ResourceInsert>;
