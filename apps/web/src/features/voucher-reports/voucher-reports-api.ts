import type { InnovationMap } from '@innotown/contracts/innovation-map';
import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { VoucherReport, VoucherReportGrouping } from '@innotown/contracts/voucher-reports';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type VoucherReportParams = { programmeId?: string | undefined; groupBy: VoucherReportGrouping };

export function useVoucherReport(params: VoucherReportParams) {
  return useQuery({
    queryKey: ['voucher-reports', params],
    queryFn: ({ signal }) => api.get<VoucherReport>('/api/v1/voucher-reports', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInnovationMap(category: ServiceCategory | undefined) {
  return useQuery({
    queryKey: ['innovation-map', category ?? null],
    queryFn: ({ signal }) => api.get<InnovationMap>('/api/v1/innovation-map', { category }, signal),
    placeholderData: keepPreviousData,
  });
}
