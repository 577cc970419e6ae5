import type { IndicatorDetail, IndicatorWrite } from '@innotown/contracts/targets';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../app/api-client.ts';

export type FormulaCheck = {
  ok: boolean;
  errors: { code: string; pos: number; message: string }[];
  statistics: string[];
  /** The formula this answer is about (the editor may have moved on meanwhile). */
  formula: string;
};
export type IndicatorRevision = { version: number; snapshot: Record<string, unknown>; changedByName: string | null; changedAt: string };

export function useIndicators() {
  return useQuery({
    queryKey: ['indicators'],
    queryFn: ({ signal }) => api.get<{ items: IndicatorDetail[] }>('/api/v1/indicators', undefined, signal),
    select: (r) => r.items,
  });
}

export function useIndicatorRevisions(id: string | undefined) {
  return useQuery({
    queryKey: ['indicators', 'revisions', id],
    queryFn: ({ signal }) => api.get<{ items: IndicatorRevision[] }>(`/api/v1/indicators/${id}/revisions`, undefined, signal),
    select: (r) => r.items,
    enabled: Boolean(id),
  });
}

/** A value that settles: the formula is checked once typing pauses, not on every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The live check of the formula being edited, against the statistics and the indicator's unit. */
export function useFormulaCheck(formula: string, unit: string) {
  const body = useDebounced({ formula, unit }, 300);
  return useQuery({
    queryKey: ['formula-check', body],
    queryFn: async () => ({ ...(await api.post<Omit<FormulaCheck, 'formula'>>('/api/v1/formulas/check', body)), formula: body.formula }),
    enabled: body.formula.trim() !== '' && body.unit.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSaveIndicator(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorWrite & { code?: string }) =>
      id ? api.put<IndicatorDetail>(`/api/v1/indicators/${id}`, body) : api.post<IndicatorDetail>('/api/v1/indicators', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['indicators'] }),
  });
}
