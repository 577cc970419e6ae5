import type { ListResponse } from '@innotown/contracts/common';
import type { CycleTimeReport, PreExamApplication, PreExamClass, PreExamCreate } from '@innotown/contracts/pre-examination';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

const BASE = '/api/v1/pre-examination';

export function useApplications(query: QueryParams) {
  return useQuery({
    queryKey: ['pre-exam', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<PreExamApplication>>(`${BASE}/applications`, query, signal),
    placeholderData: keepPreviousData,
  });
}
export function useApplication(id: string) {
  return useQuery({
    queryKey: ['pre-exam', 'detail', id],
    queryFn: ({ signal }) => api.get<PreExamApplication>(`${BASE}/applications/${encodeURIComponent(id)}`, undefined, signal),
  });
}
export function useClasses() {
  return useQuery({
    queryKey: ['pre-exam', 'classes'],
    queryFn: ({ signal }) => api.get<{ items: PreExamClass[] }>(`${BASE}/classes`, undefined, signal),
    staleTime: 5 * 60_000,
  });
}
export function useCycleTimes(query: QueryParams) {
  return useQuery({
    queryKey: ['pre-exam', 'cycle-times', query],
    queryFn: ({ signal }) => api.get<CycleTimeReport>(`${BASE}/cycle-times`, query, signal),
    placeholderData: keepPreviousData,
  });
}
function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['pre-exam'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}
export const useSubmitApplication = () =>
  useInvalidating((body: PreExamCreate) => api.post<PreExamApplication>(`${BASE}/applications`, body));
export type PreExamCommand = 'resubmit' | 'review' | 'forward' | 'grant';
export const usePreExamCommand = (id: string) =>
  useInvalidating(({ command, body }: { command: PreExamCommand; body: object }) =>
    api.post<PreExamApplication>(`${BASE}/applications/${encodeURIComponent(id)}/${command}`, body),
  );
