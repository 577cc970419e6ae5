import type { ResourceKind } from '@innotown/contracts/resources';

type FacetKey = 'kind' | 'town' | 'industry' | 'accreditation';
/** Filters beyond kind and town that apply to each kind: experts and results carry no accreditation or fee schedule. */
export type Filter = FacetKey | 'fee' | 'available';
const KIND_FILTERS: Record<ResourceKind, readonly Filter[]> = {
  instrument: ['kind', 'town', 'industry', 'accreditation', 'fee', 'available'],
  lab: ['kind', 'town', 'industry', 'accreditation'],
  expert: ['kind', 'town', 'industry'],
  result: ['kind', 'town', 'industry'],
};
export const ALL_FILTERS: readonly Filter[] = ['kind', 'town', 'industry', 'accreditation', 'fee', 'available'];
/** Query parameters of each filter, cleared when a kind is chosen that it does not apply to. */
export const FILTER_PARAMS: Record<Filter, readonly string[]> = {
  kind: ['kind'],
  town: ['townId'],
  industry: ['industry'],
  accreditation: ['accreditation'],
  fee: ['feeMin', 'feeMax'],
  available: ['available'],
};
export function filtersFor(kind: string | undefined): readonly Filter[] {
  return kind && kind in KIND_FILTERS ? KIND_FILTERS[kind as ResourceKind] : ALL_FILTERS;
}
