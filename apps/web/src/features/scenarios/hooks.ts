import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type Scenario = Schemas['ScenarioResponse'];
export type ScenarioRun = Schemas['ScenarioRunResponse'];
export type Comparison = Schemas['ScenarioComparisonResponse'];

/** KPIs of a solve, as the worker writes them (libs/core/src/scenarios/scenario-outcome.ts). */
export interface ScenarioKpis {
  meanUtilization: number;
  engineersAtTarget: number;
  billableEngineers: number;
  staffedItems: number;
  unstaffedItems: number;
  unstaffedHours: number;
  unstaffedHoursBySkill: Record<string, number>;
  onsiteDays: number;
  maxTravelFraction: number;
  currency: string;
  revenue: string;
  margin: string;
}

export interface HiringItem {
  itemId: string;
  title: string;
  hours: number;
  winProbability: number;
}

/** A hiring plan, as the worker writes it (libs/core/src/scenarios/scenario-solve.ts). */
export interface HiringPlan {
  hires: Array<{ optionId: string; level: string; region: string; skills: Array<{ key: string; proficiency: string }>; startDate: string; cost: string; revenueUnlocked: string; items: HiringItem[] }>;
  trainings: Array<{ optionId: string; engineerName: string; skill: { key: string; proficiency: string }; cost: string; revenueUnlocked: string; items: HiringItem[] }>;
  currency: string;
  totalCost: string;
  totalRevenueUnlocked: string;
  unstaffedHoursBefore: number;
  unstaffedHoursAfter: number;
}

export function hiringPlanOf(run: ScenarioRun | undefined): HiringPlan | null {
  const value = run?.result?.hiring;
  return typeof value === 'object' && value !== null && Array.isArray((value as { hires?: unknown }).hires) ? (value as HiringPlan) : null;
}

const RUNNING = new Set(['queued', 'running']);

export function useScenarios() {
  return useQuery({ queryKey: keys.scenarios, queryFn: async () => unwrap(await api.GET('/api/v1/scenarios', { params: { query: { limit: 100 } } })) });
}

export function useScenario(id: string | null) {
  return useQuery({
    queryKey: keys.scenario(id ?? ''),
    enabled: id !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/scenarios/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useCreateScenario() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST('/api/v1/scenarios', { body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.scenarios }),
  });
}

export function useAddChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, change }: { version: number; change: Schemas['AddScenarioChangeRequest'] }) =>
      unwrap(await api.POST('/api/v1/scenarios/{id}/changes', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body: change })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.scenario(id) }),
  });
}

export function useStartRun() {
  return useMutation({ mutationFn: async (body: Schemas['CreateScenarioRunRequest']) => unwrap(await api.POST('/api/v1/scenario-runs', { body })) });
}

/** A run; polls every second until the worker finishes it. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: keys.scenarioRun(id ?? ''),
    enabled: id !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/scenario-runs/{id}', { params: { path: { id: id ?? '' } } })),
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 1000 : false),
  });
}

export function useComparison(base: string | null, other: string | null, ready: boolean) {
  return useQuery({
    queryKey: keys.scenarioComparison(base ?? '', other ?? ''),
    enabled: ready && base !== null && other !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/scenario-runs/compare', { params: { query: { base: base ?? '', other: other ?? '' } } })),
  });
}

export function usePromote(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ runId, version }: { runId: string; version: number }) => unwrap(await api.POST('/api/v1/scenarios/{id}/promote', { params: { path: { id } }, body: { runId, version } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.scenario(id) }), client.invalidateQueries({ queryKey: keys.plansAll })]),
  });
}
