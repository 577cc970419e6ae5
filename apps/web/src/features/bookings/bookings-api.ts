import type {
  Booking,
  bookingQuoteRequestSchema,
  bookingQuoteSchema,
  bookingRequestSchema,
  calendarSchema,
  myTrainingSchema,
  quoteSchema,
  Trainee,
  usageRecordSchema,
} from '@innotown/contracts/bookings';
import type { ListResponse } from '@innotown/contracts/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type BookingBody = BodyOf<typeof bookingRequestSchema>;
export type QuoteBody = BodyOf<typeof bookingQuoteRequestSchema>;
/** The quote's answer (the output of its schema). */
export type BookingQuote = (typeof quoteSchema)['_zod']['output'];
export type BookingQuoteAnswer = (typeof bookingQuoteSchema)['_zod']['output'];

export function useBookings(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['bookings', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<Booking>>('/api/v1/bookings', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useQuoteBooking() {
  return useMutation({ mutationFn: (body: QuoteBody) => api.post<BookingQuoteAnswer>('/api/v1/bookings/quote', body) });
}

export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BookingBody) => api.post<Booking>('/api/v1/bookings', body),
    onSuccess: (_booking, body) => {
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      // A booking reveals the resource's contact (an expert's phone and e-mail): read it afresh.
      void queryClient.invalidateQueries({ queryKey: ['resources', 'detail', body.resourceId] });
    },
  });
}

export type BookingDecision = 'approve' | 'reject' | 'cancel';

export function useDecideBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: BookingDecision; reason?: string }) =>
      api.post<Booking>(`/api/v1/bookings/${encodeURIComponent(id)}/${decision}`, reason ? { reason } : {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
}

export type CalendarAnswer = (typeof calendarSchema)['_zod']['output'];
export type UsageBody = BodyOf<typeof usageRecordSchema>;
export type MyTraining = (typeof myTrainingSchema)['_zod']['output'];

/** One instrument's busy slots in [from, to). */
export function useCalendar(resourceId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: ['bookings', 'calendar', resourceId, from, to],
    queryFn: ({ signal }) =>
      api.get<CalendarAnswer>(`/api/v1/resources/${encodeURIComponent(resourceId ?? '')}/bookings`, { from, to }, signal),
    enabled: Boolean(resourceId),
    placeholderData: keepPreviousData,
  });
}

function useBookingStep<B>(path: (id: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => api.post<Booking>(path(encodeURIComponent(id)), body ?? {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
}

/** The owner records actual usage (or records again after a dispute). */
export const useRecordUsage = () => useBookingStep<UsageBody>((id) => `/api/v1/bookings/${id}/usage`);
export const useConfirmUsage = () => useBookingStep<Record<string, never>>((id) => `/api/v1/bookings/${id}/usage/confirm`);
export const useDisputeUsage = () => useBookingStep<{ reason: string }>((id) => `/api/v1/bookings/${id}/usage/dispute`);
export const useMarkNoShow = () => useBookingStep<{ reason?: string }>((id) => `/api/v1/bookings/${id}/no-show`);

export function useTrainees(resourceId: string, enabled = true) {
  return useQuery({
    queryKey: ['trainings', resourceId],
    queryFn: ({ signal }) =>
      api.get<{ items: Trainee[] }>(`/api/v1/resources/${encodeURIComponent(resourceId)}/trainings`, undefined, signal),
    enabled,
  });
}

export function useMyTraining(resourceId: string, enabled = true) {
  return useQuery({
    queryKey: ['trainings', resourceId, 'me'],
    queryFn: ({ signal }) => api.get<MyTraining>(`/api/v1/resources/${encodeURIComponent(resourceId)}/trainings/me`, undefined, signal),
    enabled,
  });
}

export function useAddTrainee(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => api.post(`/api/v1/resources/${encodeURIComponent(resourceId)}/trainings`, { username }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['trainings', resourceId] }),
  });
}

export function useRemoveTrainee(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api.delete(`/api/v1/resources/${encodeURIComponent(resourceId)}/trainings/${encodeURIComponent(userId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['trainings', resourceId] }),
  });
}

export function useBooking(id: string | undefined) {
  return useQuery({
    queryKey: ['bookings', 'detail', id],
    queryFn: ({ signal }) => api.get<Booking>(`/api/v1/bookings/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}
