import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { Link } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { addDays, QueryState, thisMonday } from '../../components/States';
import { ComparisonKpis } from './ScenarioTables';
import { type Scenario, useAddChange, useComparison, useCreateScenario, usePromote, useRun, useScenario, useScenarios, useStartRun } from './hooks';

/** What-if scenarios of a senior manager: create, add changes, solve against live, compare, promote. */
export function ScenariosPage() {
  const scenarios = useScenarios();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section>
      <h1>Scenarios</h1>
      <p>Private what-if layers over live data: nothing here changes live work until you promote.</p>
      <CreateScenario onCreated={setSelected} />
      <QueryState isPending={scenarios.isPending} error={scenarios.error} label="scenarios" />
      {scenarios.data && (
        <ul aria-label="Your scenarios">
          {scenarios.data.items.map((s) => (
            <li key={s.id}>
              <button type="button" aria-pressed={selected === s.id} onClick={() => setSelected(s.id)}>
                {s.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && <ScenarioDetail key={selected} id={selected} />}
    </section>
  );
}

function CreateScenario({ onCreated }: { onCreated: (id: string) => void }) {
  const create = useCreateScenario();
  const [name, setName] = useState('');
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    create.mutate(name, { onSuccess: (s) => onCreated(s.id) });
  };
  return (
    <form onSubmit={submit} aria-label="New scenario" className="grid-form panel">
      <Field label="Scenario name" error={errors.name}>
        {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      {Object.keys(errors).length === 0 && <FormError error={create.error} />}
      <button type="submit" disabled={create.isPending}>
        Create scenario
      </button>
    </form>
  );
}

function ScenarioDetail({ id }: { id: string }) {
  const scenario = useScenario(id);
  return (
    <section aria-label="Scenario">
      <QueryState isPending={scenario.isPending} error={scenario.error} label="the scenario" />
      {scenario.data && (
        <>
          <h2>{scenario.data.name}</h2>
          <ul aria-label="Changes">
            {scenario.data.changes.map((c) => (
              <li key={c.id}>{describe(c.change)}</li>
            ))}
          </ul>
          <AddPipelineDeal scenario={scenario.data} />
          <SolveAndCompare scenario={scenario.data} />
        </>
      )}
    </section>
  );
}

function describe(change: Record<string, unknown>): string {
  const kind = String(change.kind);
  if (kind === 'add_sow') return `Pipeline SOW “${String(change.title)}” (win probability ${String(change.winProbability)})`;
  if (kind === 'add_engineer') return `Hire ${String(change.name)} (${String(change.level)}, from ${String(change.startDate)})`;
  return kind.replace(/_/g, ' ');
}

function AddPipelineDeal({ scenario }: { scenario: Scenario }) {
  const add = useAddChange(scenario.id);
  const monday = thisMonday();
  const [deal, setDeal] = useState({ title: '', customerId: '', winProbability: '0.5', itemTitle: '', startDate: addDays(monday, 14), endDate: addDays(monday, 60), estimatedHours: '160', minLevel: 'intermediate', skill: '' });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const set = (key: keyof typeof deal) => (e: { target: { value: string } }) => setDeal({ ...deal, [key]: e.target.value });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add.mutate({
      version: scenario.version,
      change: {
        kind: 'add_sow',
        title: deal.title,
        customerId: deal.customerId,
        winProbability: Number(deal.winProbability),
        items: [{ title: deal.itemTitle, startDate: deal.startDate, endDate: deal.endDate, estimatedHours: Number(deal.estimatedHours), minLevel: deal.minLevel, requiredSkills: deal.skill ? [{ key: deal.skill, minProficiency: 'experience' }] : [] }],
      },
    });
  };
  return (
    <form onSubmit={submit} aria-label="Add a pipeline deal" className="grid-form panel">
      <Field label="Deal title" error={errors.title}>{(p) => <input {...p} required value={deal.title} onChange={set('title')} />}</Field>
      <Field label="Customer id" error={errors.customerId}>{(p) => <input {...p} required value={deal.customerId} onChange={set('customerId')} />}</Field>
      <Field label="Win probability" error={errors.winProbability}>{(p) => <input {...p} type="number" min="0" max="1" step="0.05" value={deal.winProbability} onChange={set('winProbability')} />}</Field>
      <Field label="Item title" error={errors['items[0].title']}>{(p) => <input {...p} required value={deal.itemTitle} onChange={set('itemTitle')} />}</Field>
      <Field label="Item start" error={errors['items[0].startDate']}>{(p) => <input {...p} type="date" value={deal.startDate} onChange={set('startDate')} />}</Field>
      <Field label="Item end" error={errors['items[0].endDate']}>{(p) => <input {...p} type="date" value={deal.endDate} onChange={set('endDate')} />}</Field>
      <Field label="Estimated hours" error={errors['items[0].estimatedHours']}>{(p) => <input {...p} type="number" value={deal.estimatedHours} onChange={set('estimatedHours')} />}</Field>
      <Field label="Minimum level" error={errors['items[0].minLevel']}>
        {(p) => (
          <select {...p} value={deal.minLevel} onChange={set('minLevel')}>
            <option value="associate">associate</option>
            <option value="intermediate">intermediate</option>
            <option value="senior">senior</option>
          </select>
        )}
      </Field>
      <Field label="Required skill (experience)" error={errors['items[0].requiredSkills[0].key']}>{(p) => <input {...p} value={deal.skill} onChange={set('skill')} />}</Field>
      <FormError error={add.error} />
      <button type="submit" disabled={add.isPending}>
        Add deal
      </button>
    </form>
  );
}

function SolveAndCompare({ scenario }: { scenario: Scenario }) {
  const start = useStartRun();
  const [runs, setRuns] = useState<{ live: string; scenario: string } | null>(null);
  const live = useRun(runs?.live ?? null);
  const mine = useRun(runs?.scenario ?? null);
  const done = live.data?.status === 'done' && mine.data?.status === 'done';
  const comparison = useComparison(runs?.live ?? null, runs?.scenario ?? null, done);
  const promote = usePromote(scenario.id);
  const solve = async (): Promise<void> => {
    const monday = thisMonday();
    const horizon = { start: monday, end: addDays(monday, 13 * 7 - 3) };
    const a = await start.mutateAsync({ kind: 'solve', horizon });
    const b = await start.mutateAsync({ kind: 'solve', scenarioId: scenario.id, horizon });
    setRuns({ live: a.id, scenario: b.id });
  };
  return (
    <section aria-label="Solve and compare">
      <button type="button" onClick={() => void solve()} disabled={start.isPending}>
        Solve against live
      </button>
      <FormError error={start.error} />
      {runs && !done && <p role="status">{`Solving: live ${live.data?.progress.phase ?? 'queued'} ${live.data?.progress.percent ?? 0}%, scenario ${mine.data?.progress.phase ?? 'queued'} ${mine.data?.progress.percent ?? 0}%`}</p>}
      {comparison.data && (
        <>
          <ComparisonKpis base={comparison.data.base} other={comparison.data.other} baseLabel="Live" otherLabel={scenario.name} />
          <p>{`${comparison.data.items.length} items and ${comparison.data.engineers.length} engineers differ.`}</p>
          {!scenario.promotedAt && runs && (
            <button type="button" disabled={promote.isPending} onClick={() => promote.mutate({ runId: runs.scenario, version: scenario.version })}>
              Promote this scenario
            </button>
          )}
          <FormError error={promote.error} />
          {promote.data && (
            <p role="status">
              {`${promote.data.draftSowIds.length} draft SOWs; `}
              {promote.data.staffingPlanId ? <Link to={`/plans/${promote.data.staffingPlanId}`}>the proposed staffing plan</Link> : 'no staffing changes to propose'}
            </p>
          )}
        </>
      )}
    </section>
  );
}
