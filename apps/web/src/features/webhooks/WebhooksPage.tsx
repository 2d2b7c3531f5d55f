import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { type NewWebhookEndpoint, useCreateWebhookEndpoint, useWebhookActions, useWebhookDeliveries, useWebhookEndpoints, WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEvent } from './hooks';

/** Admins register webhook receivers, see each one's deliveries, and test, rotate, disable or replay. */
export function WebhooksPage() {
  const endpoints = useWebhookEndpoints();
  const create = useCreateWebhookEndpoint();
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const current = endpoints.data?.find((e) => e.id === selected) ?? null;
  return (
    <section>
      <h1>Webhooks</h1>
      <p>
        Events are signed per Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>) and retried for about a day.
      </p>
      <h2>New endpoint</h2>
      <WebhookEndpointForm
        pending={create.isPending}
        error={create.error}
        onSubmit={(body, reset) =>
          create.mutate(body, {
            onSuccess: (saved) => {
              setSecret({ url: saved.url, secret: saved.secret });
              reset();
            },
          })
        }
      />
      {secret && <SecretNotice {...secret} />}
      <QueryState isPending={endpoints.isPending} error={endpoints.error} label="webhook endpoints" />
      {endpoints.data && (
        <DataTable
          caption={`${endpoints.data.length} endpoints`}
          rows={endpoints.data}
          rowKey={(e) => e.id}
          empty="No endpoints yet"
          columns={[
            { header: 'URL', cell: (e) => e.url },
            { header: 'Events', cell: (e) => e.events.join(', ') },
            { header: 'Status', cell: (e) => (e.enabled ? 'enabled' : `disabled${e.disabledReason ? ` (${e.disabledReason})` : ''}`) },
            { header: 'Actions', cell: (e) => <EndpointActions key={`${e.id}-${e.version}`} endpoint={e} onSecret={(s) => setSecret({ url: e.url, secret: s })} onShow={() => setSelected(e.id)} /> },
          ]}
        />
      )}
      {current && <Deliveries endpoint={current} />}
    </section>
  );
}

/** The registration form; `onSubmit` gets the request body and a function that clears the form. */
export function WebhookEndpointForm({ onSubmit, error, pending }: { onSubmit: (body: NewWebhookEndpoint, reset: () => void) => void; error: unknown; pending: boolean }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  const eventsError = errors.events ?? Object.entries(errors).find(([field]) => field.startsWith('events.'))?.[1];
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit({ url, events, description }, () => {
      setUrl('');
      setDescription('');
      setEvents([]);
    });
  };
  return (
    <form onSubmit={submit} aria-label="New webhook endpoint" className="grid-form panel">
      <Field label="Endpoint URL" error={errors.url}>
        {(p) => <input {...p} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <Field label="Description" error={errors.description}>
        {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <fieldset aria-invalid={Boolean(eventsError)}>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name}>
            <input type="checkbox" checked={events.includes(name)} onChange={(e) => setEvents(e.target.checked ? [...events, name] : events.filter((x) => x !== name))} /> {name}
          </label>
        ))}
        {eventsError && (
          <small className="field-error" role="alert">
            {eventsError}
          </small>
        )}
      </fieldset>
      {Object.keys(errors).length === 0 && <FormError error={error} />}
      <button type="submit" disabled={pending || events.length === 0}>
        Register endpoint
      </button>
    </form>
  );
}

function SecretNotice({ url, secret }: { url: string; secret: string }) {
  return (
    <p role="status" className="panel">
      Signing secret of {url} (shown once): <code>{secret}</code>
    </p>
  );
}

function EndpointActions({ endpoint, onSecret, onShow }: { endpoint: WebhookEndpoint; onSecret: (secret: string) => void; onShow: () => void }) {
  const actions = useWebhookActions(endpoint);
  const error = actions.test.error ?? actions.rotate.error ?? actions.toggle.error ?? actions.remove.error;
  return (
    <div className="buttons">
      <button type="button" onClick={onShow} aria-label={`Deliveries of ${endpoint.url}`}>
        Deliveries
      </button>
      <button type="button" disabled={!endpoint.enabled || actions.test.isPending} onClick={() => actions.test.mutate()} aria-label={`Send a test event to ${endpoint.url}`}>
        Test
      </button>
      <button type="button" disabled={actions.rotate.isPending} onClick={() => actions.rotate.mutate(undefined, { onSuccess: (r) => onSecret(r.secret) })} aria-label={`Rotate the secret of ${endpoint.url}`}>
        Rotate secret
      </button>
      <button type="button" disabled={actions.toggle.isPending} onClick={() => actions.toggle.mutate()} aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}>
        {endpoint.enabled ? 'Disable' : 'Enable'}
      </button>
      <button type="button" className="danger" disabled={actions.remove.isPending} onClick={() => actions.remove.mutate()} aria-label={`Delete ${endpoint.url}`}>
        Delete
      </button>
      <FormError error={error} />
    </div>
  );
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const deliveries = useWebhookDeliveries(endpoint.id);
  const { replay } = useWebhookActions(endpoint);
  return (
    <>
      <h2>Deliveries to {endpoint.url}</h2>
      <QueryState isPending={deliveries.isPending} error={deliveries.error} label="deliveries" />
      {deliveries.data && (
        <DataTable
          caption={`${deliveries.data.total} deliveries, newest first`}
          rows={deliveries.data.items}
          rowKey={(d) => d.id}
          empty="Nothing delivered yet"
          columns={[
            { header: 'Event', cell: (d) => d.eventType },
            { header: 'Status', cell: (d) => d.status },
            { header: 'Attempts', cell: (d) => d.attempts },
            { header: 'Response', cell: (d) => d.responseStatus ?? (d.lastError ? d.lastError : '—') },
            { header: 'Latency ms', cell: (d) => d.latencyMs ?? '—' },
            {
              header: 'Replay',
              cell: (d) =>
                d.status === 'succeeded' || d.status === 'failed' ? (
                  <button type="button" disabled={replay.isPending} onClick={() => replay.mutate(d.id)} aria-label={`Replay ${d.eventType} ${d.messageId}`}>
                    Replay
                  </button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      <FormError error={replay.error} />
    </>
  );
}
