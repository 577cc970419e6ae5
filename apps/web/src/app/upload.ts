import { ApiError } from './api-client.ts';
import { currentLocale } from './i18n/i18n.ts';

/** Multipart POST with upload progress (fetch has none): resolves to the JSON answer or throws an ApiError. */
export function postForm<T>(path: string, form: FormData, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK_ERROR', message: 'network' }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const error = (body as { error?: ConstructorParameters<typeof ApiError>[1] } | null)?.error;
        const failure = new ApiError(xhr.status, error ?? { code: `HTTP_${xhr.status}`, message: xhr.statusText });
        // The import's report rides in the error's details.
        reject(Object.assign(failure, { details: error?.details }));
      }
    };
    xhr.send(form);
  });
}
