import { useMemo } from 'react';
import { type ChartOption, useChart } from './echarts';

export interface TimelineBar {
  id: string;
  label: string;
  start: string;
  end: string;
  detail: string;
  tentative: boolean;
}

const DAY = 86_400_000;

/** Projects as bars on a date axis (a transparent base bar stacked under the visible span). */
export function Timeline({ bars, caption }: { bars: readonly TimelineBar[]; caption: string }) {
  const option = useMemo<ChartOption>(() => {
    const min = Math.min(...bars.map((b) => Date.parse(b.start)));
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      grid: { left: 180, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: (days: number) => new Date(min + days * DAY).toISOString().slice(5, 10) } },
      yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true, axisLabel: { width: 170, overflow: 'truncate' } },
      series: [
        { type: 'bar', stack: 'span', silent: true, itemStyle: { color: 'transparent' }, data: bars.map((b) => (Date.parse(b.start) - min) / DAY) },
        {
          type: 'bar',
          stack: 'span',
          data: bars.map((b) => ({
            value: (Date.parse(b.end) - Date.parse(b.start)) / DAY + 1,
            itemStyle: { color: b.tentative ? '#9bb7d4' : '#2f6fad', decal: b.tentative ? { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 } : undefined },
            tooltip: { formatter: `${b.label}: ${b.start} – ${b.end}, ${b.detail}` },
          })),
        },
      ],
    };
  }, [bars]);
  const ref = useChart(option);
  if (bars.length === 0) return <p>No projects in this period.</p>;
  return <div ref={ref} role="img" aria-label={caption} style={{ height: bars.length * 34 + 50, width: '100%' }} />;
}
