import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { QueryState, thisMonday } from '../../components/States';
import { useAllEngineers } from '../engineers/hooks';
import { useMyAssignments } from '../my-work/hooks';
import { type Timesheet, type TimesheetDetail, type TimesheetEntry, useLogHours, useOpenWeek, useReverseEntry, useTimesheet, useTimesheets, useWeekDecision } from './hooks';
import { type AssignmentOption, TimesheetEntryForm } from './TimesheetEntryForm';

function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} h`;
}

/** Engineers keep their weeks here; engagement and senior managers approve or return submitted weeks. */
export function TimesheetsPage() {
  const { user } = useAuth();
  if (user?.role === 'engineer') return <MyTimesheets />;
  return <TimesheetApprovals />;
}

function MyTimesheets() {
  const sheets = useTimesheets();
  const assignments = useMyAssignments();
  const openWeek = useOpenWeek();
  const [weekStart, setWeekStart] = useState(thisMonday());
  const [selected, setSelected] = useState<string | null>(null);
  const options: AssignmentOption[] = (assignments.data ?? [])
    .filter((a) => a.status !== 'proposed')
    .map((a) => ({ id: a.id, label: `${a.sow.title} · ${a.scopeItem.title} (${a.startDate} to ${a.endDate})` }));
  const fieldErrors = openWeek.error instanceof ApiError ? openWeek.error.fieldErrors() : {};

  return (
    <section>
      <h1>Timesheets</h1>
      <form
        aria-label="Open a week"
        className="grid-form"
        onSubmit={(e) => {
          e.preventDefault();
          openWeek.mutate(weekStart, { onSuccess: (sheet) => setSelected(sheet.id) });
        }}
      >
        <Field label="Week starting (Monday)" error={fieldErrors.weekStart}>
          {(p) => <input {...p} type="date" required value={weekStart} onChange={(e) => setWeekStart(e.target.value)} />}
        </Field>
        <button type="submit" disabled={openWeek.isPending}>
          Open week
        </button>
      </form>
      {Object.keys(fieldErrors).length === 0 && <FormError error={openWeek.error} />}
      <h2>My weeks</h2>
      <QueryState isPending={sheets.isPending} error={sheets.error} label="timesheets" />
      {sheets.data?.items.length === 0 && <p>No weeks opened yet.</p>}
      {sheets.data && sheets.data.items.length > 0 && <WeekTable sheets={sheets.data.items} onOpen={setSelected} />}
      {selected && <WeekPanel key={selected} id={selected} assignments={options} mine />}
    </section>
  );
}

function WeekTable({ sheets, onOpen, who }: { sheets: readonly Timesheet[]; onOpen: (id: string) => void; who?: (engineerId: string) => string }) {
  return (
    <table>
      <caption className="sr-only">Weeks</caption>
      <thead>
        <tr>
          {who && <th scope="col">Engineer</th>}
          <th scope="col">Week</th>
          <th scope="col">Status</th>
          <th scope="col">Total</th>
          <th scope="col">Billable</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {sheets.map((s) => (
          <tr key={s.id}>
            {who && <td>{who(s.engineerId)}</td>}
            <td>
              {s.weekStart} to {s.weekEnd}
            </td>
            <td>{s.status}</td>
            <td>{hoursText(s.totalHours)}</td>
            <td>{hoursText(s.billableHours)}</td>
            <td>
              <button type="button" onClick={() => onOpen(s.id)} aria-label={`Show week of ${s.weekStart}${who ? ` for ${who(s.engineerId)}` : ''}`}>
                Show
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One week: entries and totals; the engineer logs, reverses and submits, a manager approves or returns. */
function WeekPanel({ id, assignments, mine }: { id: string; assignments: readonly AssignmentOption[]; mine: boolean }) {
  const sheet = useTimesheet(id);
  return (
    <section className="panel" aria-label="Selected week">
      <QueryState isPending={sheet.isPending} error={sheet.error} label="the week" />
      {sheet.data && <WeekDetail sheet={sheet.data} assignments={assignments} mine={mine} />}
    </section>
  );
}

function WeekDetail({ sheet, assignments, mine }: { sheet: TimesheetDetail; assignments: readonly AssignmentOption[]; mine: boolean }) {
  const log = useLogHours(sheet);
  const reverse = useReverseEntry(sheet);
  const decide = useWeekDecision(sheet);
  const [reason, setReason] = useState('');
  const editable = mine && (sheet.status === 'open' || sheet.status === 'returned');
  const reversed = new Set(sheet.entries.map((e) => e.reversesEntryId).filter((x): x is string => x !== null));
  const label = (e: TimesheetEntry): ReactNode => assignments.find((a) => a.id === e.assignmentId)?.label ?? <Link to={`/sows/${e.sowId}`}>Open the SOW</Link>;
  const decisionErrors = decide.error instanceof ApiError ? decide.error.fieldErrors() : {};

  return (
    <>
      <h2>
        Week of {sheet.weekStart} ({sheet.status})
      </h2>
      {sheet.returnReason && sheet.status === 'returned' && <p role="note">Returned: {sheet.returnReason}</p>}
      <dl className="kpis">
        <div>
          <dt>Total hours</dt>
          <dd>{hoursText(sheet.totalHours)}</dd>
        </div>
        <div>
          <dt>Billable hours</dt>
          <dd>{hoursText(sheet.billableHours)}</dd>
        </div>
      </dl>
      {sheet.entries.length === 0 ? (
        <p>No hours logged this week.</p>
      ) : (
        <table>
          <caption className="sr-only">Entries</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Assignment</th>
              <th scope="col">Hours</th>
              <th scope="col">Billable</th>
              <th scope="col">Note</th>
              {editable && <th scope="col">Correct</th>}
            </tr>
          </thead>
          <tbody>
            {sheet.entries.map((e) => (
              <tr key={e.id}>
                <td>{e.date}</td>
                <td>{label(e)}</td>
                <td>{hoursText(e.hours)}</td>
                <td>{e.billable ? 'yes' : 'no'}</td>
                <td>{e.reversesEntryId ? `Reversal${e.note ? `: ${e.note}` : ''}` : (e.note ?? '')}</td>
                {editable && (
                  <td>
                    {e.reversesEntryId === null && !reversed.has(e.id) && (
                      <button type="button" disabled={reverse.isPending} onClick={() => reverse.mutate(e.id)} aria-label={`Reverse ${hoursText(e.hours)} on ${e.date}`}>
                        Reverse
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={reverse.error} />
      {editable && (
        <>
          <h3>Log hours</h3>
          {assignments.length === 0 ? (
            <p>You have no approved or active assignment to log hours on.</p>
          ) : (
            <TimesheetEntryForm assignments={assignments} weekStart={sheet.weekStart} error={log.error} pending={log.isPending} onSubmit={(entry, reset) => log.mutate(entry, { onSuccess: reset })} />
          )}
          <div className="buttons">
            <button type="button" disabled={decide.isPending || sheet.entries.length === 0} onClick={() => decide.mutate({ action: 'submit' })}>
              Submit week
            </button>
          </div>
        </>
      )}
      {!mine && sheet.status === 'submitted' && (
        <>
          <Field label="Reason for returning" error={decisionErrors.reason}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="buttons">
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ action: 'approve' })}>
              Approve week
            </button>
            <button type="button" className="danger" disabled={decide.isPending || reason.trim() === ''} onClick={() => decide.mutate({ action: 'return', reason })}>
              Return week
            </button>
          </div>
        </>
      )}
      {Object.keys(decisionErrors).length === 0 && <FormError error={decide.error} />}
    </>
  );
}

function TimesheetApprovals() {
  const submitted = useTimesheets({ status: 'submitted' });
  const engineers = useAllEngineers();
  const [selected, setSelected] = useState<string | null>(null);
  const who = (engineerId: string): string => engineers.data?.find((e) => e.id === engineerId)?.name ?? engineerId;
  return (
    <section>
      <h1>Timesheets</h1>
      <h2>Weeks waiting for approval</h2>
      <QueryState isPending={submitted.isPending} error={submitted.error} label="submitted weeks" />
      {submitted.data?.items.length === 0 && <p>No weeks waiting.</p>}
      {submitted.data && submitted.data.items.length > 0 && <WeekTable sheets={submitted.data.items} onOpen={setSelected} who={who} />}
      {selected && <WeekPanel key={selected} id={selected} assignments={[]} mine={false} />}
    </section>
  );
}
