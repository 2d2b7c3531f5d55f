import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { useAllEngineers } from '../engineers/hooks';
import { DataTable } from '../../components/DataTable';

type Role = Schemas['CreateUserRequest']['role'];
const ROLES: readonly Role[] = ['admin', 'senior_manager', 'engagement_manager', 'engineer'];

export function AdminPage() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: keys.users, queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { limit: 500 } } })) });
  const create = useMutation({
    mutationFn: async (body: Schemas['CreateUserRequest']) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
  const engineers = useAllEngineers();
  const [form, setForm] = useState({ email: '', password: '', role: 'engineer' as Role, engineerId: '' });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    create.mutate({ email: form.email, password: form.password, role: form.role, engineerId: form.engineerId || undefined }, { onSuccess: () => setForm({ email: '', password: '', role: form.role, engineerId: '' }) });
  };
  return (
    <section>
      <h1>Admin</h1>
      <p>
        <a href="/admin/queues">Queue dashboard</a> (the BullMQ board; the browser asks for your email and password again)
      </p>
      <h2>Users and roles</h2>
      <form onSubmit={submit} aria-label="New user" className="grid-form panel">
        <Field label="User email" error={errors.email}>
          {(p) => <input {...p} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field label="Initial password" error={errors.password}>
          {(p) => <input {...p} type="password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
        <Field label="Role" error={errors.role}>
          {(p) => (
            <select {...p} value={form.role} onChange={(e) => setForm({ ...form, role: ROLES.find((r) => r === e.target.value) ?? 'engineer' })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Engineer profile (My work shows this engineer's assignments)" error={errors.engineerId}>
          {(p) => (
            <select {...p} value={form.engineerId} onChange={(e) => setForm({ ...form, engineerId: e.target.value })}>
              <option value="">None</option>
              {(engineers.data ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} ({e.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        {Object.keys(errors).length === 0 && <FormError error={create.error} />}
        <button type="submit" disabled={create.isPending}>
          Create user
        </button>
      </form>
      <QueryState isPending={users.isPending} error={users.error} label="users" />
      {users.data && (
        <DataTable
          caption={`${users.data.total} users`}
          rows={users.data.items}
          rowKey={(u) => u.id}
          columns={[
            { header: 'Email', cell: (u) => u.email },
            { header: 'Role', cell: (u) => u.role.replace('_', ' ') },
            { header: 'Active', cell: (u) => (u.active ? 'yes' : 'no') },
          ]}
        />
      )}
    </section>
  );
}
