import { DataTable } from '../../components/DataTable';
import { pct } from '../../components/States';
import type { HiringPlan, ScenarioKpis } from './hooks';

const ROWS: ReadonlyArray<[keyof ScenarioKpis, string, (v: number) => string]> = [
  ['meanUtilization', 'Mean utilization', (v) => pct(v)],
  ['engineersAtTarget', 'Engineers at target', String],
  ['staffedItems', 'Items staffed', String],
  ['unstaffedItems', 'Items not (fully) staffed', String],
  ['unstaffedHours', 'Unstaffed hours', (v) => v.toFixed(0)],
  ['onsiteDays', 'On-site days', (v) => v.toFixed(1)],
  ['maxTravelFraction', 'Highest travel share', (v) => pct(v)],
];

function isKpis(value: unknown): value is ScenarioKpis {
  return typeof value === 'object' && value !== null && typeof (value as { meanUtilization?: unknown }).meanUtilization === 'number';
}

/** Two solves' KPIs side by side, with unstaffed hours by skill. */
export function ComparisonKpis({ base, other, baseLabel, otherLabel }: { base: unknown; other: unknown; baseLabel: string; otherLabel: string }) {
  if (!isKpis(base) || !isKpis(other)) return null;
  const skills = [...new Set([...Object.keys(base.unstaffedHoursBySkill), ...Object.keys(other.unstaffedHoursBySkill)])].sort();
  return (
    <table aria-label="KPIs side by side">
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col">{baseLabel}</th>
          <th scope="col">{otherLabel}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([key, label, format]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>{format(Number(base[key]))}</td>
            <td>{format(Number(other[key]))}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Revenue of staffed work</th>
          <td>{`${base.revenue} ${base.currency}`}</td>
          <td>{`${other.revenue} ${other.currency}`}</td>
        </tr>
        <tr>
          <th scope="row">Margin of staffed work</th>
          <td>{`${base.margin} ${base.currency}`}</td>
          <td>{`${other.margin} ${other.currency}`}</td>
        </tr>
        {skills.map((skill) => (
          <tr key={skill}>
            <th scope="row">{`Unstaffed hours: ${skill}`}</th>
            <td>{(base.unstaffedHoursBySkill[skill] ?? 0).toFixed(0)}</td>
            <td>{(other.unstaffedHoursBySkill[skill] ?? 0).toFixed(0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The hires and training a hiring plan buys, each with its cost, the revenue it unlocks and the items it staffs. */
export function HiringTable({ plan }: { plan: HiringPlan }) {
  const rows = [
    ...plan.hires.map((h) => ({
      id: h.optionId,
      what: `Hire: ${h.level}, ${h.region}, ${h.skills.map((s) => `${s.key} (${s.proficiency})`).join(', ')}`,
      when: h.startDate,
      cost: h.cost,
      revenue: h.revenueUnlocked,
      items: h.items,
    })),
    ...plan.trainings.map((t) => ({ id: t.optionId, what: `Train ${t.engineerName}: ${t.skill.key} to ${t.skill.proficiency}`, when: '—', cost: t.cost, revenue: t.revenueUnlocked, items: t.items })),
  ];
  return (
    <>
      <p>{`Cost ${plan.totalCost} ${plan.currency} against ${plan.totalRevenueUnlocked} ${plan.currency} of revenue unlocked; unstaffed hours ${plan.unstaffedHoursBefore.toFixed(0)} → ${plan.unstaffedHoursAfter.toFixed(0)}.`}</p>
      <DataTable
        caption={rows.length === 0 ? 'No hire or training pays for itself' : `${plan.hires.length} hires and ${plan.trainings.length} trainings`}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Option', cell: (r) => r.what },
          { header: 'Starts', cell: (r) => r.when },
          { header: `Cost (${plan.currency})`, cell: (r) => r.cost },
          { header: `Revenue unlocked (${plan.currency})`, cell: (r) => r.revenue },
          { header: 'Items it staffs', cell: (r) => r.items.map((i) => `${i.title} (${i.hours.toFixed(0)} h, p ${i.winProbability})`).join('; ') },
        ]}
      />
    </>
  );
}
