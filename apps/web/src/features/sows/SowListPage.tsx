import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link, navigate, useLocation } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { addDays, QueryState, thisMonday } from '../../components/States';
import { SOW_STATUSES, type SowStatus, useCreateSow, useCustomers, useSows } from './hooks';
import { DataTable } from '../../components/DataTable';

function isStatus(value: string | null): value is SowStatus {
  return value !== null && (SOW_STATUSES as readonly string[]).includes(value);
}

export function SowListPage() {
  const { search } = useLocation();
  const raw = search.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const sows = useSows(status);
  const customers = useCustomers();
  const { user } = useAuth();
  const nameOf = new Map((customers.data?.items ?? []).map((c) => [c.id, c.name]));

  return (
    <section>
      <h1>SOWs</h1>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="sow-status">Status</label>
          <select id="sow-status" value={status ?? ''} onChange={(e) => navigate(e.target.value ? `/sows?status=${e.target.value}` : '/sows', { replace: true })}>
            <option value="">All</option>
            {SOW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      {user?.role === 'engagement_manager' && <NewSowForm />}
      <QueryState isPending={sows.isPending} error={sows.error} label="SOWs" />
      {sows.data && (
        <DataTable
          caption={`${sows.data.total} SOWs`}
          rows={sows.data.items}
          rowKey={(sow) => sow.id}
          columns={[
            { header: 'Title', cell: (sow) => <Link to={`/sows/${sow.id}`}>{sow.title}</Link> },
            { header: 'Customer', cell: (sow) => nameOf.get(sow.customerId) ?? '…' },
            { header: 'Status', cell: (sow) => <span className={`badge ${sow.status}`}>{sow.status}</span> },
            { header: 'Start', cell: (sow) => sow.startDate },
            { header: 'End', cell: (sow) => sow.endDate },
          ]}
        />
      )}
    </section>
  );
}

function NewSowForm() {
  const customers = useCustomers();
  const create = useCreateSow();
  const start = addDays(thisMonday(), 7);
  const [form, setForm] = useState({ customerId: '', title: '', startDate: start, endDate: addDays(start, 53) });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    create.mutate({ ...form, currency: 'USD' }, { onSuccess: (sow) => navigate(`/sows/${sow.id}`) });
  };

  return (
    <details className="panel">
      <summary>New SOW</summary>
      <form onSubmit={submit} aria-label="New SOW" className="grid-form">
        <Field label="Customer" error={errors.customerId}>
          {(p) => (
            <select {...p} required value={form.customerId} onChange={(e) => setForm({ ...form, customerId: e.target.value })}>
              <option value="">Choose a customer</option>
              {(customers.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title" error={errors.title}>
          {(p) => <input {...p} required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
        </Field>
        <Field label="Start date" error={errors.startDate}>
          {(p) => <input {...p} type="date" required value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />}
        </Field>
        <Field label="End date" error={errors.endDate}>
          {(p) => <input {...p} type="date" required value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} />}
        </Field>
        <FormError error={create.error && Object.keys(errors).length === 0 ? create.error : null} />
        <button type="submit" disabled={create.isPending}>
          Create SOW
        </button>
      </form>
    </details>
  );
}
