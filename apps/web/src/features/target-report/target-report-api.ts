import type { TargetReport, TargetReportJob } from '@innotown/contracts/target-report';
import type { ReportingPeriod } from '@innotown/contracts/targets';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type TargetReportParams = { year: number; town?: string | undefined };

export function useTargetReport(params: TargetReportParams | null) {
  return useQuery({
    queryKey: ['target-report', params],
    queryFn: ({ signal }) => api.get<TargetReport>('/api/v1/target-report', params ?? {}, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * The years with an annual reporting period, newest first, and the one to show first: the newest
 * closed year (an open year's city figures are partial until every town is approved).
 */
export function useReportYears() {
  return useQuery({
    queryKey: ['reporting-periods'],
    queryFn: ({ signal }) => api.get<{ items: ReportingPeriod[] }>('/api/v1/reporting-periods', {}, signal),
    select: (r) => {
      const annual = r.items.filter((p) => p.quarter === null).sort((a, b) => b.year - a.year);
      return { years: annual.map((p) => p.year), preferred: (annual.find((p) => p.status === 'closed') ?? annual[0])?.year };
    },
  });
}

export function useStartRender() {
  return useMutation({
    mutationFn: (params: TargetReportParams) => api.post<TargetReportJob>('/api/v1/target-report/jobs', params),
  });
}

/** Polls a render job every second until it is done or failed. */
export function useRenderJob(id: number | null) {
  return useQuery({
    queryKey: ['target-report-job', id],
    queryFn: ({ signal }) => api.get<TargetReportJob>(`/api/v1/target-report/jobs/${id}`, {}, signal),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}
