import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchText, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type Engineer = Schemas['EngineerResponse'];
const PAGE = 500;

/** Every engineer (the API pages at 500; a larger organisation is read page by page). */
export function useAllEngineers() {
  return useQuery({
    queryKey: keys.engineers,
    staleTime: 60_000,
    queryFn: async () => {
      const all: Engineer[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = unwrap(await api.GET('/api/v1/engineers', { params: { query: { limit: PAGE, offset } } }));
        all.push(...page.items);
        if (all.length >= page.total || page.items.length === 0) return all;
      }
    },
  });
}

export function useTimeOff(engineerId: string | null) {
  return useQuery({
    queryKey: keys.timeOff(engineerId ?? 'none'),
    enabled: engineerId !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/time-off', { params: { path: { id: engineerId ?? '' } } })),
  });
}

export function useAddTimeOff(engineerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateTimeOffRequest']) => unwrap(await api.POST('/api/v1/engineers/{id}/time-off', { params: { path: { id: engineerId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.timeOff(engineerId) }),
  });
}

export function useImportEngineers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string): Promise<Schemas['ImportResultResponse']> =>
      JSON.parse(await fetchText('/api/v1/engineers/import', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })) as Schemas['ImportResultResponse'],
    onSuccess: () => client.invalidateQueries({ queryKey: keys.engineers }),
  });
}

export function exportEngineersCsv(): Promise<string> {
  return fetchText('/api/v1/engineers/export?limit=500', { headers: { Accept: 'text/csv' } });
}
