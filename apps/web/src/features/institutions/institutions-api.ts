import type { ListResponse } from '@innotown/contracts/common';
import type {
  Institution,
  institutionCreateSchema,
  institutionProfileUpdateSchema,
  institutionUpdateSchema,
} from '@innotown/contracts/institutions';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type InstitutionBody =
  | BodyOf<typeof institutionCreateSchema>
  | BodyOf<typeof institutionUpdateSchema>
  | BodyOf<typeof institutionProfileUpdateSchema>;

export function useInstitutions(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['institutions', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<Institution>>('/api/v1/institutions', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInstitution(id: string | null | undefined) {
  return useQuery({
    queryKey: ['institutions', 'detail', id],
    queryFn: ({ signal }) => api.get<Institution>(`/api/v1/institutions/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSaveInstitution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: InstitutionBody }) =>
      id
        ? api.patch<Institution>(`/api/v1/institutions/${encodeURIComponent(id)}`, body)
        : api.post<Institution>('/api/v1/institutions', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['institutions', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['institutions', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
      void queryClient.invalidateQueries({ queryKey: ['towns'] });
    },
  });
}
