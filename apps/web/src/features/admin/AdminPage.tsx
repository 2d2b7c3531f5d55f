import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { useAllEngineers } from '../engineers/hooks';
import { DataTable } from '../../components/DataTable';
import { type User, useUpdateUser } from './hooks';

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
            { header: 'Access', cell: (u) => <UserAccess key={`${u.id}-${u.version}`} user={u} /> },
          ]}
        />
      )}
    </section>
  );
}

/** One user's role and whether they may sign in; each change is sent with the version the table read. */
function UserAccess({ user }: { user: User }) {
  const update = useUpdateUser(user);
  const [role, setRole] = useState<Role>(user.role);
  const errors = update.error instanceof ApiError ? update.error.fieldErrors() : {};
  return (
    <div className="buttons">
      <Field label={`Role of ${user.email}`} error={errors.role}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? user.role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.replace('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="button" disabled={update.isPending || role === user.role} onClick={() => update.mutate({ role })} aria-label={`Save role of ${user.email}`}>
        Save role
      </button>
      <button type="button" className={user.active ? 'danger' : undefined} disabled={update.isPending} onClick={() => update.mutate({ active: !user.active })} aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.email}`}>
        {user.active ? 'Deactivate' : 'Reactivate'}
      </button>
      {!errors.role && <FormError error={update.error} />}
    </div>
  );
}
