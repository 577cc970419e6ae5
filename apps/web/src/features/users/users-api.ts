import type { ListResponse } from '@innotown/contracts/common';
import type { User, UserCreate, UserUpdate } from '@innotown/contracts/users';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function useUsers(query: QueryParams) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<User>>('/api/v1/users', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: UserCreate | UserUpdate }) =>
      id ? api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, body) : api.post<User>('/api/v1/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Erases an account's personal data on the person's request (PIPL); the account stays, anonymised and disabled. */
export function useEraseUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/api/v1/users/${encodeURIComponent(id)}/erase`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
