import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { Field, UnplacedErrors } from '../../components/Field';
import { addDays } from '../../components/States';
import type { LogHours } from './hooks';

export interface AssignmentOption {
  id: string;
  label: string;
}

const SHOWN = new Set(['assignmentId', 'date', 'hours', 'note']);
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Logs hours on one assignment, for one day of the week or for the whole week (the API spreads them
 * over the working days up to today, and refuses a day not yet reached). The API's messages (`details[].field`) are shown at the field they name.
 */
export function TimesheetEntryForm({
  assignments,
  weekStart,
  onSubmit,
  error,
  pending,
}: {
  assignments: readonly AssignmentOption[];
  weekStart: string;
  onSubmit: (entry: LogHours, reset: () => void) => void;
  error: unknown;
  pending: boolean;
}) {
  const [assignmentId, setAssignmentId] = useState(assignments.length === 1 ? assignments[0].id : '');
  const [date, setDate] = useState('');
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  const days = DAY_NAMES.map((name, i) => ({ name, date: addDays(weekStart, i) }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    // Hours that do not parse are sent as typed so the API names the rule they break.
    const parsed = hours.trim() !== '' && Number.isFinite(Number(hours)) ? Number(hours) : (hours as unknown as number);
    const entry: LogHours = { assignmentId, hours: parsed };
    if (date) entry.date = date;
    if (note.trim()) entry.note = note.trim();
    onSubmit(entry, () => {
      setHours('');
      setNote('');
    });
  };

  return (
    <form onSubmit={submit} aria-label="Log hours" className="grid-form">
      <Field label="Assignment" error={errors.assignmentId}>
        {(p) => (
          <select {...p} required value={assignmentId} onChange={(e) => setAssignmentId(e.target.value)}>
            <option value="">Choose an assignment</option>
            {assignments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Day" error={errors.date} hint="The whole week spreads the hours over its working days up to today; days not yet reached are refused">
        {(p) => (
          <select {...p} value={date} onChange={(e) => setDate(e.target.value)}>
            <option value="">Whole week</option>
            {days.map((d) => (
              <option key={d.date} value={d.date}>
                {d.name} {d.date}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Hours" error={errors.hours}>
        {(p) => <input {...p} inputMode="decimal" required value={hours} onChange={(e) => setHours(e.target.value)} />}
      </Field>
      <Field label="Note (optional)" error={errors.note}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <UnplacedErrors error={error} shown={SHOWN} />
      <button type="submit" disabled={pending || assignmentId === ''}>
        Log hours
      </button>
    </form>
  );
}
