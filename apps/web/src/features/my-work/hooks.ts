import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export function useMyAssignments() {
  return useQuery({ queryKey: keys.myAssignments, queryFn: async () => unwrap(await api.GET('/api/v1/me/assignments')) });
}

export function useMyUtilization(from: string, to: string) {
  return useQuery({ queryKey: keys.myUtilization(from, to), queryFn: async () => unwrap(await api.GET('/api/v1/me/utilization', { params: { query: { from, to } } })) });
}

export function useCalendarToken() {
  return useMutation({ mutationFn: async () => unwrap(await api.POST('/api/v1/me/calendar-token')) });
}

/** My engineer profile: the utilization target and travel limit the weeks and months are held to. */
export function useMyProfile(engineerId: string | null) {
  return useQuery({
    queryKey: keys.engineer(engineerId ?? 'none'),
    enabled: engineerId !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}', { params: { path: { id: engineerId ?? '' } } })),
  });
}
