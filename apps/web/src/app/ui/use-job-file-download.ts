import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { downloadFile, errorMessage } from '../api-client.ts';

/** What a file-producing job reports while the page polls it (platform/file-jobs.ts on the server). */
export type FileJobState = { id: number; status: string; fileId?: string | null; filename?: string | null };

/**
 * Downloads a polled job's file once it is done (or says it failed), once per job, then calls `settled`
 * so the page can stop polling and offer the button again.
 */
export function useJobFileDownload(
  job: FileJobState | undefined,
  options: { fallbackName: string; downloaded: string; failed: string; settled: () => void },
): void {
  const { message } = App.useApp();
  const handled = useRef<number | null>(null);
  const { fallbackName, downloaded, failed, settled } = options;
  useEffect(() => {
    if (!job || handled.current === job.id) return;
    if (job.status === 'done' && job.fileId) {
      handled.current = job.id;
      downloadFile(`/api/v1/files/${job.fileId}/content`, {}, job.filename ?? fallbackName)
        .then(() => message.success(downloaded))
        .catch((err) => message.error(errorMessage(err)))
        .finally(settled);
    } else if (job.status === 'failed') {
      handled.current = job.id;
      message.error(failed);
      settled();
    }
  }, [job, message, fallbackName, downloaded, failed, settled]);
}
