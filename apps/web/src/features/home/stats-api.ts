import type { Overview } from '@innotown/contracts/platform';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export function useOverview() {
  return useQuery({
    queryKey: ['stats', 'overview'],
    queryFn: ({ signal }) => api.get<Overview>('/api/v1/stats/overview', undefined, signal),
    staleTime: 60_000,
  });
}
