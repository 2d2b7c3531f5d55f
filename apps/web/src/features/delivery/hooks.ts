import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type DeliveryMetrics = Schemas['DeliveryMetricsResponse'];
export type Level = Schemas['LevelMetricsResponse']['level'];
export type SowHealth = Schemas['SowHealthResponse'];

/** Planned against actual for a month (YYYY-MM) or quarter (YYYY-Qn), optionally one region or level. */
export function useDeliveryMetrics(period: string, region: string, level: Level | '') {
  return useQuery({
    queryKey: keys.deliveryMetrics(period, region, level),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/metrics/delivery', { params: { query: { period, region: region || undefined, level: level || undefined } } })),
  });
}

/** SOWs whose last computed health is at risk or off track, latest change first. */
export function useHealthInbox() {
  return useQuery({ queryKey: keys.healthInbox, queryFn: async () => unwrap(await api.GET('/api/v1/sow-health')) });
}

export function useSowHealth(sowId: string) {
  return useQuery({ queryKey: keys.sowHealth(sowId), queryFn: async () => unwrap(await api.GET('/api/v1/sows/{id}/health', { params: { path: { id: sowId } } })) });
}
