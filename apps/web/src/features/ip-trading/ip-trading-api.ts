import type { ListResponse } from '@innotown/contracts/common';
import type {
  Deal,
  DealComplete,
  IpStatistics,
  Listing,
  ListingCreate,
  MyPatent,
  Offer,
  OfferCreate,
  OfferDecline,
  OpenLicence,
  OpenLicenceCreate,
  OpenLicenceTake,
} from '@innotown/contracts/ip-trading';
import type { Town } from '@innotown/contracts/towns';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import { uploadAttachment } from '../service-requirements/requirements-api.ts';

export const IP_BASE = '/api/v1/ip-market';

export const useShowcase = (query: QueryParams) =>
  useQuery({
    queryKey: ['ip', 'showcase', query],
    queryFn: ({ signal }) => api.get<ListResponse<Listing>>(`${IP_BASE}/listings`, query, signal),
    placeholderData: keepPreviousData,
  });
export const useListing = (id: string) =>
  useQuery({ queryKey: ['ip', 'listing', id], queryFn: ({ signal }) => api.get<Listing>(`${IP_BASE}/listings/${id}`, undefined, signal) });
export const useManagedListings = (query: QueryParams) =>
  useQuery({
    queryKey: ['ip', 'manage', query],
    queryFn: ({ signal }) => api.get<ListResponse<Listing>>(`${IP_BASE}/manage/listings`, query, signal),
    placeholderData: keepPreviousData,
  });
export const useMyPatents = () =>
  useQuery({
    queryKey: ['ip', 'my-patents'],
    queryFn: ({ signal }) => api.get<{ items: MyPatent[] }>(`${IP_BASE}/my-patents`, undefined, signal),
  });
export const useOffers = (query: QueryParams) =>
  useQuery({
    queryKey: ['ip', 'offers', query],
    queryFn: ({ signal }) => api.get<ListResponse<Offer>>(`${IP_BASE}/offers`, query, signal),
    placeholderData: keepPreviousData,
  });
export const useOffer = (id: string) =>
  useQuery({ queryKey: ['ip', 'offer', id], queryFn: ({ signal }) => api.get<Offer>(`${IP_BASE}/offers/${id}`, undefined, signal) });
export const useDeals = (query: QueryParams) =>
  useQuery({
    queryKey: ['ip', 'deals', query],
    queryFn: ({ signal }) => api.get<ListResponse<Deal>>(`${IP_BASE}/deals`, query, signal),
    placeholderData: keepPreviousData,
  });
export const useDeal = (id: string) =>
  useQuery({ queryKey: ['ip', 'deal', id], queryFn: ({ signal }) => api.get<Deal>(`${IP_BASE}/deals/${id}`, undefined, signal) });
export const useOpenLicences = (query: QueryParams) =>
  useQuery({
    queryKey: ['ip', 'open-licences', query],
    queryFn: ({ signal }) => api.get<ListResponse<OpenLicence>>(`${IP_BASE}/open-licences`, query, signal),
    placeholderData: keepPreviousData,
  });
export const useIpStatistics = (year: number | undefined) =>
  useQuery({
    queryKey: ['ip', 'statistics', year ?? null],
    queryFn: ({ signal }) => api.get<IpStatistics>(`${IP_BASE}/statistics`, { year }, signal),
    placeholderData: keepPreviousData,
  });
export const useTownOptions = () =>
  useQuery({
    queryKey: ['towns', 'options'],
    queryFn: ({ signal }) => api.get<ListResponse<Town>>('/api/v1/towns', { pageSize: 100 }, signal),
    staleTime: 10 * 60_000,
  });

function useIp<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ip'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useCreateListing = () => useIp((body: ListingCreate) => api.post<Listing>(`${IP_BASE}/listings`, body));
export const useReviewListing = () =>
  useIp(({ id, decision, note }: { id: string; decision: 'publish' | 'reject'; note?: string | null }) =>
    api.post<Listing>(`${IP_BASE}/listings/${id}/review`, { decision, note: note ?? null }),
  );
export const useWithdrawListing = () => useIp((id: string) => api.post<Listing>(`${IP_BASE}/listings/${id}/withdraw`, {}));
export const useMakeOffer = () =>
  useIp(({ listingId, body }: { listingId: string; body: OfferCreate }) =>
    api.post<Offer>(`${IP_BASE}/listings/${listingId}/offers`, body),
  );
export const useOfferMessage = () =>
  useIp(({ id, body }: { id: string; body: string }) => api.post<Offer>(`${IP_BASE}/offers/${id}/messages`, { body }));
export const useCounter = () =>
  useIp(({ id, amountFen, body }: { id: string; amountFen: number; body?: string | null }) =>
    api.post<Offer>(`${IP_BASE}/offers/${id}/counter`, { amountFen, body: body ?? null }),
  );
export const useOfferStep = () =>
  useIp(({ id, step }: { id: string; step: 'accept' | 'withdraw' }) => api.post<Offer>(`${IP_BASE}/offers/${id}/${step}`, {}));
export const useDeclineOffer = () =>
  useIp(({ id, body }: { id: string; body: OfferDecline }) => api.post<Offer>(`${IP_BASE}/offers/${id}/decline`, body));
/** Uploads the signed contract, then completes the deal with it (and a licence's term). */
export const useCompleteDeal = () =>
  useIp(async ({ id, file, term }: { id: string; file: File; term: Omit<DealComplete, 'contractFileId'> }) => {
    const stored = await uploadAttachment(file);
    return api.post<Deal>(`${IP_BASE}/deals/${id}/complete`, { contractFileId: stored.id, ...term } satisfies DealComplete);
  });
export const useCancelDeal = () => useIp((id: string) => api.post<Deal>(`${IP_BASE}/deals/${id}/cancel`, {}));
export const useDeclareOpenLicence = () => useIp((body: OpenLicenceCreate) => api.post<OpenLicence>(`${IP_BASE}/open-licences`, body));
export const useWithdrawDeclaration = () => useIp((id: string) => api.post<OpenLicence>(`${IP_BASE}/open-licences/${id}/withdraw`, {}));
export const useTakeOpenLicence = () =>
  useIp(({ id, body }: { id: string; body: OpenLicenceTake }) => api.post<OpenLicence>(`${IP_BASE}/open-licences/${id}/licences`, body));
