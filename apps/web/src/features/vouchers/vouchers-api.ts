import type { ListResponse } from '@innotown/contracts/common';
import type { Programme, Voucher } from '@innotown/contracts/vouchers';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function useProgrammes(enabled: boolean) {
  return useQuery({
    queryKey: ['vouchers', 'programmes'],
    queryFn: ({ signal }) => api.get<ListResponse<Programme>>('/api/v1/voucher-programmes', { pageSize: 20 }, signal),
    enabled,
  });
}

export function useVouchers(query: QueryParams) {
  return useQuery({
    queryKey: ['vouchers', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<Voucher>>('/api/v1/vouchers', query, signal),
    placeholderData: keepPreviousData,
  });
}
