import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ComparisonKpis, HiringTable } from './ScenarioTables';

const kpis = (over: Record<string, unknown>) => ({
  meanUtilization: 0.6, engineersAtTarget: 3, billableEngineers: 5, staffedItems: 4, unstaffedItems: 1, unstaffedHours: 120, unstaffedHoursBySkill: { gcp: 120 },
  onsiteDays: 2, maxTravelFraction: 0.1, currency: 'USD', revenue: '1000.00', margin: '400.00', ...over,
});

describe('ComparisonKpis', () => {
  it('shows both runs side by side, with unstaffed hours per skill from either run', () => {
    render(<ComparisonKpis base={kpis({})} other={kpis({ meanUtilization: 0.75, revenue: '1500.00', unstaffedHoursBySkill: { azure: 40 } })} baseLabel="Live" otherLabel="Scenario" />);
    const table = screen.getByRole('table', { name: 'KPIs side by side' });
    const row = (name: string) => [...within(table).getByRole('rowheader', { name }).parentElement!.children].map((c) => c.textContent);
    expect(row('Mean utilization')).toEqual(['Mean utilization', '60%', '75%']);
    expect(row('Revenue of staffed work')).toEqual(['Revenue of staffed work', '1000.00 USD', '1500.00 USD']);
    expect(row('Unstaffed hours: azure')).toEqual(['Unstaffed hours: azure', '0', '40']);
    expect(row('Unstaffed hours: gcp')).toEqual(['Unstaffed hours: gcp', '120', '0']);
  });

  it('renders nothing until both runs have KPIs', () => {
    const { container } = render(<ComparisonKpis base={kpis({})} other={null} baseLabel="Live" otherLabel="Scenario" />);
    expect(container.innerHTML).toBe('');
  });
});

describe('HiringTable', () => {
  it('lists each hire and training with its cost, revenue and the items it staffs', () => {
    render(
      <HiringTable
        plan={{
          hires: [{ optionId: 'hire-1', level: 'senior', region: 'EMEA', skills: [{ key: 'azure', proficiency: 'mastery' }], startDate: '2027-02-01', cost: '60000.00', revenueUnlocked: '80000.00', items: [{ itemId: 'i1', title: 'AKS install', hours: 320, winProbability: 0.8 }] }],
          trainings: [{ optionId: 'training-1', engineerName: 'Elena', skill: { key: 'terraform', proficiency: 'experience' }, cost: '5800.00', revenueUnlocked: '16000.00', items: [{ itemId: 'i2', title: 'Landing zone', hours: 80, winProbability: 1 }] }],
          currency: 'USD', totalCost: '65800.00', totalRevenueUnlocked: '96000.00', unstaffedHoursBefore: 600, unstaffedHoursAfter: 200,
        }}
      />,
    );
    expect(screen.getByText('Cost 65800.00 USD against 96000.00 USD of revenue unlocked; unstaffed hours 600 → 200.')).toBeTruthy();
    const table = screen.getByRole('table', { name: '1 hires and 1 trainings' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Hire: senior, EMEA, azure (mastery)', '2027-02-01', '60000.00', '80000.00', 'AKS install (320 h, p 0.8)'],
      ['Train Elena: terraform to experience', '—', '5800.00', '16000.00', 'Landing zone (80 h, p 1)'],
    ]);
  });
});
