import type { FundingRecord } from '@innotown/contracts/funding';
import type { RecordView } from './funding.repository.ts';

export function presentRecord(r: RecordView): FundingRecord {
  return {
    id: r.id,
    year: r.year,
    programme: r.programme as FundingRecord['programme'],
    townId: r.townId,
    townName: r.townName,
    kind: r.kind as FundingRecord['kind'],
    amountFen: r.amountFen,
    recordDate: r.recordDate,
    note: r.note,
    link: r.linkType && r.linkId ? { type: r.linkType as 'institution' | 'voucher_programme', id: r.linkId, name: r.linkName } : null,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}
