import { createHash, randomUUID } from 'node:crypto';
import { creditCodeCheckChar } from '@innotown/contracts/credit-code';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db.ts';

/** Runs raw SQL on either engine and returns the rows. */
export async function rows<T = Record<string, unknown>>(database: Database, query: SQL): Promise<T[]> {
  const res = (await database.db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export async function one<T = Record<string, unknown>>(database: Database, query: SQL): Promise<T> {
  const r = await rows<T>(database, query);
  if (r.length !== 1) throw new Error(`expected one row, got ${r.length}`);
  return r[0] as T;
}

export async function countOf(database: Database, table: string, where: SQL = sql`true`): Promise<number> {
  const r = await one<{ n: number }>(database, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return Number(r.n);
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let serial = 0;
const salt = Math.floor(Math.random() * 31 ** 3);

/**
 * A fresh, valid 统一社会信用代码 that the demo seed never produces: the seed's organisation codes
 * start with 'MA' or a digit, ours with 'TT'.
 */
export function newCreditCode(): string {
  let n = salt * 31 ** 4 + serial++;
  let body = '';
  for (let i = 0; i < 7; i++) {
    body = ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91442000TT${body}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
export function withWrongCheckChar(code: string): string {
  const last = code.at(-1) as string;
  const wrong = ALPHABET[(ALPHABET.indexOf(last) + 1) % 31] as string;
  return code.slice(0, 17) + wrong;
}

export const sessionTokenHash = (cookie: string) =>
  createHash('sha256')
    .update(cookie.replace(/^innotown_session=/, ''))
    .digest('hex');

export const missingId = () => randomUUID();

/** Ids of demo records the tests refer to (scale 0.1 seed). */
export type DemoIds = {
  guzhenTownId: string;
  xiaolanTownId: string;
  dongfengTownId: string;
  /** The enterprise of the `enterprise` account (古镇镇). */
  ownEnterpriseId: string;
  /** Another enterprise in 古镇镇. */
  sameTownEnterpriseId: string;
  /** An enterprise in 小榄镇. */
  otherTownEnterpriseId: string;
  /** The institution of the `provider` account. */
  providerInstitutionId: string;
  /** The institution of the `bank` account. */
  bankInstitutionId: string;
  /** A non-financial institution that neither demo provider is bound to. */
  otherInstitutionId: string;
  userIds: Record<string, string>;
};

export async function demoIds(database: Database): Promise<DemoIds> {
  const users = await rows<{
    id: string;
    username: string;
    town_id: string | null;
    enterprise_id: string | null;
    institution_id: string | null;
  }>(database, sql`select id, username, town_id, enterprise_id, institution_id from users`);
  const user = (name: string) => {
    const u = users.find((x) => x.username === name);
    if (!u) throw new Error(`demo user ${name} missing`);
    return u;
  };
  const townId = async (name: string) => (await one<{ id: string }>(database, sql`select id from towns where name = ${name}`)).id;
  const guzhenTownId = await townId('古镇镇');
  const xiaolanTownId = await townId('小榄镇');
  const dongfengTownId = await townId('东凤镇');
  const ownEnterpriseId = user('enterprise').enterprise_id as string;
  const sameTown = await one<{ id: string }>(
    database,
    sql`select id from enterprises where town_id = ${guzhenTownId} and id <> ${ownEnterpriseId} order by credit_code limit 1`,
  );
  const otherTown = await one<{ id: string }>(
    database,
    sql`select id from enterprises where town_id = ${xiaolanTownId} order by credit_code limit 1`,
  );
  const providerInstitutionId = user('provider').institution_id as string;
  const bankInstitutionId = user('bank').institution_id as string;
  const other = await one<{ id: string }>(
    database,
    sql`select id from institutions where type not in ('bank','guarantor','insurer')
        and id not in (select institution_id from users where institution_id is not null) order by name limit 1`,
  );
  return {
    guzhenTownId,
    xiaolanTownId,
    dongfengTownId,
    ownEnterpriseId,
    sameTownEnterpriseId: sameTown.id,
    otherTownEnterpriseId: otherTown.id,
    providerInstitutionId,
    bankInstitutionId,
    otherInstitutionId: other.id,
    userIds: Object.fromEntries(users.map((u) => [u.username, u.id])),
  };
}

/** A valid enterprise body for POST /api/v1/enterprises. */
export function enterpriseBody(townId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `测试企业${serial}有限公司`,
    creditCode: newCreditCode(),
    industryCode: 'C3872',
    townId,
    sizeClass: 'small',
    ...overrides,
  };
}

/** Mobile numbers and PRC resident ID numbers, as they would appear in text. */
export const MOBILE_PATTERN = /(?<![\d.])1[3-9]\d{9}(?!\d)/g;
export const ID_NUMBER_PATTERN = /(?<![\d.])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;
