import { QueryState } from '../../components/States';
import { useCandidates, useFeasibility } from './hooks';

/** Who could do an item: ranked candidates with each criterion's score, then the excluded engineers and why. */
export function CandidatesPanel({ itemId, title, onClose }: { itemId: string; title: string; onClose: () => void }) {
  const result = useCandidates(itemId);
  const feasibility = useFeasibility(itemId);
  const f = feasibility.data;
  return (
    <div className="panel" role="region" aria-label={`Candidates for ${title}`}>
      <div className="panel-head">
        <h2>Candidates for {title}</h2>
        <button type="button" onClick={onClose}>
          Close candidates
        </button>
      </div>
      <QueryState isPending={feasibility.isPending} error={feasibility.error} label="the earliest staffable date" />
      {f && (
        <p aria-label="Earliest staffable date">
          {f.feasibleAsPlanned
            ? `Staffable on its own dates (${f.startDate} – ${f.endDate})`
            : f.earliestStartDate
              ? `Not staffable on its own dates; earliest full start ${f.earliestStartDate} (to ${f.earliestEndDate ?? '?'})`
              : 'Not staffable within a year with today’s team'}
          {f.engineers.length > 0 ? `, by ${f.engineers.slice(0, 3).map((e) => `${e.name} (${e.level})`).join(', ')}` : ''}.
        </p>
      )}
      <QueryState isPending={result.isPending} error={result.error} label="candidates" />
      {result.data && (
        <>
          <p>
            {result.data.eligibleCount} eligible of {result.data.engineersConsidered} engineers considered, {result.data.excludedCount} excluded · {result.data.hoursPerWeek} h/week from{' '}
            {result.data.startDate} to {result.data.endDate}
          </p>
          <div className="table-wrap">
            <table>
              <caption>Ranked candidates</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Engineer</th>
                  <th scope="col">Level</th>
                  <th scope="col">Total</th>
                  {result.data.candidates[0]?.breakdown.map((b) => (
                    <th scope="col" key={b.criterion}>
                      {b.criterion}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.data.candidates.map((c) => (
                  <tr key={c.engineerId}>
                    <td>{c.rank}</td>
                    <td>{c.name}</td>
                    <td>{c.level}</td>
                    <td>{c.total.toFixed(2)}</td>
                    {c.breakdown.map((b) => (
                      <td key={b.criterion} title={b.explanation}>
                        {b.score.toFixed(2)} <small>×{b.weight}</small>
                        <span className="sr-only"> {b.explanation}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(result.data.excluded?.length ?? 0) > 0 && (
            <details>
              <summary>Excluded engineers ({result.data.excluded?.length})</summary>
              <ul className="excluded">
                {result.data.excluded?.map((e) => (
                  <li key={e.engineerId}>
                    <strong>{e.name}</strong> ({e.level}, {e.region}): {e.violations.map((v) => v.message).join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
