import { pct, QueryState } from '../../components/States';
import { useSowHealth } from './hooks';

/** A SOW's burn, forecast finish and status, with each scope item's, on the SOW page. */
export function SowHealthPanel({ sowId }: { sowId: string }) {
  const health = useSowHealth(sowId);
  const h = health.data;
  return (
    <section className="panel" aria-label="Health">
      <h2>Health{h ? `: ${h.status.replace('_', ' ')}` : ''}</h2>
      <QueryState isPending={health.isPending} error={health.error} label="health" />
      {h && (
        <>
          <dl className="kpis">
            <div>
              <dt>Burn</dt>
              <dd>
                {pct(h.burn)} ({Math.round(h.actualHours)} of {Math.round(h.budgetHours)} h)
              </dd>
            </div>
            <div>
              <dt>Forecast at completion</dt>
              <dd>{Math.round(h.forecastHours)} h</dd>
            </div>
            <div>
              <dt>Forecast finish</dt>
              <dd>
                {h.forecastEnd ?? '—'} (planned {h.plannedEnd})
              </dd>
            </div>
            <div>
              <dt>Slip</dt>
              <dd>{h.slipDays === null ? '—' : `${h.slipDays} working days`}</dd>
            </div>
          </dl>
          <Reasons reasons={h.reasons} />
          {h.items.length > 0 && (
            <table>
              <caption>Scope item health</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Status</th>
                  <th scope="col">Burn</th>
                  <th scope="col">Forecast finish</th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {h.items.map((item) => (
                  <tr key={item.scopeItemId}>
                    <th scope="row">{item.title}</th>
                    <td>{item.status.replace('_', ' ')}</td>
                    <td>{pct(item.burn)}</td>
                    <td>{item.forecastEnd ?? '—'}</td>
                    <td>{item.reasons.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/** Why a SOW is at risk or off track, one line per reason the API gives. */
export function Reasons({ reasons }: { reasons: readonly string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul>
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}
