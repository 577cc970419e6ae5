import { applicationCheckChar } from '@innotown/contracts/patent-codes';
import { classPrefixesOf, type PatentKind, type PatentLegalStatus } from '@innotown/contracts/patents';
import { patentEvents, patents } from '../src/db/schema/patents.ts';
import type { Database } from '../src/platform/db.ts';
import { searchVectorLiteral } from '../src/platform/search/search-vector.ts';

let serial = 0;
const salt = Math.floor(Math.random() * 900_000);

/** A fresh, valid Chinese application number: YYYY + kind digit + 7 digits + check character. */
export function newApplicationNumber(year = 2022, kind: PatentKind = 'invention'): string {
  const kindDigit = kind === 'invention' ? '1' : kind === 'utility_model' ? '2' : '3';
  const body = `${year}${kindDigit}${String((salt * 10 + serial++) % 10_000_000).padStart(7, '0')}`;
  return `${body}.${applicationCheckChar(body)}`;
}

export type PatentOverrides = Partial<{
  applicationNumber: string;
  kind: PatentKind;
  title: string;
  abstract: string;
  claims: string;
  ipcCodes: string[];
  locarnoCodes: string[];
  applicationDate: string;
  grantDate: string | null;
  legalStatus: PatentLegalStatus;
  applicants: string[];
  owners: string[];
  inventors: string[];
  ownerEnterpriseIds: string[];
  townId: string | null;
  localApplicant: boolean;
}>;

/**
 * Inserts a valid patent with a 'filed' event (and 'granted' when it has a grant date). Defaults: a
 * granted LED-lamp invention of an outside applicant; pass `ownerEnterpriseIds` and `townId` for a local one.
 */
export async function makePatent(database: Database, o: PatentOverrides = {}): Promise<{ id: string; applicationNumber: string }> {
  const kind = o.kind ?? 'invention';
  const applicationDate = o.applicationDate ?? '2022-03-01';
  const applicationNumber = o.applicationNumber ?? newApplicationNumber(Number(applicationDate.slice(0, 4)), kind);
  const grantDate = o.grantDate === undefined ? '2023-06-01' : o.grantDate;
  const legalStatus = o.legalStatus ?? (grantDate ? 'granted' : 'pending');
  const title = o.title ?? '一种散热良好的LED灯具';
  const abstract = o.abstract ?? '本发明公开了一种LED灯具，包括灯体、散热鳍片和驱动电源，散热效率高。';
  const ipcCodes = o.ipcCodes ?? (kind === 'design' ? [] : ['F21V29/70', 'F21Y115/10']);
  const locarnoCodes = o.locarnoCodes ?? (kind === 'design' ? ['26-05'] : []);
  const applicants = o.applicants ?? ['深圳某照明科技有限公司'];
  const [row] = await database.db
    .insert(patents)
    .values({
      applicationNumber,
      kind,
      title,
      abstract,
      claims: o.claims ?? null,
      mainClass: ipcCodes[0] ?? locarnoCodes[0] ?? null,
      ipcCodes,
      locarnoCodes,
      classPrefixes: classPrefixesOf(ipcCodes, locarnoCodes),
      applicationDate,
      grantDate,
      legalStatus,
      legalStatusDate: grantDate ?? applicationDate,
      applicants,
      owners: o.owners ?? applicants,
      inventors: o.inventors ?? ['张三', '李四'],
      ownerEnterpriseIds: o.ownerEnterpriseIds ?? [],
      localApplicant: o.localApplicant ?? (o.ownerEnterpriseIds?.length ?? 0) > 0,
      townId: o.townId ?? null,
      searchVector: searchVectorLiteral(title, [abstract, o.claims ?? ''].join('\n')),
      source: 'seed',
    })
    .returning({ id: patents.id });
  const id = (row as { id: string }).id;
  await database.db
    .insert(patentEvents)
    .values([
      { patentId: id, eventDate: applicationDate, kind: 'filed', source: 'seed' },
      ...(grantDate ? [{ patentId: id, eventDate: grantDate, kind: 'granted', source: 'seed' }] : []),
    ]);
  return { id, applicationNumber };
}
