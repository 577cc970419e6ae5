import type { TownDashboard } from '@innotown/contracts/target-dashboards';
import type { CityOverview, IndicatorDetail, Statistic, TownComparison } from '@innotown/contracts/targets';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export function useCityOverview(year: number | undefined) {
  return useQuery({
    queryKey: ['target-dashboard', year ?? null],
    queryFn: ({ signal }) => api.get<CityOverview>('/api/v1/target-dashboard', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTownComparison(year: number | undefined) {
  return useQuery({
    queryKey: ['target-dashboard-towns', year ?? null],
    queryFn: ({ signal }) => api.get<TownComparison>('/api/v1/target-dashboard/towns', { year }, signal),
    enabled: year !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTownDashboard(code: string, year: number | undefined) {
  return useQuery({
    queryKey: ['target-dashboard-town', code, year ?? null],
    queryFn: ({ signal }) => api.get<TownDashboard>(`/api/v1/target-dashboard/towns/${encodeURIComponent(code)}`, { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIndicators() {
  return useQuery({
    queryKey: ['indicators'],
    queryFn: ({ signal }) => api.get<{ items: IndicatorDetail[] }>('/api/v1/indicators', undefined, signal),
  });
}

/** The statistic catalogue is for signed-in users; the methodology page asks only then. */
export function useStatistics(enabled: boolean) {
  return useQuery({
    queryKey: ['statistics'],
    queryFn: ({ signal }) => api.get<{ items: Statistic[] }>('/api/v1/statistics', undefined, signal),
    enabled,
  });
}
