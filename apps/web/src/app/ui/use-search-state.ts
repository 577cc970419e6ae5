import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SearchPatch = Record<string, string | number | boolean | null | undefined>;

/**
 * List filters, sort and pagination live in the URL, so a filtered list can be bookmarked, shared
 * and restored with the back button.
 */
export function useSearchState(defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();

  const get = useCallback((key: string): string | undefined => params.get(key) ?? undefined, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));

  /** Merges the patch; a change to anything but the page itself returns to page 1. */
  const update = useCallback(
    (patch: SearchPatch) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return useMemo(() => ({ params, get, page, pageSize, update, reset }), [params, get, page, pageSize, update, reset]);
}
