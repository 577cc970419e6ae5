import type { ListResponse } from '@innotown/contracts/common';
import type { Membership } from '@innotown/contracts/services';
import {
  type Application,
  type ApplicationCreate,
  type ApplicationStatus,
  applicationStatuses,
  type DeclineReason,
  type Programme,
  type ProgrammeCreate,
  type programmeLedgerSchema,
  type VoucherList,
} from '@innotown/contracts/vouchers';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryParams } from '../../app/api-client.ts';

export type ProgrammeLedger = z.infer<typeof programmeLedgerSchema>;

export function useProgrammes() {
  return useQuery({
    queryKey: ['vouchers', 'programmes'],
    queryFn: ({ signal }) => api.get<ListResponse<Programme>>('/api/v1/voucher-programmes', { pageSize: 50 }, signal),
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: ['vouchers', 'programme', id],
    queryFn: ({ signal }) => api.get<Programme>(`/api/v1/voucher-programmes/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The live ledger check (city only). */
export function useProgrammeLedger(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['vouchers', 'ledger', id],
    queryFn: ({ signal }) => api.get<ProgrammeLedger>(`/api/v1/voucher-programmes/${id}/ledger`, undefined, signal),
    enabled,
  });
}

/** How many applications of a programme are in each status (one small page per status; the total is what counts). */
export function useApplicationCounts(programmeId: string, enabled: boolean) {
  const results = useQueries({
    queries: applicationStatuses.map((status) => ({
      queryKey: ['vouchers', 'applications', { programmeId, status, pageSize: 1 }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ListResponse<Application>>('/api/v1/voucher-applications', { programmeId, status, pageSize: 1 }, signal),
      enabled,
    })),
  });
  const pending = results.some((r) => r.isPending);
  const counts = Object.fromEntries(applicationStatuses.map((s, i) => [s, results[i]?.data?.total ?? 0])) as Record<
    ApplicationStatus,
    number
  >;
  return { pending, counts };
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ProgrammeCreate; idempotencyKey: string }) =>
      api.post<Programme>('/api/v1/voucher-programmes', body, { idempotencyKey }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['vouchers'] }),
  });
}

/** Alliance members, for the provider picker of a programme limited to listed providers. */
export function useAllianceMembers(enabled: boolean) {
  return useQuery({
    queryKey: ['vouchers', 'alliance-members'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Membership>>('/api/v1/alliance/memberships', { status: 'approved', pageSize: 100 }, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useApplications(query: QueryParams) {
  return useQuery({
    queryKey: ['vouchers', 'applications', query],
    queryFn: ({ signal }) => api.get<ListResponse<Application>>('/api/v1/voucher-applications', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: ['vouchers', 'application', id],
    queryFn: ({ signal }) => api.get<Application>(`/api/v1/voucher-applications/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationCreate) => api.post<Application>('/api/v1/voucher-applications', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['vouchers'] }),
  });
}

export type ApplicationAction =
  | { kind: 'forward'; comment: string | null }
  | { kind: 'return' | 'decline'; reason: DeclineReason; comment: string | null }
  | { kind: 'approve'; amountFen: number; comment: string | null; idempotencyKey: string };

/** Forward, return, decline or approve one application; every voucher query is refreshed afterwards. */
export function useApplicationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ApplicationAction) => {
      const { kind, ...fields } = action;
      // Approval moves money: its key (one per approval dialog) makes a retried click issue nothing twice.
      const idempotencyKey = action.kind === 'approve' ? action.idempotencyKey : undefined;
      const body = Object.fromEntries(Object.entries(fields).filter(([k, v]) => k !== 'idempotencyKey' && v !== null && v !== ''));
      return api.post<Application>(`/api/v1/voucher-applications/${id}/${kind}`, body, idempotencyKey ? { idempotencyKey } : {});
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['vouchers'] }),
  });
}

export function useVouchers(query: QueryParams) {
  return useQuery({
    queryKey: ['vouchers', 'list', query],
    queryFn: ({ signal }) => api.get<VoucherList>('/api/v1/vouchers', query, signal),
    placeholderData: keepPreviousData,
  });
}
