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

/** Colour bands of utilization ÷ the engineer's own target; the last is "no capacity". */
export const BANDS: ReadonlyArray<{ colour: string; label: string }> = [
  { colour: '#aed6f1', label: 'under 40% of target' },
  { colour: '#f1c40f', label: '40–75%' },
  { colour: '#9acd32', label: '75–95%' },
  { colour: '#2e8b57', label: 'at target' },
  { colour: '#e67e22', label: '110–130%' },
  { colour: '#c0392b', label: 'over 130%' },
  { colour: '#d9d9d9', label: 'no capacity' },
];

export function cellBand(cell: Pick<HeatmapCell, 'utilization' | 'target'>): number {
  if (cell.utilization === null) return 6;
  if (cell.target <= 0) return cell.utilization > 0 ? 3 : 0;
  const ratio = cell.utilization / cell.target;
  if (ratio > 1.3) return 5;
  if (ratio > 1.1) return 4;
  if (ratio >= 0.95) return 3;
  if (ratio >= 0.75) return 2;
  if (ratio >= 0.4) return 1;
  return 0;
}

export function cellColour(cell: Pick<HeatmapCell, 'utilization' | 'target'>): string {
  return BANDS[cellBand(cell)].colour;
}

/** Engineer × week heatmap (one page of rows), with the same numbers as a table for screen readers. */
export function Heatmap({ rows, periods, caption }: { rows: readonly HeatmapRow[]; periods: readonly string[]; caption: string }) {
  const option = useMemo<ChartOption>(() => {
    const index = new Map(periods.map((p, i) => [p, i]));
    const data = rows.flatMap((row, y) =>
      row.cells.map((cell) => ({
        // [week, engineer, colour band, utilization %]: the hidden piecewise visualMap colours by band.
        value: [index.get(cell.period) ?? 0, y, cellBand(cell), cell.utilization === null ? '' : Math.round(cell.utilization * 100)],
        tooltip: { formatter: `${row.label} ${cell.period}: ${cell.plannedHours} of ${cell.capacityHours} h (${cell.utilization === null ? 'no capacity' : `${Math.round(cell.utilization * 100)}%`}, target ${Math.round(cell.target * 100)}%)` },
      })),
    );
    return {
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 150, right: 10, top: 10, bottom: 50 },
      xAxis: { type: 'category', data: [...periods], axisLabel: { rotate: 60, fontSize: 10 } },
      yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { fontSize: 11, width: 140, overflow: 'truncate' } },
      visualMap: { type: 'piecewise', show: false, dimension: 2, pieces: BANDS.map((band, i) => ({ value: i, color: band.colour })) },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: periods.length <= 14, fontSize: 9, formatter: (p: { value: unknown }) => (Array.isArray(p.value) ? String(p.value[3]) : '') },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
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
  return (
    <ul className="legend" aria-label="Legend">
      {BANDS.map((band) => (
        <li key={band.label}>
          <span className="swatch" style={{ background: band.colour }} aria-hidden="true" /> {band.label}
        </li>
      ))}
    </ul>
  );
}
