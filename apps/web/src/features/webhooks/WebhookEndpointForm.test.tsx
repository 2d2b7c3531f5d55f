import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { WebhookEndpointForm } from './WebhooksPage';

describe('WebhookEndpointForm', () => {
  it('registers a URL with the events ticked, and clears itself when told', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<WebhookEndpointForm onSubmit={onSubmit} error={null} pending={false} />);
    const register = screen.getByRole('button', { name: 'Register endpoint' });
    expect((register as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Endpoint URL'), 'https://hooks.example.com/sow');
    await user.type(screen.getByLabelText('Description'), 'CRM');
    await user.click(screen.getByRole('checkbox', { name: 'sow.approved' }));
    await user.click(screen.getByRole('checkbox', { name: 'staffing_plan.proposed' }));
    await user.click(register);
    expect(onSubmit).toHaveBeenCalledWith({ url: 'https://hooks.example.com/sow', description: 'CRM', events: ['sow.approved', 'staffing_plan.proposed'] }, expect.any(Function));
    const reset = onSubmit.mock.calls[0][1] as () => void;
    reset();
    expect((await screen.findByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('checkbox', { name: 'sow.approved' }) as HTMLInputElement).checked).toBe(false);
  });

  it('shows the refused address at the URL field', () => {
    const error = new ApiError(422, { statusCode: 422, code: 'rule_violation', message: 'url: 10.0.0.8 is private', details: [{ field: 'url', rule: 'publicAddress', message: '10.0.0.8 resolves to a non-public address' }] });
    render(<WebhookEndpointForm onSubmit={vi.fn()} error={error} pending={false} />);
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('10.0.0.8 resolves to a non-public address');
  });
});
