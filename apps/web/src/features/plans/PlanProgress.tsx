import type { Plan } from './hooks';

export function PlanProgress({ plan, compact = false }: { plan: Plan; compact?: boolean }) {
  if (plan.status !== 'queued' && plan.status !== 'running') return null;
  const label = `${plan.progress.phase} ${Math.round(plan.progress.percent)}%`;
  return (
    <span className="progress">
      <progress max={100} value={plan.progress.percent} aria-label="Plan progress">
        {label}
      </progress>
      {!compact && <span role="status"> {label}</span>}
    </span>
  );
}
