import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link, navigate } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { addDays, QueryState, thisMonday } from '../../components/States';
import { PlanProgress } from './PlanProgress';
import { usePlans, useStartRebalance } from './hooks';
import { DataTable } from '../../components/DataTable';

export function PlansPage() {
  const plans = usePlans();
  const { user } = useAuth();
  return (
    <section>
      <h1>Staffing plans</h1>
      {user && user.role !== 'engineer' && <StartRebalance />}
      <QueryState isPending={plans.isPending} error={plans.error} label="staffing plans" />
      {plans.data && (
        <DataTable
          caption={`${plans.data.total} plans, newest first`}
          rows={plans.data.items}
          rowKey={(plan) => plan.id}
          columns={[
            { header: 'Created', cell: (plan) => <Link to={`/plans/${plan.id}`}>{new Date(plan.createdAt).toLocaleString()}</Link> },
            { header: 'Trigger', cell: (plan) => plan.trigger },
            { header: 'Horizon', cell: (plan) => `${plan.horizon.start} – ${plan.horizon.end}` },
            {
              header: 'Status',
              cell: (plan) => (
                <>
                  <span className={`badge ${plan.status}`}>{plan.status}</span> <PlanProgress plan={plan} compact />
                </>
              ),
            },
            { header: 'Moves', cell: (plan) => plan.movesTotal ?? '—' },
          ]}
        />
      )}
    </section>
  );
}

function StartRebalance() {
  const start = useStartRebalance();
  const monday = thisMonday();
  const [horizon, setHorizon] = useState({ start: monday, end: addDays(monday, 13 * 7 - 1) });
  const errors = start.error instanceof ApiError ? start.error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    start.mutate({ horizon }, { onSuccess: (plan) => navigate(`/plans/${plan.id}`) });
  };
  return (
    <form onSubmit={submit} aria-label="Start a rebalance" className="grid-form panel">
      <Field label="Horizon start" error={errors['horizon.start']}>
        {(p) => <input {...p} type="date" required value={horizon.start} onChange={(e) => setHorizon({ ...horizon, start: e.target.value })} />}
      </Field>
      <Field label="Horizon end" error={errors['horizon.end']}>
        {(p) => <input {...p} type="date" required value={horizon.end} onChange={(e) => setHorizon({ ...horizon, end: e.target.value })} />}
      </Field>
      {Object.keys(errors).length === 0 && <FormError error={start.error} />}
      <button type="submit" disabled={start.isPending}>
        Start a rebalance
      </button>
    </form>
  );
}
