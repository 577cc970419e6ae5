import type { ListResponse } from '@innotown/contracts/common';
import type { ServiceOrder } from '@innotown/contracts/service-orders';
import type { ClaimCreate, ClaimOptions, ClaimRejectReason, VoucherClaim } from '@innotown/contracts/voucher-claims';
import type { Programme, Voucher } from '@innotown/contracts/vouchers';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, newIdempotencyKey, type QueryParams } from '../../app/api-client.ts';

export function useClaims(query: QueryParams) {
  return useQuery({
    queryKey: ['voucher-claims', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<VoucherClaim>>('/api/v1/voucher-claims', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useClaim(id: string) {
  return useQuery({
    queryKey: ['voucher-claims', 'one', id],
    queryFn: ({ signal }) => api.get<VoucherClaim>(`/api/v1/voucher-claims/${id}`, undefined, signal),
  });
}

export function useClaimOptions(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['voucher-claims', 'options', orderId],
    queryFn: ({ signal }) => api.get<ClaimOptions>(`/api/v1/service-orders/${orderId}/claim-options`, undefined, signal),
    enabled,
  });
}

/** The programme (its claimant rule) of an order's subsidy. */
export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: ['vouchers', 'programme', id],
    queryFn: ({ signal }) => api.get<Programme>(`/api/v1/voucher-programmes/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The enterprise's active vouchers with value left, to apply to an order. */
export function useUsableVouchers(enabled: boolean) {
  return useQuery({
    queryKey: ['vouchers', 'list', { status: 'active', pageSize: 100 }],
    queryFn: ({ signal }) => api.get<ListResponse<Voucher>>('/api/v1/vouchers', { status: 'active', pageSize: 100 }, signal),
    enabled,
    select: (list) => list.items.filter((v) => v.remainingFen > 0),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['voucher-claims'] }),
      client.invalidateQueries({ queryKey: ['vouchers'] }),
      client.invalidateQueries({ queryKey: ['service-orders'] }),
      client.invalidateQueries({ queryKey: ['orders'] }),
    ]);
}

/**
 * One Idempotency-Key per user action: a double click or a retry after a lost answer sends the same key (the server
 * replays the first result and moves no money twice); a success starts the next action with a fresh key.
 */
function useActionKey() {
  const key = useRef(newIdempotencyKey());
  return { current: () => key.current, renew: () => (key.current = newIdempotencyKey()) };
}

export function useApplyVoucher(orderId: string) {
  const invalidate = useInvalidate();
  const key = useActionKey();
  return useMutation({
    mutationFn: (voucherId: string) =>
      api.post<ServiceOrder>(`/api/v1/service-orders/${orderId}/voucher`, { voucherId }, { idempotencyKey: key.current() }),
    onSuccess: () => {
      key.renew();
      return invalidate();
    },
  });
}

export function useCreateClaim() {
  const invalidate = useInvalidate();
  const key = useActionKey();
  return useMutation({
    mutationFn: (body: ClaimCreate) => api.post<VoucherClaim>('/api/v1/voucher-claims', body, { idempotencyKey: key.current() }),
    onSuccess: () => {
      key.renew();
      return invalidate();
    },
  });
}

export type ClaimAction = { kind: 'verify' } | { kind: 'settle' } | { kind: 'reject'; reason: ClaimRejectReason; comment?: string };

export function useClaimAction(id: string) {
  const invalidate = useInvalidate();
  const key = useActionKey();
  return useMutation({
    mutationFn: (a: ClaimAction) =>
      api.post<VoucherClaim>(
        `/api/v1/voucher-claims/${id}/${a.kind}`,
        a.kind === 'reject' ? { reason: a.reason, comment: a.comment } : {},
        {
          idempotencyKey: key.current(),
        },
      ),
    onSuccess: () => {
      key.renew();
      return invalidate();
    },
  });
}

export type StoredFile = { id: string; filename: string };

/** Uploads one attachment (invoice, evidence); the server checks its type by content and its size. */
export async function uploadAttachment(file: File): Promise<StoredFile> {
  const form = new FormData();
  form.append('purpose', 'attachment');
  form.append('file', file);
  const response = await fetch('/api/v1/files', { method: 'POST', body: form, credentials: 'same-origin' });
  const body = (await response.json()) as StoredFile & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
  return body;
}
