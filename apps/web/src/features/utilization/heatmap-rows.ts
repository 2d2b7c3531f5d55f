import type { Schemas } from '../../api/client';
import type { HeatmapRow } from '../../components/Heatmap';

type UtilizationRow = Schemas['UtilizationRowResponse'];
type Engineer = Schemas['EngineerResponse'];

export interface HeatmapFilters {
  level: string;
  region: string;
  skill: string;
}

/** Report rows (engineer × week) grouped per engineer, keeping engineers that pass the level/region/skill filters. */
export function heatmapRows(rows: readonly UtilizationRow[], engineers: readonly Engineer[], filters: HeatmapFilters): { rows: HeatmapRow[]; periods: string[] } {
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const grouped = new Map<string, HeatmapRow & { cells: HeatmapRow['cells'][number][] }>();
  const periods = new Set<string>();
  for (const row of rows) {
    periods.add(row.period);
    const engineer = byId.get(row.group);
    if (filters.level && engineer?.level !== filters.level) continue;
    if (filters.region && engineer?.region !== filters.region) continue;
    if (filters.skill && !engineer?.skills.some((s) => s.key === filters.skill)) continue;
    let entry = grouped.get(row.group);
    if (!entry) grouped.set(row.group, (entry = { id: row.group, label: row.label, cells: [] }));
    entry.cells.push({ period: row.period, utilization: row.utilization, target: row.target, plannedHours: row.plannedHours, capacityHours: row.capacityHours });
  }
  return { rows: [...grouped.values()], periods: [...periods].sort() };
}
