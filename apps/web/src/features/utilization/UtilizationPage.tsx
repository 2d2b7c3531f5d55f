import { useMemo, useState } from 'react';
import { useLocation } from '../../app/router';
import { Field } from '../../components/Field';
import { Heatmap } from '../../components/Heatmap';
import { addDays, QueryState, thisMonday } from '../../components/States';
import { useAllEngineers } from '../engineers/hooks';
import { heatmapRows, type HeatmapFilters } from './heatmap-rows';
import { useUtilization } from './hooks';

const PAGE_SIZE = 40;

export function UtilizationPage() {
  const { search } = useLocation();
  const [weeks, setWeeks] = useState(search.get('weeks') === '26' ? 26 : 13);
  const from = thisMonday();
  const to = addDays(from, weeks * 7 - 1);
  const report = useUtilization(from, to);
  const engineers = useAllEngineers();
  return (
    <section>
      <h1>Utilization</h1>
      <p>Planned billable utilization per engineer and week, coloured against each engineer's own target.</p>
      <div className="toolbar">
        <Field label="Weeks">
          {(p) => (
            <select {...p} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              <option value={13}>13</option>
              <option value={26}>26</option>
            </select>
          )}
        </Field>
      </div>
      <QueryState isPending={report.isPending || engineers.isPending} error={report.error ?? engineers.error} label="utilization" />
      {report.data && engineers.data && <UtilizationHeatmap report={report.data.items} engineers={engineers.data} />}
    </section>
  );
}

export function UtilizationHeatmap({ report, engineers }: { report: Parameters<typeof heatmapRows>[0]; engineers: Parameters<typeof heatmapRows>[1] }) {
  const [filters, setFilters] = useState<HeatmapFilters>({ level: '', region: '', skill: '' });
  const [page, setPage] = useState(0);
  const { rows, periods } = useMemo(() => heatmapRows(report, engineers, filters), [report, engineers, filters]);
  const options = useMemo(
    () => ({
      levels: [...new Set(engineers.map((e) => e.level))].sort(),
      regions: [...new Set(engineers.map((e) => e.region))].sort(),
      skills: [...new Set(engineers.flatMap((e) => e.skills.map((s) => s.key)))].sort(),
    }),
    [engineers],
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const set = (key: keyof HeatmapFilters, value: string): void => {
    setFilters({ ...filters, [key]: value });
    setPage(0);
  };
  return (
    <>
      <div className="toolbar" role="group" aria-label="Filters">
        {(['level', 'region', 'skill'] as const).map((key) => (
          <Field key={key} label={key[0].toUpperCase() + key.slice(1)}>
            {(p) => (
              <select {...p} value={filters[key]} onChange={(e) => set(key, e.target.value)}>
                <option value="">All</option>
                {options[key === 'level' ? 'levels' : key === 'region' ? 'regions' : 'skills'].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <Heatmap rows={visible} periods={periods} caption={`Utilization of ${rows.length} engineers, ${periods.length} weeks`} />
      {pages > 1 && (
        <nav aria-label="Heatmap pages" className="pager">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous engineers
          </button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next engineers
          </button>
        </nav>
      )}
    </>
  );
}
