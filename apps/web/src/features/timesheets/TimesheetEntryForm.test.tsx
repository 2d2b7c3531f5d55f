import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { TimesheetEntryForm } from './TimesheetEntryForm';

const ASSIGNMENTS = [
  { id: 'a1', label: 'Acme migration · Move repositories' },
  { id: 'a2', label: 'Globex rollout · Runners' },
];

function renderForm(error: unknown = null) {
  const onSubmit = vi.fn();
  render(<TimesheetEntryForm assignments={ASSIGNMENTS} weekStart="2027-03-01" onSubmit={onSubmit} error={error} pending={false} />);
  return onSubmit;
}

describe('TimesheetEntryForm', () => {
  it('logs hours on one day of the chosen assignment', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    expect(screen.getByRole('button', { name: 'Log hours' })).toHaveProperty('disabled', true);
    await user.selectOptions(screen.getByLabelText('Assignment'), 'a2');
    await user.selectOptions(screen.getByLabelText('Day'), 'Wed 2027-03-03');
    await user.type(screen.getByLabelText('Hours'), '7.5');
    await user.type(screen.getByLabelText('Note (optional)'), 'runner upgrade');
    await user.click(screen.getByRole('button', { name: 'Log hours' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toEqual({ assignmentId: 'a2', date: '2027-03-03', hours: 7.5, note: 'runner upgrade' });
  });

  it('logs hours for the whole week when no day is chosen, and clears hours after success', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    await user.selectOptions(screen.getByLabelText('Assignment'), 'a1');
    await user.type(screen.getByLabelText('Hours'), '40');
    await user.click(screen.getByRole('button', { name: 'Log hours' }));
    expect(onSubmit.mock.calls[0][0]).toEqual({ assignmentId: 'a1', hours: 40 });
    const reset = onSubmit.mock.calls[0][1] as () => void;
    reset();
    expect(await screen.findByLabelText('Hours')).toHaveProperty('value', '');
  });

  it('shows the API messages at the fields they name and the rest as a list', () => {
    const error = new ApiError(400, {
      statusCode: 400,
      code: 'validation_failed',
      message: 'Invalid request',
      details: [
        { field: 'hours', rule: 'max', message: 'hours: at most 24 on one day across entries' },
        { field: 'date', rule: 'range', message: 'date must fall inside the assignment' },
        { field: 'version', rule: 'isInt', message: 'version must be an integer' },
      ],
    });
    renderForm(error);
    const hours = screen.getByLabelText('Hours');
    expect(hours.getAttribute('aria-invalid')).toBe('true');
    expect(hours.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('hours: at most 24 on one day across entries')).toBeTruthy();
    expect(screen.getByLabelText('Day').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('version: version must be an integer')).toBeTruthy();
  });
});
