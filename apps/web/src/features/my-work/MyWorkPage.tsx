import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { FormError } from '../../components/Field';
import { addDays, pct, QueryState, thisMonday } from '../../components/States';
import { Timeline } from '../../components/Timeline';
import { useAuth } from '../../app/auth';
import { useCalendarToken, useMyAssignments, useMyProfile, useMyUtilization } from './hooks';
import { DataTable } from '../../components/DataTable';

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
          <DataTable
            caption="My assignments"
            rows={live}
            rowKey={(a) => a.id}
            empty="No assignments yet."
            columns={[
              { header: 'Customer', cell: (a) => a.customer.name },
              { header: 'SOW', cell: (a) => a.sow.title },
              { header: 'Item', cell: (a) => a.scopeItem.title },
              { header: 'Role', cell: (a) => a.role },
              { header: 'Dates', cell: (a) => `${a.startDate} – ${a.endDate}` },
              { header: 'Hours per week', cell: (a) => a.hoursPerWeek },
              { header: 'On-site days', cell: (a) => a.onsiteDays },
              { header: 'Status', cell: (a) => <span className={`badge ${a.status}`}>{a.status}</span> },
            ]}
          />
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
        <DataTable
          caption={`Weeks from ${from} to ${to}`}
          rows={utilization.data.weeks}
          rowKey={(w) => w.period}
          columns={[
            { header: 'Week', cell: (w) => w.period },
            { header: 'Planned hours', cell: (w) => w.plannedHours },
            { header: 'Capacity hours', cell: (w) => w.capacityHours },
            { header: 'Utilization', cell: (w) => pct(w.utilization) },
            { header: 'Target', cell: () => pct(target) },
            { header: 'Against target', cell: (w) => w.status.replace('_', ' ') },
          ]}
        />
      )}
      {utilization.data && (
        <DataTable
          caption="On-site days against my travel limit"
          rows={utilization.data.travel}
          rowKey={(m) => m.month}
          rowClass={(m) => (m.exceeded ? 'over' : undefined)}
          columns={[
            { header: 'Month', cell: (m) => m.month },
            { header: 'On-site days', cell: (m) => m.onsiteDays },
            { header: 'Limit (days)', cell: (m) => m.limitDays },
            { header: 'Share', cell: (m) => `${pct(m.fraction)} of ${pct(m.limit)}${m.exceeded ? ' (over)' : ''}` },
          ]}
        />
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
