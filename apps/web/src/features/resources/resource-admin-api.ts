import type { ListResponse } from '@innotown/contracts/common';
import type { StoredFile as FileMeta } from '@innotown/contracts/platform';
import type { ResourceImportReport, ResourceImportResult } from '@innotown/contracts/resource-import';
import type {
  Resource,
  ResourceKind,
  resourceCreateSchema,
  resourceLinkListSchema,
  resourceUpdateSchema,
} from '@innotown/contracts/resources';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, dispositionFilename, type QueryParams, rawRequest } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';
import { postForm } from '../../app/upload.ts';

export type ResourceCreateBody = BodyOf<typeof resourceCreateSchema>;
export type ResourceUpdateBody = BodyOf<typeof resourceUpdateSchema>;
type LinkList = (typeof resourceLinkListSchema)['_zod']['output'];

/** The resources the caller manages (providers: own institution; town admins: own town; city: all). */
export function useManagedResources(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['resources', 'managed', query],
    queryFn: ({ signal }) => api.get<ListResponse<Resource>>('/api/v1/resources', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useResourceMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['resources'] }),
  });
}

export const useCreateResource = () => useResourceMutation((body: ResourceCreateBody) => api.post<Resource>('/api/v1/resources', body));
export const useUpdateResource = () =>
  useResourceMutation(({ id, body }: { id: string; body: ResourceUpdateBody }) =>
    api.patch<Resource>(`/api/v1/resources/${encodeURIComponent(id)}`, body),
  );
export const useSubmitResource = () =>
  useResourceMutation((id: string) => api.post<Resource>(`/api/v1/resources/${encodeURIComponent(id)}/submit`));
export const useDeleteResource = () => useResourceMutation((id: string) => api.delete(`/api/v1/resources/${encodeURIComponent(id)}`));
export const useReviewResource = () =>
  useResourceMutation(({ id, decision, comment }: { id: string; decision: 'publish' | 'reject'; comment?: string }) =>
    api.post<Resource>(`/api/v1/resources/${encodeURIComponent(id)}/review`, comment ? { decision, comment } : { decision }),
  );
export const useReplaceLinks = () =>
  useResourceMutation(({ id, links }: { id: string; links: { toResourceId: string; relation: string }[] }) =>
    api.put<LinkList>(`/api/v1/resources/${encodeURIComponent(id)}/links`, { links }),
  );

/** An image for a resource, checked by the files module (content type, size). */
export function uploadImage(file: File): Promise<FileMeta> {
  const form = new FormData();
  form.append('purpose', 'image');
  form.append('file', file);
  return postForm<FileMeta>('/api/v1/files', form);
}

export function importResources(
  input: { kind: ResourceKind; institutionId?: string | undefined; file: File },
  onProgress: (percent: number) => void,
): Promise<ResourceImportResult> {
  const form = new FormData();
  form.append('kind', input.kind);
  if (input.institutionId) form.append('institutionId', input.institutionId);
  form.append('file', input.file);
  return postForm<ResourceImportResult>('/api/v1/resources/import', form, onProgress);
}

/** The report an import refused with, if the error carries one. */
export function reportOf(error: unknown): ResourceImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const details = (error as unknown as { details?: { report?: ResourceImportReport } }).details;
  return details?.report ?? null;
}

async function save(response: Response, fallback: string) {
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionFilename(response.headers.get('Content-Disposition')) ?? fallback;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadReport(report: ResourceImportReport) {
  await save(await rawRequest('POST', '/api/v1/resources/import/report', { body: report, accept: '*/*' }), 'import-report.xlsx');
}
