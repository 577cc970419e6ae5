import type { AuditEvent } from '@innotown/contracts/audit';
import type { ListResponse } from '@innotown/contracts/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function useAuditEvents(query: QueryParams) {
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<AuditEvent>>('/api/v1/audit-events', query, signal),
    placeholderData: keepPreviousData,
  });
}
