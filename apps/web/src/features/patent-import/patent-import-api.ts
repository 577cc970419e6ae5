import type { PatentImportView } from '@innotown/contracts/patent-import';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { postForm } from '../../app/upload.ts';

export function uploadPatentFile(file: File, onProgress: (percent: number) => void): Promise<PatentImportView> {
  const form = new FormData();
  form.append('file', file);
  return postForm<PatentImportView>('/api/v1/patent-imports', form, onProgress);
}

const finished = (v: PatentImportView | undefined) => v?.status === 'succeeded' || v?.status === 'failed';

/** Polls an import every second until it has finished (the job runs on any instance; the row is the truth). */
export function usePatentImport(id: string | null) {
  return useQuery({
    queryKey: ['patent-import', id],
    queryFn: ({ signal }) => api.get<PatentImportView>(`/api/v1/patent-imports/${id}`, {}, signal),
    enabled: id !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
}

export function usePatentImports(refreshKey: unknown) {
  return useQuery({
    queryKey: ['patent-imports', refreshKey],
    queryFn: ({ signal }) => api.get<{ items: PatentImportView[] }>('/api/v1/patent-imports', {}, signal),
  });
}
