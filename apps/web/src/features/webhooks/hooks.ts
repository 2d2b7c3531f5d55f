import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type WebhookEndpoint = Schemas['WebhookEndpointResponse'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponse'];
export type NewWebhookEndpoint = Schemas['CreateWebhookEndpointRequest'];
export type WebhookEvent = NewWebhookEndpoint['events'][number];

/** Every event an endpoint may subscribe to; the check below fails to compile when the API adds one. */
export const WEBHOOK_EVENTS = [
  'sow.submitted',
  'sow.approved',
  'sow.rejected',
  'sow.reopened',
  'sow.activated',
  'sow.completed',
  'sow.cancelled',
  'sow.health_changed',
  'change_request.submitted',
  'change_request.approved',
  'change_request.rejected',
  'engineer.time_off_changed',
  'engineer.deactivated',
  'assignment.created',
  'assignment.changed',
  'staffing_plan.proposed',
  'staffing_plan.approved',
  'staffing_plan.rejected',
  'staffing_plan.failed',
  'timesheet.missing',
  'webhook_endpoint.disabled',
] as const satisfies readonly WebhookEvent[];
type Unlisted = Exclude<WebhookEvent, (typeof WEBHOOK_EVENTS)[number]>;
export const EVERY_EVENT_LISTED: [Unlisted] extends [never] ? true : false = true;

export function useWebhookEndpoints() {
  return useQuery({ queryKey: keys.webhookEndpoints, queryFn: async () => unwrap(await api.GET('/api/v1/webhook-endpoints')) });
}

export function useWebhookDeliveries(endpointId: string | null) {
  return useQuery({
    queryKey: keys.webhookDeliveries(endpointId ?? ''),
    enabled: endpointId !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: endpointId ?? '' }, query: { limit: 50 } } })),
  });
}

export function useCreateWebhookEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewWebhookEndpoint) => unwrap(await api.POST('/api/v1/webhook-endpoints', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhookEndpoints }),
  });
}

/** The per-endpoint actions: send a test event, rotate the secret, enable or disable, delete, replay a delivery. */
export function useWebhookActions(endpoint: WebhookEndpoint) {
  const client = useQueryClient();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: keys.webhookEndpoints }), client.invalidateQueries({ queryKey: keys.webhookDeliveries(endpoint.id) })]);
  const path = { id: endpoint.id };
  return {
    test: useMutation({ mutationFn: async () => unwrap(await api.POST('/api/v1/webhook-endpoints/{id}/test', { params: { path } })), onSuccess: refresh }),
    rotate: useMutation({ mutationFn: async () => unwrap(await api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', { params: { path }, body: {} })), onSuccess: refresh }),
    toggle: useMutation({
      mutationFn: async () => unwrap(await api.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path }, body: { enabled: !endpoint.enabled, version: endpoint.version } })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: async () => {
        const { error, response } = await api.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path } });
        if (!response.ok) unwrap({ error, response });
      },
      onSuccess: refresh,
    }),
    replay: useMutation({
      mutationFn: async (deliveryId: string) => unwrap(await api.POST('/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', { params: { path: { id: endpoint.id, deliveryId } } })),
      onSuccess: refresh,
    }),
  };
}
