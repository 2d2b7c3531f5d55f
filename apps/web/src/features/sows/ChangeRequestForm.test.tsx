import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { Sow } from './hooks';
import { ChangeRequestForm } from './SowPage';

const SOW = {
  id: 's1',
  status: 'approved',
  scopeItems: [
    { id: 'i1', title: 'Install 3k HA' },
    { id: 'i2', title: 'Admin training' },
  ],
} as unknown as Sow;

describe('ChangeRequestForm', () => {
  it('asks for new hours of one item, with a reason, as a modify change', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<ChangeRequestForm sow={SOW} onSubmit={onSubmit} error={null} pending={false} />);
    await user.selectOptions(screen.getByLabelText('Scope item'), 'i1');
    await user.type(screen.getByLabelText('New estimated hours'), '240');
    await user.type(screen.getByLabelText('Why'), 'Customer added a Geo site');
    await user.click(screen.getByRole('button', { name: 'Request change' }));
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'Customer added a Geo site', changes: [{ op: 'modify', scopeItemId: 'i1', patch: { estimatedHours: 240 } }] });
  });

  it('removes an item without asking for hours', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<ChangeRequestForm sow={SOW} onSubmit={onSubmit} error={null} pending={false} />);
    await user.selectOptions(screen.getByLabelText('Scope item'), 'i2');
    await user.selectOptions(screen.getByLabelText('Change'), 'remove');
    expect(screen.queryByLabelText('New estimated hours')).toBeNull();
    await user.type(screen.getByLabelText('Why'), 'Training dropped');
    await user.click(screen.getByRole('button', { name: 'Request change' }));
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'Training dropped', changes: [{ op: 'remove', scopeItemId: 'i2' }] });
  });

  it('shows the API message at the field it names', () => {
    const error = new ApiError(400, { statusCode: 400, code: 'validation_failed', message: 'bad', details: [{ field: 'changes[0].patch.estimatedHours', rule: 'min: 1', message: 'estimatedHours must be at least 1' }] });
    render(<ChangeRequestForm sow={SOW} onSubmit={vi.fn()} error={error} pending={false} />);
    const hours = screen.getByLabelText('New estimated hours');
    expect(hours.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('estimatedHours must be at least 1');
  });
});
