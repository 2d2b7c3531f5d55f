import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type Plan = Schemas['StaffingPlanResponse'];
export type PlanStatus = Plan['status'];
export type PlanMove = Schemas['PlanMoveBody'];

const RUNNING: ReadonlySet<PlanStatus> = new Set(['queued', 'running']);

/** Plans, newest first; polls every second while one is being solved, else every 5 s (triggers add plans). */
export function usePlans(status?: PlanStatus) {
  return useQuery({
    queryKey: keys.plans(status),
    queryFn: async () => unwrap(await api.GET('/api/v1/staffing-plans', { params: { query: { status, limit: 20 } } })),
    refetchInterval: (query) => (query.state.data?.items.some((p) => RUNNING.has(p.status)) ? 1000 : 5000),
  });
}

/** One plan with its moves; polls every second while it is being solved, to show its progress live. */
export function usePlan(id: string) {
  return useQuery({
    queryKey: keys.plan(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/staffing-plans/{id}', { params: { path: { id }, query: { movesLimit: 500 } } })),
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  });
}

export function useStartRebalance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateStaffingPlanRequest']) => unwrap(await api.POST('/api/v1/staffing-plans', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.plansAll }),
  });
}

export function useDecidePlan(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ approve, reason }: { approve: boolean; reason?: string }) =>
      approve
        ? unwrap(await api.POST('/api/v1/staffing-plans/{id}/approve', { params: { path: { id } } }))
        : unwrap(await api.POST('/api/v1/staffing-plans/{id}/reject', { params: { path: { id } }, body: { reason: reason ?? '' } })),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: keys.plan(id) }), client.invalidateQueries({ queryKey: keys.plansAll })]),
  });
}
