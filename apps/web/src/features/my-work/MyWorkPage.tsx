import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { FormError } from '../../components/Field';
import { addDays, pct, QueryState, thisMonday } from '../../components/States';
import { Timeline } from '../../components/Timeline';
import { useAuth } from '../../app/auth';
import { useCalendarToken, useMyAssignments, useMyProfile, useMyUtilization } from './hooks';

type Assignment = Schemas['MyAssignmentResponse'];

function whyPicked(assignment: Assignment): Schemas['StoredScoreResponse'] | null {
  const why: unknown = assignment.whyPicked;
  if (typeof why !== 'object' || why === null || !('breakdown' in why) || !Array.isArray((why as { breakdown: unknown }).breakdown)) return null;
  return why as Schemas['StoredScoreResponse'];
}

export function MyWorkPage() {
  const from = thisMonday();
  const to = addDays(from, 13 * 7 - 1);
  const assignments = useMyAssignments();
  const utilization = useMyUtilization(from, to);
  const { user } = useAuth();
  const profile = useMyProfile(user?.engineerId ?? null);
  const target = profile.data?.utilizationTarget;
  const live = (assignments.data ?? []).filter((a) => a.status !== 'released');
  return (
    <section>
      <h1>My work</h1>
      <QueryState isPending={assignments.isPending} error={assignments.error} label="your assignments" />
      {assignments.data && (
        <>
          <h2>My projects</h2>
          <Timeline
            caption="My projects on a timeline"
            bars={live.map((a) => ({
              id: a.id,
              label: `${a.customer.name}: ${a.scopeItem.title}`,
              start: a.startDate,
              end: a.endDate,
              detail: `${a.hoursPerWeek} h/week, ${a.role}, ${a.status}`,
              tentative: a.status === 'proposed',
            }))}
          />
          <div className="table-wrap">
            <table>
              <caption>My assignments</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">SOW</th>
                  <th scope="col">Item</th>
                  <th scope="col">Role</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Hours per week</th>
                  <th scope="col">On-site days</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {live.map((a) => (
                  <tr key={a.id}>
                    <td>{a.customer.name}</td>
                    <td>{a.sow.title}</td>
                    <td>{a.scopeItem.title}</td>
                    <td>{a.role}</td>
                    <td>
                      {a.startDate} – {a.endDate}
                    </td>
                    <td>{a.hoursPerWeek}</td>
                    <td>{a.onsiteDays}</td>
                    <td>
                      <span className={`badge ${a.status}`}>{a.status}</span>
                    </td>
                  </tr>
                ))}
                {live.length === 0 && (
                  <tr>
                    <td colSpan={8}>No assignments yet.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <h2>Why I was picked</h2>
          {live.map((a) => {
            const why = whyPicked(a);
            return (
              <details key={a.id}>
                <summary>
                  {a.scopeItem.title} ({a.customer.name}){why ? `: score ${why.total.toFixed(2)}` : ''}
                </summary>
                {why ? (
                  <ul>
                    {why.breakdown.map((b) => (
                      <li key={b.criterion}>
                        {b.criterion} {b.score.toFixed(2)} × {b.weight}: {b.explanation}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Assigned by hand: no score was recorded.</p>
                )}
              </details>
            );
          })}
        </>
      )}
      <h2>Hours and utilization per week</h2>
      {profile.data && (
        <p>
          My billable utilization target is {pct(profile.data.utilizationTarget)} (at most {pct(profile.data.maxUtilization)}); my travel limit is {pct(profile.data.travelLimit)} of working days on
          site.
        </p>
      )}
      <QueryState isPending={utilization.isPending} error={utilization.error} label="your utilization" />
      {utilization.data && (
        <div className="table-wrap">
          <table>
            <caption>
              Weeks from {from} to {to}
            </caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Planned hours</th>
                <th scope="col">Capacity hours</th>
                <th scope="col">Utilization</th>
                <th scope="col">Target</th>
                <th scope="col">Against target</th>
              </tr>
            </thead>
            <tbody>
              {utilization.data.weeks.map((w) => (
                <tr key={w.period}>
                  <td>{w.period}</td>
                  <td>{w.plannedHours}</td>
                  <td>{w.capacityHours}</td>
                  <td>{pct(w.utilization)}</td>
                  <td>{pct(target)}</td>
                  <td>{w.status.replace('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {utilization.data && (
        <div className="table-wrap">
          <table>
            <caption>On-site days against my travel limit</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">On-site days</th>
                <th scope="col">Limit (days)</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {utilization.data.travel.map((m) => (
                <tr key={m.month} className={m.exceeded ? 'over' : undefined}>
                  <td>{m.month}</td>
                  <td>{m.onsiteDays}</td>
                  <td>{m.limitDays}</td>
                  <td>
                    {pct(m.fraction)} of {pct(m.limit)}
                    {m.exceeded ? ' (over)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CalendarFeed />
    </section>
  );
}

function CalendarFeed() {
  const token = useCalendarToken();
  const [copied, setCopied] = useState(false);
  const url = token.data ? new URL(token.data.url, window.location.origin).toString() : '';
  return (
    <div className="panel">
      <h2>Calendar feed</h2>
      <p>A secret address your calendar app can subscribe to. Making a new one ends the old one.</p>
      <button type="button" onClick={() => token.mutate()} disabled={token.isPending}>
        Create calendar link
      </button>
      {url && (
        <div className="toolbar">
          <label htmlFor="calendar-url">Calendar feed URL</label>
          <input id="calendar-url" readOnly value={url} onFocus={(e) => e.target.select()} size={60} />
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            Copy link
          </button>
          {copied && <span role="status">Copied</span>}
        </div>
      )}
      <FormError error={token.error} />
    </div>
  );
}
