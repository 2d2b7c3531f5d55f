import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { useCreateCustomer, useCustomers } from './hooks';
import { DataTable } from '../../components/DataTable';

export function CustomersPage() {
  const customers = useCustomers();
  const create = useCreateCustomer();
  const [form, setForm] = useState({ name: '', region: 'AMER', publicSector: false });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ name: '', region: form.region, publicSector: false }) });
  };
  return (
    <section>
      <h1>Customers</h1>
      <form onSubmit={submit} aria-label="New customer" className="grid-form panel">
        <Field label="Customer name" error={errors.name}>
          {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label="Region" error={errors.region}>
          {(p) => <input {...p} required value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} />}
        </Field>
        <div className="field checkbox">
          <input id="public-sector" type="checkbox" checked={form.publicSector} onChange={(e) => setForm({ ...form, publicSector: e.target.checked })} />
          <label htmlFor="public-sector">Public sector</label>
        </div>
        {Object.keys(errors).length === 0 && <FormError error={create.error} />}
        <button type="submit" disabled={create.isPending}>
          Add customer
        </button>
      </form>
      <QueryState isPending={customers.isPending} error={customers.error} label="customers" />
      {customers.data && (
        <DataTable
          caption={`${customers.data.total} customers`}
          rows={customers.data.items}
          rowKey={(c) => c.id}
          columns={[
            { header: 'Name', cell: (c) => c.name },
            { header: 'Region', cell: (c) => c.region },
            { header: 'Public sector', cell: (c) => (c.publicSector ? 'yes' : 'no') },
            { header: 'Clearance', cell: (c) => c.requiredClearance ?? '—' },
          ]}
        />
      )}
    </section>
  );
}
