import type { PatentLandscape, PatentLandscapeReportJob } from '@innotown/contracts/patent-landscape';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type LandscapeParams = {
  town?: string | undefined;
  industry?: string | undefined;
  ipc?: string | undefined;
  applicant?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
};

/** Drops empty filters, so the query key and the URL hold only what is set. */
export function cleanParams(p: LandscapeParams): LandscapeParams {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== '')) as LandscapeParams;
}

export function useLandscape(params: LandscapeParams) {
  return useQuery({
    queryKey: ['patent-landscape', params],
    queryFn: ({ signal }) => api.get<PatentLandscape>('/api/v1/patent-landscape', params, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useStartReport() {
  return useMutation({
    mutationFn: (params: LandscapeParams) => api.post<PatentLandscapeReportJob>('/api/v1/patent-landscape/report-jobs', params),
  });
}

/** Polls a report job every second until it is done or failed. */
export function useReportJob(id: number | null) {
  return useQuery({
    queryKey: ['patent-landscape-job', id],
    queryFn: ({ signal }) => api.get<PatentLandscapeReportJob>(`/api/v1/patent-landscape/report-jobs/${id}`, {}, signal),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}
