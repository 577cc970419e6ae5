import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { ipCentreStaff } from '../../db/schema/ip-protection.ts';
import { enterprises, institutions } from '../../db/schema/organisations.ts';
import { files } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';
import type { CentreDuty } from '../../platform/policy.ts';

/** The IP protection centre: the one institution of type ip_protection_centre (the oldest, should there be more). */
export async function centreInstitution(db: Db): Promise<{ id: string; name: string; townId: string } | undefined> {
  const [row] = await db
    .select({ id: institutions.id, name: institutions.name, townId: institutions.townId })
    .from(institutions)
    .where(eq(institutions.type, 'ip_protection_centre'))
    .orderBy(asc(institutions.createdAt), asc(institutions.id))
    .limit(1);
  return row;
}

/** The caller's duty in a centre: only an active provider user of that institution holds one. */
export async function dutyOf(db: Db, userId: string): Promise<{ duty: CentreDuty; institutionId: string } | undefined> {
  const [row] = await db
    .select({ duty: ipCentreStaff.duty, institutionId: ipCentreStaff.institutionId })
    .from(ipCentreStaff)
    .innerJoin(users, eq(users.id, ipCentreStaff.userId))
    .where(and(eq(ipCentreStaff.userId, userId), eq(users.role, 'provider'), eq(users.institutionId, ipCentreStaff.institutionId)));
  return row ? { duty: row.duty as CentreDuty, institutionId: row.institutionId } : undefined;
}

export async function staffOf(db: Db, institutionId: string, duties?: readonly CentreDuty[]) {
  const rows = await db
    .select({ userId: users.id, displayName: users.displayName, username: users.username, duty: ipCentreStaff.duty })
    .from(ipCentreStaff)
    .innerJoin(users, eq(users.id, ipCentreStaff.userId))
    .where(
      and(
        eq(ipCentreStaff.institutionId, institutionId),
        eq(users.status, 'active'),
        eq(users.institutionId, institutionId),
        duties ? inArray(ipCentreStaff.duty, [...duties]) : undefined,
      ),
    )
    .orderBy(asc(ipCentreStaff.duty), asc(users.username));
  return rows.map((r) => ({ ...r, duty: r.duty as CentreDuty }));
}

export async function addStaff(db: Db, values: { userId: string; institutionId: string; duty: CentreDuty }) {
  await db
    .insert(ipCentreStaff)
    .values(values)
    .onConflictDoUpdate({ target: ipCentreStaff.userId, set: { duty: values.duty } });
}

export async function enterpriseByCreditCode(db: Db, creditCode: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, townId: enterprises.townId, industryCode: enterprises.industryCode })
    .from(enterprises)
    .where(eq(enterprises.creditCode, creditCode));
  return row;
}

export async function enterpriseById(db: Db, id: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, townId: enterprises.townId, industryCode: enterprises.industryCode })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

/** How many of `ids` are attachment uploads of this user (checked by content type and size when uploaded). */
export async function countOwnAttachments(db: Db, userId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.purpose, 'attachment'), eq(files.ownerUserId, userId)));
  return row?.n ?? 0;
}

export async function filesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: files.id, filename: files.filename, size: files.size })
    .from(files)
    .where(inArray(files.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
