import { useState } from 'react';
import { Field } from '../../components/Field';
import { addDays, pct, QueryState, thisMonday } from '../../components/States';
import { useBench, useDemandSupply, useTravel } from './hooks';

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
        <div className="table-wrap">
          <table>
            <caption>Engineers below target ({bench.data.items.length})</caption>
            <thead>
              <tr>
                <th scope="col">Engineer</th>
                <th scope="col">Level</th>
                <th scope="col">Utilization</th>
                <th scope="col">Target</th>
                <th scope="col">Hours to target</th>
                <th scope="col">Best matches</th>
              </tr>
            </thead>
            <tbody>
              {bench.data.items.map((r) => (
                <tr key={r.engineerId}>
                  <td>{r.name}</td>
                  <td>{r.level}</td>
                  <td>{pct(r.utilization)}</td>
                  <td>{pct(r.target)}</td>
                  <td>{r.hoursToTarget}</td>
                  <td>{r.bestMatches.map((m) => `${m.title} (${m.customerName}, ${m.score.toFixed(2)})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Travel</h2>
      <QueryState isPending={travel.isPending} error={travel.error} label="travel" />
      {travel.data && (
        <div className="table-wrap">
          <table>
            <caption>On-site days per engineer and month</caption>
            <thead>
              <tr>
                <th scope="col">Engineer</th>
                <th scope="col">Month</th>
                <th scope="col">On-site days</th>
                <th scope="col">Share</th>
                <th scope="col">Limit</th>
              </tr>
            </thead>
            <tbody>
              {travel.data.items
                .filter((r) => r.onsiteDays > 0)
                .map((r) => (
                  <tr key={`${r.engineerId}-${r.month}`} className={r.exceeded ? 'over' : undefined}>
                    <td>{r.name}</td>
                    <td>{r.month}</td>
                    <td>
                      {r.onsiteDays} of {r.workingDays}
                    </td>
                    <td>
                      {pct(r.fraction)}
                      {r.exceeded ? ' (over the limit)' : ''}
                    </td>
                    <td>{pct(r.limit)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Demand and supply</h2>
      <QueryState isPending={demand.isPending} error={demand.error} label="demand and supply" />
      {demand.data && (
        <div className="table-wrap">
          <table>
            <caption>Hours per skill</caption>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Demand</th>
                <th scope="col">Unstaffed</th>
                <th scope="col">Supply</th>
                <th scope="col">Engineers</th>
                <th scope="col">Balance</th>
              </tr>
            </thead>
            <tbody>
              {demand.data.items.map((r) => (
                <tr key={`${r.skill}-${r.minProficiency}`} className={r.balanceHours < 0 ? 'over' : undefined}>
                  <td>
                    {r.skill} ({r.minProficiency})
                  </td>
                  <td>{r.demandHours}</td>
                  <td>{r.unstaffedHours}</td>
                  <td>{r.supplyHours}</td>
                  <td>{r.engineers}</td>
                  <td>{r.balanceHours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
