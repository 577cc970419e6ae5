import type {
  Booking,
  bookingQuoteRequestSchema,
  bookingQuoteSchema,
  bookingRequestSchema,
  quoteSchema,
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
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['bookings'] }),
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
