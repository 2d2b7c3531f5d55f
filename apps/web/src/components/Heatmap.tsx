import { useMemo } from 'react';
import { type ChartOption, useChart } from './echarts';

export interface HeatmapCell {
  period: string;
  utilization: number | null;
  target: number;
  plannedHours: number;
  capacityHours: number;
}

export interface HeatmapRow {
  id: string;
  label: string;
  cells: readonly HeatmapCell[];
}

/** Colour against the engineer's own target: grey without capacity, red over, green at, amber to blue under. */
export function cellColour(cell: Pick<HeatmapCell, 'utilization' | 'target'>): string {
  if (cell.utilization === null) return '#d9d9d9';
  if (cell.target <= 0) return cell.utilization > 0 ? '#7fbf7f' : '#eef2f7';
  const ratio = cell.utilization / cell.target;
  if (ratio > 1.3) return '#c0392b';
  if (ratio > 1.1) return '#e67e22';
  if (ratio >= 0.95) return '#2e8b57';
  if (ratio >= 0.75) return '#9acd32';
  if (ratio >= 0.4) return '#f1c40f';
  return '#aed6f1';
}

/** Engineer × week heatmap (one page of rows), with the same numbers as a table for screen readers. */
export function Heatmap({ rows, periods, caption }: { rows: readonly HeatmapRow[]; periods: readonly string[]; caption: string }) {
  const option = useMemo<ChartOption>(() => {
    const index = new Map(periods.map((p, i) => [p, i]));
    const data = rows.flatMap((row, y) =>
      row.cells.map((cell) => ({
        value: [index.get(cell.period) ?? 0, y, cell.utilization === null ? null : Math.round(cell.utilization * 100)],
        itemStyle: { color: cellColour(cell) },
        tooltip: { formatter: `${row.label} ${cell.period}: ${cell.plannedHours} of ${cell.capacityHours} h (${cell.utilization === null ? 'no capacity' : `${Math.round(cell.utilization * 100)}%`}, target ${Math.round(cell.target * 100)}%)` },
      })),
    );
    return {
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 150, right: 10, top: 10, bottom: 50 },
      xAxis: { type: 'category', data: [...periods], axisLabel: { rotate: 60, fontSize: 10 } },
      yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { fontSize: 11, width: 140, overflow: 'truncate' } },
      series: [{ type: 'heatmap', data, label: { show: periods.length <= 14, fontSize: 9 }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    };
  }, [rows, periods]);
  const ref = useChart(option);
  return (
    <figure className="heatmap">
      <div ref={ref} style={{ height: Math.max(160, rows.length * 22 + 70), width: '100%' }} role="img" aria-label={caption} />
      <figcaption>
        <Legend />
      </figcaption>
      <details>
        <summary>Show as table</summary>
        <div className="table-wrap">
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Engineer</th>
                {periods.map((p) => (
                  <th scope="col" key={p}>
                    {p}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const byPeriod = new Map(row.cells.map((c) => [c.period, c]));
                return (
                  <tr key={row.id}>
                    <th scope="row">{row.label}</th>
                    {periods.map((p) => {
                      const cell = byPeriod.get(p);
                      return <td key={p}>{cell?.utilization === null || cell === undefined ? '—' : `${Math.round(cell.utilization * 100)}%`}</td>;
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function Legend() {
  const entries: Array<[string, string]> = [
    ['#aed6f1', 'under 40% of target'],
    ['#f1c40f', '40–75%'],
    ['#9acd32', '75–95%'],
    ['#2e8b57', 'at target'],
    ['#e67e22', '110–130%'],
    ['#c0392b', 'over 130%'],
    ['#d9d9d9', 'no capacity'],
  ];
  return (
    <ul className="legend" aria-label="Legend">
      {entries.map(([colour, label]) => (
        <li key={label}>
          <span className="swatch" style={{ background: colour }} aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  );
}
