import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export function useUtilization(from: string, to: string) {
  return useQuery({
    queryKey: keys.utilization(from, to),
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/utilization', { params: { query: { from, to, granularity: 'week', groupBy: 'engineer' } } })),
  });
}

export function useBench(from: string, to: string) {
  return useQuery({ queryKey: keys.report('bench', from, to), queryFn: async () => unwrap(await api.GET('/api/v1/reports/bench', { params: { query: { from, to } } })) });
}

export function useTravel(from: string, to: string) {
  return useQuery({ queryKey: keys.report('travel', from, to), queryFn: async () => unwrap(await api.GET('/api/v1/reports/travel', { params: { query: { from, to } } })) });
}

export function useDemandSupply(from: string, to: string) {
  return useQuery({ queryKey: keys.report('demand-supply', from, to), queryFn: async () => unwrap(await api.GET('/api/v1/reports/demand-supply', { params: { query: { from, to } } })) });
}
