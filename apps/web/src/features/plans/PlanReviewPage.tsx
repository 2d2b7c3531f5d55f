import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { type PlanMove, useDecidePlan, usePlan } from './hooks';
import { PlanProgress } from './PlanProgress';

/** KPIs the console names; any other numeric KPI the API adds is listed after them under its own key. */
const KPI_LABELS: Record<string, string> = {
  meanUtilization: 'Mean utilization',
  engineersBelowTarget: 'Engineers below target',
  billableEngineers: 'Billable engineers',
  staffedItems: 'Staffed items',
  unstaffedItems: 'Unstaffed items',
  unstaffedHours: 'Unstaffed hours',
  maxTravelFraction: 'Highest travel fraction',
  capacityViolations: 'Weeks over capacity',
  travelViolations: 'Months over travel limit',
  leadGaps: 'Lead gaps',
  meanSkillFit: 'Mean skill fit',
  changes: 'Assignments changed',
};
const FRACTIONS = new Set(['meanUtilization', 'maxTravelFraction']);

function numbersOf(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

function formatKpi(key: string, value: number | undefined): string {
  if (value === undefined) return '—';
  return FRACTIONS.has(key) ? `${(value * 100).toFixed(1)}%` : String(Math.round(value * 100) / 100);
}

export function KpiTable({ before, after }: { before: unknown; after: unknown }) {
  const b = numbersOf(before);
  const a = numbersOf(after);
  const keysShown = [...Object.keys(KPI_LABELS).filter((k) => k in b || k in a), ...Object.keys({ ...b, ...a }).filter((k) => !(k in KPI_LABELS))];
  if (keysShown.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>KPIs before and after</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {keysShown.map((k) => (
            <tr key={k}>
              <th scope="row">{KPI_LABELS[k] ?? k}</th>
              <td>{formatKpi(k, b[k])}</td>
              <td>{formatKpi(k, a[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function groupMoves(moves: readonly PlanMove[], by: 'engineer' | 'item'): Array<[string, PlanMove[]]> {
  const groups = new Map<string, PlanMove[]>();
  for (const move of moves) {
    const key = by === 'item' ? move.itemTitle : (move.toEngineerName ?? move.fromEngineerName ?? 'Unassigned');
    groups.set(key, [...(groups.get(key) ?? []), move]);
  }
  return [...groups].sort((x, y) => x[0].localeCompare(y[0]));
}

function describeMove(move: PlanMove): string {
  const who =
    move.kind === 'reassign'
      ? `${move.fromEngineerName ?? '?'} → ${move.toEngineerName ?? '?'}`
      : move.kind === 'assign'
        ? `assign ${move.toEngineerName ?? '?'}`
        : `unassign ${move.fromEngineerName ?? '?'}`;
  return `${who} · ${move.itemTitle} (${move.role}, ${move.hoursPerWeek} h/week, ${move.startDate} – ${move.endDate})`;
}

/** Rule codes of the rule book, in words. */
const RULE_LABELS: Record<string, string> = {
  level_below_minimum: 'level below the minimum',
  missing_skill: 'missing skill',
  clearance_required: 'no clearance',
  time_off_conflict: 'away',
  capacity_exceeded: 'no free capacity',
  travel_limit_exceeded: 'over the travel limit',
  lead_required: 'no lead available',
};

function exclusionsText(exclusions: Record<string, number> | null | undefined): string {
  const parts = Object.entries(exclusions ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${RULE_LABELS[rule] ?? rule.replace(/_/g, ' ')} ${n}`);
  return parts.length > 0 ? `Engineers excluded: ${parts.join(', ')}` : '';
}

export function PlanReviewPage({ id }: { id: string }) {
  const plan = usePlan(id);
  const { user } = useAuth();
  const decide = useDecidePlan(id);
  const [groupBy, setGroupBy] = useState<'engineer' | 'item'>('engineer');
  const [reason, setReason] = useState('');
  if (!plan.data) return <QueryState isPending={plan.isPending} error={plan.error} label="the plan" />;
  const p = plan.data;
  const moves = p.moves ?? [];
  const unstaffed = p.unstaffed ?? [];
  const stale = decide.error instanceof ApiError && decide.error.status === 409;
  return (
    <section>
      <p>
        <Link to="/plans">← Staffing plans</Link>
      </p>
      <h1>Staffing plan review</h1>
      <p>
        <span className={`badge ${p.status}`}>{p.status}</span> · trigger {p.trigger} · horizon {p.horizon.start} – {p.horizon.end} · method {p.method}
      </p>
      <PlanProgress plan={p} />
      {p.status === 'failed' && p.error && (
        <p role="alert" className="form-error">
          The plan failed: {JSON.stringify(p.error)}
        </p>
      )}
      <KpiTable before={p.kpisBefore} after={p.kpisAfter} />
      {unstaffed.length > 0 && (
        <div className="panel">
          <h2>Unstaffed items ({unstaffed.length})</h2>
          <ul>
            {unstaffed.map((u) => (
              <li key={u.itemId}>
                <strong>{u.title}</strong> — {u.hoursMissing} h missing ({u.startDate} – {u.endDate}
                {u.teamSize > 1 ? `, ${u.openShares} of ${u.teamSize} shares open` : ''})
                {exclusionsText(u.exclusions) && <div>{exclusionsText(u.exclusions)}</div>}
                {u.changes.length > 0 && <div>Smallest change: {u.changes[0].text}</div>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(p.status === 'proposed' || moves.length > 0) && (
        <div className="panel">
          <div className="panel-head">
            <h2>
              Moves ({p.movesTotal ?? moves.length}
              {p.movesTotal !== undefined && p.movesTotal > moves.length ? `, first ${moves.length} shown` : ''})
            </h2>
            <Field label="Group moves by">
              {(props) => (
                <select {...props} value={groupBy} onChange={(e) => setGroupBy(e.target.value === 'item' ? 'item' : 'engineer')}>
                  <option value="engineer">Engineer</option>
                  <option value="item">Scope item</option>
                </select>
              )}
            </Field>
          </div>
          {moves.length === 0 && <p>No moves: today's staffing is already the best the planner found.</p>}
          {groupMoves(moves, groupBy).map(([group, list]) => (
            <section key={group} aria-label={group} className="move-group">
              <h3>{group}</h3>
              <ul>
                {list.map((move, i) => (
                  <li key={i}>
                    <span className={`badge ${move.kind}`}>{move.kind}</span> {describeMove(move)} — <em>{move.reason}</em>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {p.status === 'proposed' && user?.role === 'senior_manager' && (
        <div className="panel actions">
          <Field label="Reason (required to reject)">{(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
          <div className="buttons">
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ approve: true })}>
              Approve plan
            </button>
            <button type="button" className="danger" disabled={decide.isPending || reason.trim() === ''} onClick={() => decide.mutate({ approve: false, reason })}>
              Reject plan
            </button>
          </div>
        </div>
      )}
      {stale && (
        <p role="alert" className="form-error">
          This plan is stale: staffing changed after it was computed, so it cannot be applied. Start a new rebalance from Staffing plans.
        </p>
      )}
      {!stale && <FormError error={decide.error} />}
      {p.status === 'approved' && <p role="status">Plan approved: its moves are applied.</p>}
    </section>
  );
}
