import type { ListResponse } from '@innotown/contracts/common';
import type { FundingRecord, FundingSummary, fundingRecordCreateSchema } from '@innotown/contracts/funding';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type FundingFilter = { year?: number | undefined; townId?: string | undefined };
export type FundingRecordBody = BodyOf<typeof fundingRecordCreateSchema>;

export function useFundingSummary(filter: FundingFilter) {
  return useQuery({
    queryKey: ['funding', 'summary', filter],
    queryFn: ({ signal }) => api.get<FundingSummary>('/api/v1/funding/summary', filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFundingRecords(filter: FundingFilter & { page: number }) {
  return useQuery({
    queryKey: ['funding', 'records', filter],
    queryFn: ({ signal }) => api.get<ListResponse<FundingRecord>>('/api/v1/funding/records', { ...filter, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordFunding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FundingRecordBody) => api.post<FundingRecord>('/api/v1/funding/records', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['funding'] }),
  });
}
