import { useMemo, useState } from 'react';
import { Link } from '../../app/router';
import { Field } from '../../components/Field';
import { pct, QueryState } from '../../components/States';
import { useAllEngineers } from '../engineers/hooks';
import { type DeliveryMetrics, type Level, useDeliveryMetrics, useHealthInbox } from './hooks';
import { recentPeriods } from './periods';
import { Reasons } from './SowHealthPanel';

const LEVELS: readonly Level[] = ['associate', 'intermediate', 'senior', 'senior_manager'];

function hours(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} h`;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The senior manager's delivery view: planned against actual for a period, and the SOWs at risk. */
export function DeliveryPage() {
  const periods = useMemo(() => recentPeriods(new Date()), []);
  const [period, setPeriod] = useState(periods[1].value);
  const [region, setRegion] = useState('');
  const [level, setLevel] = useState<Level | ''>('');
  const engineers = useAllEngineers();
  const regions = useMemo(() => [...new Set((engineers.data ?? []).map((e) => e.region))].sort(), [engineers.data]);
  const metrics = useDeliveryMetrics(period, region, level);

  return (
    <section>
      <h1>Delivery</h1>
      <div className="toolbar" role="group" aria-label="Filters">
        <Field label="Period">
          {(p) => (
            <select {...p} value={period} onChange={(e) => setPeriod(e.target.value)}>
              {periods.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Region">
          {(p) => (
            <select {...p} value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">All</option>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Level">
          {(p) => (
            <select {...p} value={level} onChange={(e) => setLevel(e.target.value as Level | '')}>
              <option value="">All</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <QueryState isPending={metrics.isPending} error={metrics.error} label="delivery metrics" />
      {metrics.data && <Metrics data={metrics.data} />}
      <HealthInbox />
    </section>
  );
}

function Metrics({ data }: { data: DeliveryMetrics }) {
  const { team, delivery } = data;
  return (
    <>
      <p>
        {data.period}: {data.from} to {data.to}, {team.engineers} engineers
      </p>
      <dl className="kpis" aria-label="Delivery outcomes">
        <div>
          <dt>On time</dt>
          <dd>{delivery.onTimePct === null ? '—' : `${delivery.onTimePct}%`}</dd>
        </div>
        <div>
          <dt>On budget</dt>
          <dd>{delivery.onBudgetPct === null ? '—' : `${delivery.onBudgetPct}%`}</dd>
        </div>
        <div>
          <dt>Mean CSAT</dt>
          <dd>{delivery.meanCsat === null ? '—' : `${delivery.meanCsat.toFixed(2)} (${delivery.csatResponses})`}</dd>
        </div>
        <div>
          <dt>Completed SOWs</dt>
          <dd>{delivery.completedSows}</dd>
        </div>
      </dl>
      <table>
        <caption>Planned against actual</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Billable hours</th>
            <td>{hours(team.plannedBillableHours)}</td>
            <td>{hours(team.billableHours)}</td>
          </tr>
          <tr>
            <th scope="row">Utilization</th>
            <td>{pct(team.plannedUtilization)}</td>
            <td>{pct(team.utilization)}</td>
          </tr>
          <tr>
            <th scope="row">Attainment</th>
            <td>{pct(ratio(team.plannedBillableHours, team.targetHours))}</td>
            <td>{pct(team.attainment)}</td>
          </tr>
        </tbody>
      </table>
      <table>
        <caption>Revenue, cost and margin</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col">Revenue</th>
            <th scope="col">Cost</th>
            <th scope="col">Margin</th>
            <th scope="col">Margin %</th>
            <th scope="col">Hours</th>
          </tr>
        </thead>
        <tbody>
          {data.financials.length === 0 && (
            <tr>
              <td colSpan={6}>No approved hours in this period.</td>
            </tr>
          )}
          {data.financials.map((f) => (
            <tr key={f.currency}>
              <th scope="row">{f.currency}</th>
              <td>{f.revenue}</td>
              <td>{f.cost}</td>
              <td>{f.grossMargin}</td>
              <td>{f.marginPct === null ? '—' : `${f.marginPct}%`}</td>
              <td>
                {hours(f.hours)}
                {f.unpricedHours > 0 ? ` (${hours(f.unpricedHours)} unpriced)` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>By level</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Engineers</th>
            <th scope="col">Planned utilization</th>
            <th scope="col">Utilization</th>
            <th scope="col">Attainment</th>
          </tr>
        </thead>
        <tbody>
          {data.levels.map((l) => (
            <tr key={l.level}>
              <th scope="row">{l.level.replace('_', ' ')}</th>
              <td>{l.engineers}</td>
              <td>{pct(l.plannedUtilization)}</td>
              <td>{pct(l.utilization)}</td>
              <td>{pct(l.attainment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function HealthInbox() {
  const inbox = useHealthInbox();
  return (
    <>
      <h2>SOWs at risk or off track</h2>
      <QueryState isPending={inbox.isPending} error={inbox.error} label="SOW health" />
      {inbox.data?.items.length === 0 && <p>No SOW is at risk or off track.</p>}
      <ul className="inbox" aria-label="SOWs at risk or off track">
        {inbox.data?.items.map((item) => (
          <li key={item.sowId} className="panel" aria-label={item.title}>
            <p>
              <Link to={`/sows/${item.sowId}`}>{item.title}</Link> ({item.customerName}): <strong>{item.status.replace('_', ' ')}</strong>
              {item.previousStatus ? ` (was ${item.previousStatus.replace('_', ' ')})` : ''}, since {new Date(item.changedAt).toLocaleDateString()}
            </p>
            <Reasons reasons={item.reasons} />
          </li>
        ))}
      </ul>
    </>
  );
}
