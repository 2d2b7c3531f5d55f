import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { ScopeTemplate } from './hooks';
import { ScopeItemForm } from './ScopeItemForm';

const TEMPLATES: ScopeTemplate[] = [
  {
    key: 'migration-github',
    name: 'Migration: GitHub to GitLab',
    kind: 'migration',
    description: 'Move repositories and users',
    builtin: true,
    defaults: { estimatedHours: 0, minLevel: 'intermediate', requiredSkills: [], onsiteDays: 0 } as unknown as ScopeTemplate['defaults'],
    sources: [],
    parameters: [
      { name: 'target', type: 'enum', description: 'Destination', required: false, default: 'self_managed', allowedValues: ['saas', 'self_managed'] },
      { name: 'projectCount', type: 'int', description: 'Projects to move', required: true, min: 1, max: 1000 },
      { name: 'airGapped', type: 'bool', description: 'Offline environment', required: false, default: false },
    ],
  },
];

function renderForm(error: unknown = null) {
  const onSubmit = vi.fn();
  render(<ScopeItemForm templates={TEMPLATES} defaultStart="2027-01-04" defaultEnd="2027-02-26" onSubmit={onSubmit} error={error} pending={false} />);
  return onSubmit;
}

describe('ScopeItemForm', () => {
  it('turns the template parameters into labelled fields and submits typed values', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    expect(screen.getByRole('button', { name: 'Add scope item' })).toHaveProperty('disabled', true);
    await user.selectOptions(screen.getByLabelText('Template'), 'migration-github');
    expect(screen.getByLabelText('Destination (optional)')).toHaveProperty('value', 'self_managed');
    await user.type(screen.getByLabelText('Projects to move'), '400');
    await user.selectOptions(screen.getByLabelText('Offline environment (optional)'), 'true');
    await user.clear(screen.getByLabelText('Item end'));
    await user.type(screen.getByLabelText('Item end'), '2027-01-29');
    await user.click(screen.getByRole('button', { name: 'Add scope item' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toEqual({
      templateKey: 'migration-github',
      parameters: { target: 'self_managed', projectCount: 400, airGapped: true },
      startDate: '2027-01-04',
      endDate: '2027-01-29',
    });
  });

  it('shows each API validation message at the field its details name, and marks that field invalid', async () => {
    const user = userEvent.setup();
    const error = new ApiError(400, {
      statusCode: 400,
      code: 'validation_failed',
      message: 'Invalid parameters',
      details: [
        { field: 'parameters.projectCount', rule: 'min: 1', message: 'parameters.projectCount must be at least 1' },
        { field: 'endDate', rule: 'withinSow', message: 'endDate must be within the SOW' },
        { field: 'somethingElse', rule: 'x', message: 'a rule on no field of this form' },
      ],
    });
    renderForm(error);
    await user.selectOptions(screen.getByLabelText('Template'), 'migration-github');
    const projects = screen.getByLabelText('Projects to move');
    expect(projects.getAttribute('aria-invalid')).toBe('true');
    const describedBy = projects.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain('parameters.projectCount must be at least 1');
    expect(screen.getByLabelText('Item end').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Item start').getAttribute('aria-invalid')).toBe('false');
    // A message for no field on the form is still shown, with its field name.
    expect(screen.getByText('somethingElse: a rule on no field of this form')).toBeTruthy();
  });

  it('sends an int field that does not parse as typed, so the API names the rule', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm();
    await user.selectOptions(screen.getByLabelText('Template'), 'migration-github');
    await user.type(screen.getByLabelText('Projects to move'), 'many');
    await user.click(screen.getByRole('button', { name: 'Add scope item' }));
    expect(onSubmit.mock.calls[0][0].parameters.projectCount).toBe('many');
  });
});
