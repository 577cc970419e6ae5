import type { ReportingPeriod, Statistic, StatisticSubmission, SubmissionSave, SubmissionStatus } from '@innotown/contracts/targets';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type SubmissionSummary = Omit<StatisticSubmission, 'values'>;
export type PeriodProgress = {
  period: ReportingPeriod;
  towns: {
    townId: string;
    townName: string;
    status: SubmissionStatus | null;
    version: number | null;
    submissionId: string | null;
    late: boolean;
  }[];
};
export type SubmissionFilter = { periodId?: string | undefined; townId?: string | undefined; status?: string | undefined };

export function useStatistics() {
  return useQuery({
    queryKey: ['statistics'],
    queryFn: ({ signal }) => api.get<{ items: Statistic[] }>('/api/v1/statistics', undefined, signal),
    select: (r) => r.items,
    staleTime: 60_000,
  });
}

export function usePeriods() {
  return useQuery({
    queryKey: ['reporting-periods'],
    queryFn: ({ signal }) => api.get<{ items: ReportingPeriod[] }>('/api/v1/reporting-periods', undefined, signal),
    select: (r) => r.items,
  });
}

export function usePeriodProgress(id: string | undefined) {
  return useQuery({
    queryKey: ['reporting-periods', 'progress', id],
    queryFn: ({ signal }) => api.get<PeriodProgress>(`/api/v1/reporting-periods/${id}/progress`, undefined, signal),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

export function useSubmissions(filter: SubmissionFilter, enabled = true) {
  return useQuery({
    queryKey: ['statistic-submissions', 'list', filter],
    queryFn: ({ signal }) => api.get<{ items: SubmissionSummary[] }>('/api/v1/statistic-submissions', filter, signal),
    select: (r) => r.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSubmission(id: string | undefined) {
  return useQuery({
    queryKey: ['statistic-submissions', 'one', id],
    queryFn: ({ signal }) => api.get<StatisticSubmission>(`/api/v1/statistic-submissions/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Several versions at once, for the history's differences between versions. */
export function useSubmissionVersions(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['statistic-submissions', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<StatisticSubmission>(`/api/v1/statistic-submissions/${id}`, undefined, signal),
    })),
  });
}

/**
 * The approved figures of a town's previous year, for the form's comparison column before any value is
 * typed (a submission's own values carry them only for the statistics it already holds).
 */
export function usePreviousYearFigures(townId: string | undefined, year: number | undefined) {
  const periods = usePeriods();
  const previous = periods.data?.find((p) => year !== undefined && p.year === year - 1 && p.quarter === null);
  const approved = useSubmissions({ periodId: previous?.id, townId, status: 'approved' }, Boolean(previous && townId));
  const id = approved.data?.[0]?.id;
  const submission = useSubmission(id);
  const figures = new Map((submission.data?.values ?? []).map((v) => [v.statisticCode, v.value]));
  return { figures, loading: periods.isPending || (Boolean(previous) && (approved.isPending || (Boolean(id) && submission.isPending))) };
}

function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['statistic-submissions'] }),
      client.invalidateQueries({ queryKey: ['reporting-periods'] }),
    ]);
}

export function useSaveDraft() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SubmissionSave) => api.put<StatisticSubmission>('/api/v1/statistic-submissions', body),
    onSuccess: invalidate,
  });
}

/** Saves the figures and submits them in one user action (the server checks both steps). */
export function useSaveAndSubmit() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: SubmissionSave) => {
      const saved = await api.put<StatisticSubmission>('/api/v1/statistic-submissions', body);
      return api.post<StatisticSubmission>(`/api/v1/statistic-submissions/${saved.id}/submit`, {});
    },
    onSuccess: invalidate,
  });
}

export type ReviewAction = { kind: 'approve'; comment?: string } | { kind: 'return'; comment: string } | { kind: 'correct' };

export function useSubmissionAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (a: ReviewAction) =>
      api.post<StatisticSubmission>(
        `/api/v1/statistic-submissions/${id}/${a.kind}`,
        a.kind === 'correct' ? undefined : { comment: a.comment },
      ),
    onSuccess: invalidate,
  });
}

export function useCreatePeriod() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { year: number; quarter?: number | null; deadline: string }) =>
      api.post<ReportingPeriod>('/api/v1/reporting-periods', body),
    onSuccess: invalidate,
  });
}

export function usePeriodOpen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, open }: { id: string; open: boolean }) =>
      api.post<ReportingPeriod>(`/api/v1/reporting-periods/${id}/${open ? 'reopen' : 'close'}`),
    onSuccess: invalidate,
  });
}
