import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { pct, QueryState } from '../../components/States';
import { SowHealthPanel } from '../delivery/SowHealthPanel';
import { CandidatesPanel } from './CandidatesPanel';
import { ChangeRequestsPanel } from './ChangeRequestsPanel';
import { type Sow, type SowTransition, useAddScopeItem, useCustomers, useQuote, useRemoveScopeItem, useSow, useSowTransition, useTemplates } from './hooks';
import { ScopeItemForm } from './ScopeItemForm';
import { DataTable } from '../../components/DataTable';

export function SowPage({ id }: { id: string }) {
  const sow = useSow(id);
  const customers = useCustomers();
  const [candidatesFor, setCandidatesFor] = useState<string | null>(null);
  if (!sow.data) return <QueryState isPending={sow.isPending} error={sow.error} label="the SOW" />;
  const s = sow.data;
  const customer = customers.data?.items.find((c) => c.id === s.customerId);
  return (
    <section>
      <p>
        <Link to="/sows">← SOWs</Link>
      </p>
      <h1>{s.title}</h1>
      <p>
        {customer?.name ?? 'Customer'} · {s.startDate} to {s.endDate} · <span className={`badge ${s.status}`}>{s.status}</span>
        {s.approval && typeof s.approval === 'object' && 'reason' in s.approval && s.approval.reason ? ` · ${String(s.approval.reason)}` : ''}
      </p>
      <Transitions sow={s} />
      <ScopeItems sow={s} onCandidates={setCandidatesFor} />
      {candidatesFor && <CandidatesPanel itemId={candidatesFor} title={s.scopeItems?.find((i) => i.id === candidatesFor)?.title ?? ''} onClose={() => setCandidatesFor(null)} />}
      {s.status === 'draft' && <AddItem sow={s} />}
      <QuotePanel sow={s} />
      {['approved', 'active', 'completed'].includes(s.status) && <SowHealthPanel sowId={s.id} />}
      {['approved', 'active'].includes(s.status) && <ChangeRequestsPanel sow={s} />}
    </section>
  );
}

const LABELS: Record<SowTransition, string> = {
  submit: 'Submit for approval',
  approve: 'Approve SOW',
  reject: 'Reject SOW',
  activate: 'Activate',
  complete: 'Complete',
  reopen: 'Reopen',
  cancel: 'Cancel SOW',
};
const NEEDS_REASON: ReadonlySet<SowTransition> = new Set(['reject', 'cancel']);
/** allowedTransitions lists the statuses a SOW may move to; each is reached by one action. */
const ACTION_TO: Record<string, SowTransition> = {
  submitted: 'submit',
  approved: 'approve',
  rejected: 'reject',
  active: 'activate',
  completed: 'complete',
  cancelled: 'cancel',
  draft: 'reopen',
};

function Transitions({ sow }: { sow: Sow }) {
  const { user } = useAuth();
  const transition = useSowTransition(sow.id);
  const [reason, setReason] = useState('');
  const allowed = sow.allowedTransitions.flatMap((status) => (ACTION_TO[status] ? [ACTION_TO[status]] : [])).filter((t) => (t === 'approve' || t === 'reject' ? user?.role === 'senior_manager' : true));
  if (allowed.length === 0) return null;
  return (
    <div className="panel actions" aria-label="Lifecycle">
      <Field label="Reason (required to reject or cancel)">{(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      <div className="buttons">
        {allowed.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'reject' || action === 'cancel' ? 'danger' : undefined}
            disabled={transition.isPending || (NEEDS_REASON.has(action) && reason.trim() === '')}
            onClick={() => transition.mutate({ action, reason, version: sow.version }, { onSuccess: () => setReason('') })}
          >
            {LABELS[action]}
          </button>
        ))}
      </div>
      <TransitionError error={transition.error} />
    </div>
  );
}

function TransitionError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409) {
    return (
      <p role="alert" className="form-error">
        Someone changed this SOW meanwhile ({error.message}). The page now shows the latest version: check it and try again.
      </p>
    );
  }
  if (error instanceof ApiError && error.body.details?.length) {
    return (
      <ul role="alert" className="form-error">
        {error.body.details.map((d, i) => (
          <li key={i}>{d.message}</li>
        ))}
      </ul>
    );
  }
  return <FormError error={error} />;
}

function ScopeItems({ sow, onCandidates }: { sow: Sow; onCandidates: (id: string) => void }) {
  const remove = useRemoveScopeItem(sow.id);
  const items = sow.scopeItems ?? [];
  return (
    <DataTable
      caption={`Scope items (${items.length}${sow.estimatedHours !== undefined ? `, ${sow.estimatedHours} h` : ''})`}
      rows={items}
      rowKey={(item) => item.id}
      empty="No scope items yet: add one from the catalogue."
      columns={[
        { header: 'Item', cell: (item) => item.title },
        { header: 'Hours', cell: (item) => item.estimatedHours },
        { header: 'Min level', cell: (item) => item.minLevel },
        { header: 'Skills', cell: (item) => item.requiredSkills.map((s) => `${s.key} (${s.minProficiency})`).join(', ') },
        { header: 'Dates', cell: (item) => `${item.startDate} – ${item.endDate}` },
        {
          header: 'Actions',
          cell: (item) => (
            <div className="buttons">
              <button type="button" onClick={() => onCandidates(item.id)} aria-label={`Candidates for ${item.title}`}>
                Candidates
              </button>
              {sow.status === 'draft' && (
                <button type="button" className="danger" onClick={() => remove.mutate(item.id)} aria-label={`Remove ${item.title}`}>
                  Remove
                </button>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}

function AddItem({ sow }: { sow: Sow }) {
  const templates = useTemplates();
  const add = useAddScopeItem(sow.id);
  return (
    <div className="panel">
      <h2>Add a scope item</h2>
      <QueryState isPending={templates.isPending} error={templates.error} label="the catalogue" />
      {templates.data && (
        <ScopeItemForm
          templates={templates.data}
          defaultStart={sow.startDate}
          defaultEnd={sow.endDate}
          error={add.error}
          pending={add.isPending}
          onSubmit={(item, reset) => add.mutate(item, { onSuccess: reset })}
        />
      )}
    </div>
  );
}

function QuotePanel({ sow }: { sow: Sow }) {
  const quote = useQuote(sow.id, (sow.scopeItems?.length ?? 0) > 0);
  if ((sow.scopeItems?.length ?? 0) === 0) return null;
  return (
    <div className="panel">
      <h2>Quote</h2>
      <QueryState isPending={quote.isPending} error={quote.error} label="the quote" />
      {quote.data && (
        <>
          <dl className="kpis" aria-label="Quote totals">
            <div>
              <dt>Price</dt>
              <dd>
                {quote.data.totals.price} {quote.data.currency}
              </dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>
                {quote.data.totals.cost} {quote.data.currency}
              </dd>
            </div>
            <div>
              <dt>Margin</dt>
              <dd>
                {quote.data.totals.grossMargin} ({pct(Number(quote.data.totals.marginPct) / 100)})
              </dd>
            </div>
            <div>
              <dt>Hours</dt>
              <dd>{quote.data.totals.hours}</dd>
            </div>
          </dl>
          <DataTable
            caption="Quote lines"
            rows={quote.data.items}
            rowKey={(line) => line.scopeItemId}
            columns={[
              { header: 'Item', cell: (line) => line.title },
              { header: 'Level', cell: (line) => line.level },
              { header: 'Hours', cell: (line) => line.hours },
              { header: 'Bill rate', cell: (line) => line.billRate },
              { header: 'Price', cell: (line) => line.price },
              { header: 'Cost', cell: (line) => line.cost },
              { header: 'Margin', cell: (line) => `${line.marginPct}%` },
            ]}
          />
        </>
      )}
    </div>
  );
}

/** A change request that changes one item's hours or removes it (the API takes any list of add/modify/remove). */
export function useChangeForm() {
  return useState({ reason: '', scopeItemId: '', op: 'modify' as 'modify' | 'remove', estimatedHours: '' });
}

export function ChangeRequestForm({ sow, onSubmit, error, pending }: { sow: Sow; onSubmit: (body: { reason: string; changes: Array<{ op: 'modify' | 'remove'; scopeItemId: string; patch?: { estimatedHours: number } }> }) => void; error: unknown; pending: boolean }) {
  const [form, setForm] = useChangeForm();
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit({
      reason: form.reason,
      changes: [form.op === 'remove' ? { op: 'remove', scopeItemId: form.scopeItemId } : { op: 'modify', scopeItemId: form.scopeItemId, patch: { estimatedHours: Number(form.estimatedHours) } }],
    });
  };
  return (
    <form onSubmit={submit} aria-label="New change request" className="grid-form">
      <Field label="Scope item" error={errors['changes[0].scopeItemId']}>
        {(p) => (
          <select {...p} required value={form.scopeItemId} onChange={(e) => setForm({ ...form, scopeItemId: e.target.value })}>
            <option value="">Choose an item</option>
            {(sow.scopeItems ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Change">
        {(p) => (
          <select {...p} value={form.op} onChange={(e) => setForm({ ...form, op: e.target.value === 'remove' ? 'remove' : 'modify' })}>
            <option value="modify">Change the estimated hours</option>
            <option value="remove">Remove the item</option>
          </select>
        )}
      </Field>
      {form.op === 'modify' && (
        <Field label="New estimated hours" error={errors['changes[0].patch.estimatedHours']}>
          {(p) => <input {...p} inputMode="numeric" required value={form.estimatedHours} onChange={(e) => setForm({ ...form, estimatedHours: e.target.value })} />}
        </Field>
      )}
      <Field label="Why" error={errors.reason}>
        {(p) => <input {...p} required value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}
      </Field>
      {error instanceof Error && Object.keys(errors).length === 0 && <FormError error={error} />}
      <button type="submit" disabled={pending}>
        Request change
      </button>
    </form>
  );
}
