import { useState } from 'react';
import { Field } from '../../components/Field';
import { addDays, pct, QueryState, thisMonday } from '../../components/States';
import { useBench, useDemandSupply, useTravel } from './hooks';
import { DataTable } from '../../components/DataTable';

/** Bench, travel and demand-vs-supply over a window. */
export function ReportsPage() {
  const [from, setFrom] = useState(thisMonday());
  const [to, setTo] = useState(addDays(thisMonday(), 13 * 7 - 1));
  const bench = useBench(from, to);
  const travel = useTravel(from, to);
  const demand = useDemandSupply(from, to);
  return (
    <section>
      <h1>Reports</h1>
      <div className="toolbar">
        <Field label="From">{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label="To">{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      </div>
      <h2>Bench</h2>
      <QueryState isPending={bench.isPending} error={bench.error} label="the bench" />
      {bench.data && (
        <DataTable
          caption={`Engineers below target (${bench.data.items.length})`}
          rows={bench.data.items}
          rowKey={(r) => r.engineerId}
          columns={[
            { header: 'Engineer', cell: (r) => r.name },
            { header: 'Level', cell: (r) => r.level },
            { header: 'Utilization', cell: (r) => pct(r.utilization) },
            { header: 'Target', cell: (r) => pct(r.target) },
            { header: 'Hours to target', cell: (r) => r.hoursToTarget },
            { header: 'Best matches', cell: (r) => r.bestMatches.map((m) => `${m.title} (${m.customerName}, ${m.score.toFixed(2)})`).join('; ') },
          ]}
        />
      )}
      <h2>Travel</h2>
      <QueryState isPending={travel.isPending} error={travel.error} label="travel" />
      {travel.data && (
        <DataTable
          caption="On-site days per engineer and month"
          rows={travel.data.items.filter((r) => r.onsiteDays > 0)}
          rowKey={(r) => `${r.engineerId}-${r.month}`}
          rowClass={(r) => (r.exceeded ? 'over' : undefined)}
          columns={[
            { header: 'Engineer', cell: (r) => r.name },
            { header: 'Month', cell: (r) => r.month },
            { header: 'On-site days', cell: (r) => `${r.onsiteDays} of ${r.workingDays}` },
            { header: 'Share', cell: (r) => `${pct(r.fraction)}${r.exceeded ? ' (over the limit)' : ''}` },
            { header: 'Limit', cell: (r) => pct(r.limit) },
          ]}
        />
      )}
      <h2>Demand and supply</h2>
      <QueryState isPending={demand.isPending} error={demand.error} label="demand and supply" />
      {demand.data && (
        <DataTable
          caption="Hours per skill"
          rows={demand.data.items}
          rowKey={(r) => `${r.skill}-${r.minProficiency}`}
          rowClass={(r) => (r.balanceHours < 0 ? 'over' : undefined)}
          columns={[
            { header: 'Skill', cell: (r) => `${r.skill} (${r.minProficiency})` },
            { header: 'Demand', cell: (r) => r.demandHours },
            { header: 'Unstaffed', cell: (r) => r.unstaffedHours },
            { header: 'Supply', cell: (r) => r.supplyHours },
            { header: 'Engineers', cell: (r) => r.engineers },
            { header: 'Balance', cell: (r) => r.balanceHours },
          ]}
        />
      )}
    </section>
  );
}
