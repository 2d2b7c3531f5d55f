import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { addDays, QueryState, thisMonday } from '../../components/States';
import { HiringTable } from './ScenarioTables';
import { hiringPlanOf, useRun, useScenarios, useStartRun } from './hooks';

/** The hiring plan: the cheapest hires and training that staff the pipeline the team cannot. */
export function HiringPlanPage() {
  const scenarios = useScenarios();
  const start = useStartRun();
  const monday = thisMonday();
  const [form, setForm] = useState({ scenarioId: '', start: monday, end: addDays(monday, 13 * 7 - 3), weighted: true });
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRun(runId);
  const plan = hiringPlanOf(run.data);
  const errors = start.error instanceof ApiError ? start.error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    start.mutate(
      { kind: 'hiring', ...(form.scenarioId ? { scenarioId: form.scenarioId } : {}), horizon: { start: form.start, end: form.end }, weightByProbability: form.weighted },
      { onSuccess: (r) => setRunId(r.id) },
    );
  };
  return (
    <section>
      <h1>Hiring plan</h1>
      <QueryState isPending={scenarios.isPending} error={scenarios.error} label="scenarios" />
      <form onSubmit={submit} aria-label="Compute a hiring plan" className="grid-form panel">
        <Field label="Pipeline (scenario)" error={errors.scenarioId}>
          {(p) => (
            <select {...p} value={form.scenarioId} onChange={(e) => setForm({ ...form, scenarioId: e.target.value })}>
              <option value="">Live work only</option>
              {scenarios.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Horizon start" error={errors['horizon.start']}>
          {(p) => <input {...p} type="date" required value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />}
        </Field>
        <Field label="Horizon end" error={errors['horizon.end']}>
          {(p) => <input {...p} type="date" required value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />}
        </Field>
        <label>
          <input type="checkbox" checked={form.weighted} onChange={(e) => setForm({ ...form, weighted: e.target.checked })} /> Weight deals by win probability
        </label>
        {Object.keys(errors).length === 0 && <FormError error={start.error} />}
        <button type="submit" disabled={start.isPending}>
          Compute hiring plan
        </button>
      </form>
      {run.data && run.data.status !== 'done' && run.data.status !== 'failed' && <p role="status">{`Computing: ${run.data.progress.phase} ${run.data.progress.percent}%`}</p>}
      {run.data?.status === 'failed' && <p role="alert">{run.data.errorMessage}</p>}
      {plan && <HiringTable plan={plan} />}
    </section>
  );
}
