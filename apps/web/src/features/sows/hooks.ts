import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type Sow = Schemas['SowResponse'];
export type SowStatus = Sow['status'];
export type ScopeTemplate = Schemas['ScopeTemplateResponse'];
export type TemplateParameter = Schemas['TemplateParameterDto'];
export type CreateScopeItem = Schemas['CreateScopeItemRequest'];
export type ChangeRequest = Schemas['ChangeRequestResponse'];

export const SOW_STATUSES: readonly SowStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'active', 'completed', 'cancelled'];

export function useSows(status?: SowStatus) {
  return useQuery({
    queryKey: keys.sows(status),
    queryFn: async () => unwrap(await api.GET('/api/v1/sows', { params: { query: { status, limit: 200 } } })),
  });
}

export function useSow(id: string) {
  return useQuery({ queryKey: keys.sow(id), queryFn: async () => unwrap(await api.GET('/api/v1/sows/{id}', { params: { path: { id } } })) });
}

export function useCustomers() {
  return useQuery({
    queryKey: keys.customers,
    queryFn: async () => unwrap(await api.GET('/api/v1/customers', { params: { query: { limit: 200 } } })),
  });
}

export function useCreateCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateCustomerRequest']) => unwrap(await api.POST('/api/v1/customers', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.customers }),
  });
}

export function useCreateSow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateSowRequest']) => unwrap(await api.POST('/api/v1/sows', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sowsAll }),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: async () => unwrap(await api.GET('/api/v1/scope-templates')), staleTime: 300_000 });
}

export function useQuote(sowId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.quote(sowId),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/sows/{id}/quote', { params: { path: { id: sowId } } })),
  });
}

function useSowInvalidation(sowId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.sow(sowId) }),
      client.invalidateQueries({ queryKey: keys.sowsAll }),
      client.invalidateQueries({ queryKey: ['candidates'] }),
    ]);
}

export function useAddScopeItem(sowId: string) {
  const invalidate = useSowInvalidation(sowId);
  return useMutation({
    mutationFn: async (body: CreateScopeItem) => unwrap(await api.POST('/api/v1/sows/{id}/scope-items', { params: { path: { id: sowId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRemoveScopeItem(sowId: string) {
  const invalidate = useSowInvalidation(sowId);
  return useMutation({
    mutationFn: async (itemId: string) => unwrap(await api.DELETE('/api/v1/sows/{id}/scope-items/{itemId}', { params: { path: { id: sowId, itemId } } })),
    onSuccess: invalidate,
  });
}

export type SowTransition = 'submit' | 'approve' | 'activate' | 'complete' | 'reopen' | 'reject' | 'cancel';

/** One mutation for every lifecycle step; reject and cancel need a reason, the others take an optional one. */
export function useSowTransition(sowId: string) {
  const invalidate = useSowInvalidation(sowId);
  return useMutation({
    mutationFn: async ({ action, reason, version }: { action: SowTransition; reason?: string; version?: number }) => {
      const path = { id: sowId };
      switch (action) {
        case 'reject':
          return unwrap(await api.POST('/api/v1/sows/{id}/reject', { params: { path }, body: { reason: reason ?? '', version } }));
        case 'cancel':
          return unwrap(await api.POST('/api/v1/sows/{id}/cancel', { params: { path }, body: { reason: reason ?? '', version } }));
        case 'submit':
          return unwrap(await api.POST('/api/v1/sows/{id}/submit', { params: { path }, body: { reason: reason || undefined, version } }));
        case 'approve':
          return unwrap(await api.POST('/api/v1/sows/{id}/approve', { params: { path }, body: { reason: reason || undefined, version } }));
        case 'activate':
          return unwrap(await api.POST('/api/v1/sows/{id}/activate', { params: { path }, body: { reason: reason || undefined, version } }));
        case 'complete':
          return unwrap(await api.POST('/api/v1/sows/{id}/complete', { params: { path }, body: { reason: reason || undefined, version } }));
        case 'reopen':
          return unwrap(await api.POST('/api/v1/sows/{id}/reopen', { params: { path }, body: { reason: reason || undefined, version } }));
      }
    },
    onSuccess: invalidate,
  });
}

export function useCandidates(itemId: string | null) {
  return useQuery({
    queryKey: keys.candidates(itemId ?? 'none'),
    enabled: itemId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/scope-items/{id}/candidates', { params: { path: { id: itemId ?? '' }, query: { limit: 5, includeExcluded: true } } })),
  });
}

/** The earliest start on which the item could be fully staffed given today's bookings, and by whom. */
export function useFeasibility(itemId: string | null) {
  return useQuery({
    queryKey: keys.feasibility(itemId ?? 'none'),
    enabled: itemId !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/scope-items/{id}/feasibility', { params: { path: { id: itemId ?? '' } } })),
  });
}

export function useChangeRequests(sowId: string) {
  return useQuery({
    queryKey: keys.changeRequests(sowId),
    queryFn: async () => unwrap(await api.GET('/api/v1/sows/{id}/change-requests', { params: { path: { id: sowId } } })),
  });
}

export function useCreateChangeRequest(sowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateChangeRequestRequest']) => unwrap(await api.POST('/api/v1/sows/{id}/change-requests', { params: { path: { id: sowId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.changeRequests(sowId) }),
  });
}
