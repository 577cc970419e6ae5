import type { holidayBodySchema, holidaySchema } from '@innotown/contracts/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type Holiday = BodyOf<typeof holidaySchema>;
export type HolidayBody = BodyOf<typeof holidayBodySchema>;

export function useHolidays(year: number) {
  return useQuery({
    queryKey: ['holidays', year],
    // The list answer's shape follows the API's list convention; a bare array is accepted too.
    queryFn: async ({ signal }) => {
      const answer = await api.get<{ items: Holiday[] } | Holiday[]>('/api/v1/holidays', { year }, signal);
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
}

export function useSaveHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, name, isWorkday }: HolidayBody) =>
      api.put<Holiday>(`/api/v1/holidays/${encodeURIComponent(date)}`, { name, isWorkday }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['holidays'] }),
  });
}

export function useDeleteHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete(`/api/v1/holidays/${encodeURIComponent(date)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['holidays'] }),
  });
}
