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
